import { createReadStream } from 'node:fs'
import { basename } from 'node:path'
import Papa, { type ParseError, type ParseResult } from 'papaparse'
import { LogbookError } from '../../../shared/errors'
import { DELIMITER_NAMES, detectDelimiter, type Delimiter } from './delimiter'
import {
  detectEncoding,
  StreamingDecoder,
  type DetectedEncoding,
  type TextEncodingName,
} from './encoding'

/** A field longer than this is refused (no field of any export Logbook reads comes close). */
export const FIELD_LIMIT = 1024 * 1024
/**
 * A record still unfinished after this many characters is skipped without being held in memory:
 * it is a huge field or an unclosed quote, and either way it cannot be imported.
 */
export const ROW_LIMIT = 4 * FIELD_LIMIT

const SAMPLE_BYTES = 64 * 1024
const READ_CHUNK_BYTES = 256 * 1024
const MB = FIELD_LIMIT

export interface CsvRowError {
  /** The physical line in the file on which the record starts (1-based). */
  line: number
  reason: string
}

export interface ReadCsvOptions {
  /** Every data row after the header, with the physical line it starts on. */
  onRow(row: string[], line: number): void
  /** A record that could not be read; reading goes on with the next one. */
  onError(error: CsvRowError): void
  /** The header (the first non-blank record), before any row. */
  onHeader?(header: string[], line: number): void
  /** What was detected, before the first record is parsed. */
  onFormat?(format: CsvFormat): void
  /** Each chunk of the file's bytes as read, with the total so far (hashing, progress). */
  onChunk?(chunk: Buffer, bytesRead: number): void
  signal?: AbortSignal
  /** Skip detection and use this delimiter / encoding. */
  delimiter?: Delimiter
  encoding?: TextEncodingName
  /** Bytes per read (default 256 KiB); tests use tiny reads to cross every boundary. */
  chunkBytes?: number
  /** The name the person knows the file by, for messages (an upload is staged under another). */
  fileName?: string
}

export interface CsvFormat {
  encoding: TextEncodingName
  encodingReason: string
  delimiter: Delimiter
  delimiterReason: string
  lineBreak: '\r\n' | '\n' | '\r'
}

export interface CsvReadResult {
  encoding: TextEncodingName
  encodingReason: string
  delimiter: Delimiter
  delimiterReason: string
  /** The record terminator split on: '\r\n' only when every line in the sample ends so. */
  lineBreak: '\r\n' | '\n' | '\r'
  /** Names of the first non-blank record, trimmed; empty for an empty file. */
  header: string[]
  /** Data rows passed to onRow. */
  rows: number
  /** Records passed to onError. */
  errors: number
}

function notCsv(name: string, why: string) {
  return new LogbookError('invalid_input', `${name} does not look like a CSV file: ${why}`)
}

/** Random bytes and binary files: refused as a whole rather than reported line by line. */
function assertLooksLikeText(name: string, text: string) {
  if (text.includes('\u0000')) {
    throw notCsv(
      name,
      'it contains NUL bytes (a binary file, or UTF-16 text without a byte-order mark)',
    )
  }
  let unreadable = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || (c >= 0x7f && c < 0xa0) || c === 0xfffd) {
      unreadable++
    }
  }
  if (text.length > 0 && unreadable / text.length > 0.01) {
    const share = Math.round((unreadable / text.length) * 100)
    throw notCsv(name, `${share}% of its first characters are control or unreadable characters`)
  }
}

/**
 * The record terminator the parser splits on, from the terminators outside quotes in the sample
 * (a quote opens a quoted field only at the start of a field). CRLF only when every one is CRLF:
 * with any bare LF the file is split on LF and a CR left before it is dropped, so a file mixing
 * the two still reads.
 */
function detectLineBreak(text: string, delimiter: Delimiter): CsvReadResult['lineBreak'] {
  let crlf = 0
  let lf = 0
  let cr = 0
  let inQuotes = false
  let fieldStart = true
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') i++
        else inQuotes = false
      }
      continue
    }
    if (ch === '\n') lf++
    else if (ch === '\r') {
      if (text[i + 1] === '\n') {
        crlf++
        i++
      } else if (i + 1 < text.length) cr++
    } else if (ch === '"' && fieldStart) inQuotes = true
    fieldStart = ch === '\n' || ch === '\r' || ch === delimiter
  }
  if (lf > 0) return '\n'
  if (crlf > 0) return '\r\n'
  return cr > 0 ? '\r' : '\n'
}

function countOf(text: string, ch: string) {
  let n = 0
  for (let i = text.indexOf(ch); i !== -1; i = text.indexOf(ch, i + 1)) n++
  return n
}

const UNCLOSED_QUOTE =
  'unclosed quote: a quoted field starts on this line and never ends, so nothing after it could be read'

function quoteError(error: ParseError, delimiter: Delimiter) {
  if (error.code === 'MissingQuotes') return UNCLOSED_QUOTE
  return `malformed quotes: a quoted field is followed by other text before the next ${DELIMITER_NAMES[delimiter]} or line end`
}

