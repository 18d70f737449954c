/** The one error shape that crosses every boundary (IPC, HTTP, CLI): never a stack trace. */
export interface ErrorInfo {
  code: ErrorCode
  message: string
  field?: string
}

export type ErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'conflict'
  | 'newer_database'
  | 'database_unreadable'
  | 'io_error'
  | 'internal'
  | 'cancelled'
  /** Another connection holds the write lock (an import, a recomputation): nothing was changed. */
  | 'busy'

export class LogbookError extends Error {
  readonly code: ErrorCode
  readonly field: string | undefined

  constructor(code: ErrorCode, message: string, field?: string) {
    super(message)
    this.name = 'LogbookError'
    this.code = code
    this.field = field
  }

  toInfo(): ErrorInfo {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field }
  }
}
