import { StringDecoder } from 'node:string_decoder'

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252'

export interface DetectedEncoding {
  encoding: TextEncodingName
  /** Bytes of byte-order mark at the start of the file (0 when there is none). */
  bomLength: number
  /** In words, for the "what was detected" screen. */
  reason: string
}

export const ENCODING_NAMES: Record<TextEncodingName, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  'windows-1252': 'Windows-1252',
}

const BOMS: readonly [TextEncodingName, readonly number[]][] = [
  ['utf-8', [0xef, 0xbb, 0xbf]],
  ['utf-16le', [0xff, 0xfe]],
  ['utf-16be', [0xfe, 0xff]],
]

function startsWith(bytes: Uint8Array, prefix: readonly number[]) {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b)
}

/**
 * Whether `bytes` is valid UTF-8. When `complete` is false the sample was cut from a longer file,
 * so a multi-byte character left unfinished at its end is not held against it (the streaming
 * decoder keeps those bytes back instead of failing).
 */
export function isValidUtf8(bytes: Uint8Array, complete: boolean): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: !complete })
    return true
  } catch {
    return false
  }
}

/** Whether the bytes hold at least one well-formed multi-byte UTF-8 character. */
function holdsUtf8Characters(bytes: Uint8Array) {
  for (let i = 0; i + 1 < bytes.length; i++) {
    const lead = bytes[i] ?? 0
    const length =
      lead >= 0xf0 && lead <= 0xf4 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc2 && lead < 0xe0 ? 2 : 0
    if (length === 0 || i + length > bytes.length) continue
    let continuation = true
    for (let j = 1; j < length; j++) continuation &&= ((bytes[i + j] ?? 0) & 0xc0) === 0x80
    if (continuation) return true
  }
  return false
}

/**
 * The encoding of a file from its first bytes: a byte-order mark decides; otherwise text that is
 * valid UTF-8 is UTF-8, and anything else is taken as Windows-1252 (which decodes every byte, so
 * old spreadsheet exports with é or € still read). UTF-16 without a BOM is not guessed.
 */
export function detectEncoding(sample: Uint8Array, complete: boolean): DetectedEncoding {
  for (const [encoding, bom] of BOMS) {
    if (startsWith(sample, bom)) {
      return {
        encoding,
        bomLength: bom.length,
        reason: `${ENCODING_NAMES[encoding]} byte-order mark`,
      }
    }
  }
  if (isValidUtf8(sample, complete)) {
    return { encoding: 'utf-8', bomLength: 0, reason: 'valid UTF-8 (no byte-order mark)' }
  }
  if (holdsUtf8Characters(sample)) {
    // Reading it as Windows-1252 would turn its UTF-8 characters into mojibake without a word;
    // as UTF-8, the lines with stray bytes are named instead.
    return {
      encoding: 'utf-8',
      bomLength: 0,
      reason: 'UTF-8 mixed with bytes of another encoding (the lines holding those are refused)',
    }
  }
  return {
    encoding: 'windows-1252',
    bomLength: 0,
    reason: 'not valid UTF-8 and no byte-order mark, so read as Windows-1252',
  }
}

/** A streaming decoder's two calls: the WHATWG TextDecoder's and Node's string_decoder's. */
interface ChunkDecoder {
  write(bytes: Uint8Array): string
  end(): string
}

/**
 * Node's string_decoder for UTF-8: with `stream: true`, TextDecoder leaves its fast path (ASCII
 * text is decoded to two-byte strings and copied back), which made decoding a 115 MB ASCII event
 * log take 0.75 s against 0.08 s (docs/imports/events.md). Not for UTF-16: string_decoder drops
 * an odd byte left at the end, where TextDecoder gives U+FFFD (and the reader names the line).
 */
function chunkDecoder(encoding: TextEncodingName): ChunkDecoder {
  if (encoding === 'utf-8') {
    const decoder = new StringDecoder('utf8')
    return {
      write: (bytes) => decoder.write(bytes),
      end: () => decoder.end(),
    }
  }
  // The BOM is skipped by byte count, so the decoder must not also eat one.
  const decoder = new TextDecoder(encoding, { ignoreBOM: true })
  return {
    write: (bytes) => decoder.decode(bytes, { stream: true }),
    end: () => decoder.decode(),
  }
}

/**
 * Decodes a file chunk by chunk: characters split across chunk boundaries are held back until
 * the rest arrives. Never fatal: bytes that are not valid in the encoding become U+FFFD, which
 * the reader reports per row.
 */
export class StreamingDecoder {
  private readonly decoder: ChunkDecoder
  private bomToSkip: number

  constructor(detected: Pick<DetectedEncoding, 'encoding' | 'bomLength'>) {
    this.decoder = chunkDecoder(detected.encoding)
    this.bomToSkip = detected.bomLength
  }

  write(chunk: Uint8Array): string {
    let bytes = chunk
    if (this.bomToSkip > 0) {
      const skip = Math.min(this.bomToSkip, bytes.length)
      bytes = bytes.subarray(skip)
      this.bomToSkip -= skip
    }
    return this.decoder.write(bytes)
  }

  /** Whatever was held back; an unfinished character at the very end becomes U+FFFD. */
  end(): string {
    return this.decoder.end()
  }
}