/**
 * Walks over a record too long to keep, from its first character, holding nothing but its
 * state: which physical lines it covers, its longest field, and where it ends. Follows the
 * parser's quoting: a quote opens a field only at its start; `""` inside is a quote.
 */
class RecordSkipper {
  private inQuotes = false
  private fieldStart = true
  private quoteAtChunkEnd = false
  private fieldLength = 0
  longestField = 0
  newlines = 0

  constructor(
    private readonly delimiter: string,
    private readonly newline: '\n' | '\r',
  ) {}

  /** Consumes `text`; returns the index just after the record's end, or -1 if it goes on. */
  consume(text: string): number {
    let i = 0
    if (this.quoteAtChunkEnd) {
      this.quoteAtChunkEnd = false
      if (text[0] === '"') i = 1
      else this.inQuotes = false
    }
    while (i < text.length) {
      if (this.inQuotes) {
        const quote = text.indexOf('"', i)
        const end = quote === -1 ? text.length : quote
        this.newlines += countOf(text.slice(i, end), this.newline)
        this.fieldLength += end - i
        if (quote === -1) break
        if (quote === text.length - 1) {
          this.quoteAtChunkEnd = true
          break
        }
        if (text[quote + 1] === '"') {
          this.fieldLength++
          i = quote + 2
        } else {
          this.inQuotes = false
          i = quote + 1
        }
        continue
      }
      const ch = text[i]
      if (ch === this.newline) {
        this.newlines++
        this.endField()
        return i + 1
      }
      if (ch === this.delimiter) {
        this.endField()
        this.fieldStart = true
      } else {
        if (ch === '"' && this.fieldStart) this.inQuotes = true
        else this.fieldLength++
        this.fieldStart = false
      }
      i++
    }
    this.longestField = Math.max(this.longestField, this.fieldLength)
    return -1
  }

  /** At the end of the file: whether the record ended inside a quoted field. */
  get unclosedQuote() {
    return this.inQuotes && !this.quoteAtChunkEnd
  }

  private endField() {
    this.longestField = Math.max(this.longestField, this.fieldLength)
    this.fieldLength = 0
  }
}

/** Feeds decoded text to papaparse's parser record by record, keeping line numbers. */
class CsvChunkParser {
  rows = 0
  errors = 0
  header: string[] | null = null
  private pending = ''
  /** The physical line on which `pending` starts. */
  private line = 1
  private skipper: RecordSkipper | null = null
  private skipStartLine = 0
  private readonly parser: Papa.Parser
  /** The character counted as a physical line (CRLF counts its LF). */
  private readonly newline: '\n' | '\r'
  private readonly stripCarriageReturn: boolean

  constructor(
    private readonly delimiter: Delimiter,
    lineBreak: CsvReadResult['lineBreak'],
    private readonly options: ReadCsvOptions,
  ) {
    this.newline = lineBreak === '\r' ? '\r' : '\n'
    // Split on LF, a CRLF line leaves its CR at the end of the last field: dropped here. Files
    // whose lines all end in CRLF (Logbook's own exports) are split on CRLF instead, so a quoted
    // value that really ends in a CR keeps it.
    this.stripCarriageReturn = lineBreak === '\n'
    this.parser = new Papa.Parser({ delimiter, newline: lineBreak, quoteChar: '"' })
  }

  push(text: string) {
    if (this.skipper) {
      const end = this.skipper.consume(text)
      if (end === -1) return
      this.endSkip()
      text = text.slice(end)
    }
    this.pending += text
    this.parse(false)
    if (this.pending.length > ROW_LIMIT) {
      const pending = this.pending
      this.pending = ''
      this.skipper = new RecordSkipper(this.delimiter, this.newline)
      this.skipStartLine = this.line
      this.push(pending)
    }
  }

  finish() {
    if (this.skipper) {
      if (this.skipper.unclosedQuote) {
        this.error(this.skipStartLine, UNCLOSED_QUOTE)
        this.skipper = null
      } else this.endSkip()
      return
    }
    this.parse(true)
  }

  private endSkip() {
    const skipper = this.skipper
    if (!skipper) return
    const reason =
      skipper.longestField > FIELD_LIMIT
        ? `a field is longer than ${FIELD_LIMIT / MB} MB`
        : `the record is longer than ${ROW_LIMIT / MB} MB`
    this.error(this.skipStartLine, reason)
    this.line = this.skipStartLine + skipper.newlines
    this.skipper = null
  }

  private error(line: number, reason: string) {
    this.errors++
    this.options.onError({ line, reason })
  }

