import { once } from 'node:events'
import type { Writable } from 'node:stream'

import { csvHeader, csvRow, UTF8_BOM, type CsvValue } from '../../../shared/csv'

export {
  csvField,
  csvHeader,
  csvHeaderField,
  csvRow,
  CSV_LINE_END,
  neutraliseFormula,
  restoreNeutralised,
  toCsv,
  UTF8_BOM,
  type CsvValue,
} from '../../../shared/csv'

const FLUSH_AT = 64 * 1024

/**
 * Buffers rows into large writes and honours the stream's backpressure: `row()` returns a
 * promise only when the caller must wait for the stream to drain. Every chunk written also goes
 * to `onChunk` (a hash of the file, for instance).
 */
export class CsvSink {
  rows = 0
  private buffer = ''
  private failure: Error | null = null

  constructor(
    private readonly out: Writable,
    private readonly onChunk?: (chunk: string) => void,
  ) {
    out.on('error', (error) => {
      this.failure ??= error
    })
  }

  start(header: readonly string[], options: { bom?: boolean } = {}) {
    this.buffer += (options.bom ? UTF8_BOM : '') + csvHeader(header)
  }

  row(values: readonly CsvValue[]): Promise<void> | undefined {
    this.buffer += csvRow(values)
    this.rows++
    return this.buffer.length >= FLUSH_AT ? this.flush() : undefined
  }

  /** Writes what is buffered; resolves once the stream can take more. */
  async flush(): Promise<void> {
    if (this.failure) throw this.failure
    if (this.buffer === '') return
    const chunk = this.buffer
    this.buffer = ''
    this.onChunk?.(chunk)
    if (!this.out.write(chunk, 'utf8')) {
      if (this.out.destroyed) throw this.failure ?? new Error('the output closed early')
      // Rejects if the stream fails while we wait.
      await once(this.out, 'drain')
    }
    if (this.failure) throw this.failure
  }
}
