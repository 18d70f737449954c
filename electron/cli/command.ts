import type { ParseArgsConfig } from 'node:util'

export interface CliIo {
  out: (line: string) => void
  err: (line: string) => void
}

export interface CommandContext extends CliIo {
  /** The database file the command works on (`--db`, `LOGBOOK_DB`, or the app's own file). */
  dbPath: string
}

export type OptionSpec = NonNullable<ParseArgsConfig['options']>

export interface Command {
  name: string
  summary: string
  /** Usage lines after `logbook [--db PATH] <name>`. */
  usage: string
  options: OptionSpec
  run(
    ctx: CommandContext,
    values: Record<string, string | boolean | undefined>,
    positionals: string[],
  ): Promise<void>
}

/** A mistake in how the command was called: exit code 2 and a pointer to --help. */
export class UsageError extends Error {}