  private parse(final: boolean) {
    const input = this.pending
    if (input === '') return
    const result = this.parser.parse(input, 0, !final) as ParseResult<string[]>
    const { data } = result
    const rowErrors = new Map<number, ParseError>()
    for (const e of result.errors) {
      if (e.row !== undefined && e.row < data.length && !rowErrors.has(e.row))
        rowErrors.set(e.row, e)
    }
    const multiline = input.includes(this.newline) && input.includes('"')
    const replaced = input.includes('\uFFFD')
    const signal = this.options.signal
    for (let i = 0; i < data.length; i++) {
      const row = data[i] ?? []
      const start = this.line
      let lines = 1
      if (multiline) for (const field of row) lines += countOf(field, this.newline)
      this.line += lines
      if (this.stripCarriageReturn) {
        const last = row.length - 1
        const value = row[last]
        if (value !== undefined && value.endsWith('\r')) row[last] = value.slice(0, -1)
      }
      signal?.throwIfAborted()
      const parseError = rowErrors.get(i)
      if (parseError) {
        const trailing = row.at(-1)?.endsWith(this.newline) ? 1 : 0
        const end = start + lines - 1 - trailing
        const span = end > start ? ` (lines ${start}–${end})` : ''
        this.error(start, `${quoteError(parseError, this.delimiter)}${span}`)
      } else this.accept(row, start, replaced)
    }
    this.pending = final ? '' : input.slice(result.meta.cursor)
  }

  private accept(row: string[], line: number, mayHoldReplacement: boolean) {
    if (row.length === 1 && (row[0] ?? '').trim() === '') return
    for (let f = 0; f < row.length; f++) {
      const length = (row[f] ?? '').length
      if (length > FIELD_LIMIT) {
        this.error(
          line,
          `field ${f + 1} is longer than ${FIELD_LIMIT / MB} MB (${length} characters)`,
        )
        return
      }
    }
    if (mayHoldReplacement && row.some((field) => field.includes('\uFFFD'))) {
      this.error(line, 'the line holds bytes that are not valid text in the file’s encoding')
      return
    }
    if (this.header === null) {
      this.header = row.map((name) => name.replace(/^\uFEFF/, '').trim())
      this.options.onHeader?.(this.header, line)
      return
    }
    this.rows++
    this.options.onRow(row, line)
  }
}

function ioError(path: string, error: unknown) {
  const reason = error instanceof Error ? error.message : String(error)
  return new LogbookError('io_error', `Cannot read ${path}: ${reason}`)
}

function isAbort(error: unknown) {
  return error instanceof Error && error.name === 'AbortError'
}

function chosenEncoding(encoding: TextEncodingName, sample: Uint8Array): DetectedEncoding {
  const detected = detectEncoding(sample, false)
  const bomLength = detected.encoding === encoding ? detected.bomLength : 0
  return { encoding, bomLength, reason: 'chosen' }
}

/**
 * Streams a CSV file through the detected encoding into papaparse, a chunk at a time: memory
 * stays bounded whatever the file's size. Rows are reported with the physical line they start
 * on; a record that cannot be read is reported with its line and skipped. A file that is not
 * text at all is one LogbookError.
 */
export async function readCsv(path: string, options: ReadCsvOptions): Promise<CsvReadResult> {
  const { signal } = options
  signal?.throwIfAborted()
  const highWaterMark = options.chunkBytes ?? READ_CHUNK_BYTES
  const stream = createReadStream(path, { highWaterMark, signal })
  const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>
  const next = async () => {
    try {
      return await chunks.next()
    } catch (error) {
      throw isAbort(error) ? error : ioError(path, error)
    }
  }
  try {
    const head: Buffer[] = []
    let headBytes = 0
    let ended = false
    while (headBytes < SAMPLE_BYTES) {
      const chunk = await next()
      if (chunk.done) {
        ended = true
        break
      }
      head.push(chunk.value)
      headBytes += chunk.value.length
    }
    const sampleBytes = Buffer.concat(head)
    const encoding = options.encoding
      ? chosenEncoding(options.encoding, sampleBytes)
      : detectEncoding(sampleBytes, ended)
    const sampleDecoder = new StreamingDecoder(encoding)
    const sample = sampleDecoder.write(sampleBytes) + (ended ? sampleDecoder.end() : '')
    assertLooksLikeText(options.fileName ?? basename(path), sample)
    const delimiter = options.delimiter
      ? { delimiter: options.delimiter, reason: 'chosen' }
      : detectDelimiter(sample, ended)
    const lineBreak = detectLineBreak(sample, delimiter.delimiter)
    options.onFormat?.({
      encoding: encoding.encoding,
      encodingReason: encoding.reason,
      delimiter: delimiter.delimiter,
      delimiterReason: delimiter.reason,
      lineBreak,
    })

    // The sample was decoded only to detect; the parser gets the file chunk by chunk as read.
    const parser = new CsvChunkParser(delimiter.delimiter, lineBreak, options)
    const decoder = new StreamingDecoder(encoding)
    let bytesRead = 0
    const push = (chunk: Buffer) => {
      bytesRead += chunk.length
      options.onChunk?.(chunk, bytesRead)
      parser.push(decoder.write(chunk))
    }
    for (const chunk of head) push(chunk)
    if (!ended) {
      for (let chunk = await next(); !chunk.done; chunk = await next()) {
        signal?.throwIfAborted()
        push(chunk.value)
      }
    }
    parser.push(decoder.end())
    parser.finish()
    return {
      encoding: encoding.encoding,
      encodingReason: encoding.reason,
      delimiter: delimiter.delimiter,
      delimiterReason: delimiter.reason,
      lineBreak,
      header: parser.header ?? [],
      rows: parser.rows,
      errors: parser.errors,
    }
  } finally {
    stream.destroy()
  }
}
