import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  detectEncoding,
  isValidUtf8,
  StreamingDecoder,
  type TextEncodingName,
} from '../../electron/services/csv/encoding'

const utf8 = (text: string) => Buffer.from(text, 'utf8')

describe('detectEncoding', () => {
  it.each<[string, number[], TextEncodingName, number]>([
    ['UTF-8 BOM', [0xef, 0xbb, 0xbf, 0x61], 'utf-8', 3],
    ['UTF-16 LE BOM', [0xff, 0xfe, 0x61, 0x00], 'utf-16le', 2],
    ['UTF-16 BE BOM', [0xfe, 0xff, 0x00, 0x61], 'utf-16be', 2],
  ])('a %s decides', (_name, bytes, encoding, bomLength) => {
    const detected = detectEncoding(Uint8Array.from(bytes), true)
    expect(detected).toMatchObject({ encoding, bomLength })
    expect(detected.reason).toMatch(/byte-order mark/)
  })

  it('valid UTF-8 without a BOM is UTF-8', () => {
    expect(detectEncoding(utf8('name,city\nZoë,Zürich\n'), true)).toMatchObject({
      encoding: 'utf-8',
      bomLength: 0,
    })
  })

  it('bytes that are not UTF-8 fall back to Windows-1252', () => {
    const bytes = Buffer.from('Café;2,50 \x80\n', 'latin1')
    expect(detectEncoding(bytes, true)).toMatchObject({ encoding: 'windows-1252', bomLength: 0 })
  })

  it('a multi-byte character cut by the end of a partial sample is not held against it', () => {
    const euro = utf8('price €') // € is 3 bytes
    const cut = euro.subarray(0, euro.length - 1)
    expect(isValidUtf8(cut, false)).toBe(true)
    expect(detectEncoding(cut, false).encoding).toBe('utf-8')
    // …but at the real end of the file the same bytes are not valid UTF-8.
    expect(detectEncoding(cut, true).encoding).toBe('windows-1252')
  })
})

describe('StreamingDecoder', () => {
  it.each<[TextEncodingName, Buffer]>([
    ['utf-8', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8('é€😀,x\n')])],
    ['utf-16le', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('é€😀,x\n', 'utf16le')])],
    ['windows-1252', Buffer.from('\xe9\x80,x\n', 'latin1')],
  ])('decodes %s split at every byte, BOM dropped', (encoding, bytes) => {
    const expected = encoding === 'windows-1252' ? 'é€,x\n' : 'é€😀,x\n'
    const detected = detectEncoding(bytes, true)
    expect(detected.encoding).toBe(encoding)
    const decoder = new StreamingDecoder(detected)
    let text = ''
    for (const byte of bytes) text += decoder.write(Uint8Array.of(byte))
    text += decoder.end()
    expect(text).toBe(expected)
  })

  it('UTF-16 BE with BOM', () => {
    const le = Buffer.from('Été,1\n', 'utf16le')
    const be = Buffer.from(le).swap16()
    const bytes = Buffer.concat([Buffer.from([0xfe, 0xff]), be])
    const decoder = new StreamingDecoder(detectEncoding(bytes, true))
    expect(decoder.write(bytes) + decoder.end()).toBe('Été,1\n')
  })

  it('bytes that are not UTF-8 become U+FFFD wherever the chunks split, and so does an unfinished character at the end', () => {
    const bytes = Buffer.concat([
      utf8('a'),
      Buffer.from([0xff]),
      utf8('b€'),
      Buffer.from([0xe2, 0x82]),
    ])
    for (let size = 1; size <= bytes.length; size++) {
      const decoder = new StreamingDecoder({ encoding: 'utf-8', bomLength: 0 })
      let text = ''
      for (let i = 0; i < bytes.length; i += size)
        text += decoder.write(bytes.subarray(i, i + size))
      expect(text + decoder.end()).toBe('a\ufffdb€\ufffd')
    }
  })

  it('UTF-16 LE with an odd byte left at the end ends in U+FFFD, not silently shorter', () => {
    const decoder = new StreamingDecoder({ encoding: 'utf-16le', bomLength: 0 })
    expect(decoder.write(Buffer.from([0x61, 0, 0x62])) + decoder.end()).toBe('a\ufffd')
  })

  it('any UTF-8 text reads back the same however it is split into chunks', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.integer({ min: 1, max: 7 }), (s, size) => {
        const bytes = utf8(s)
        const decoder = new StreamingDecoder({ encoding: 'utf-8', bomLength: 0 })
        let text = ''
        for (let i = 0; i < bytes.length; i += size)
          text += decoder.write(bytes.subarray(i, i + size))
        expect(text + decoder.end()).toBe(s)
      }),
    )
  })
})
