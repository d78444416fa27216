import { describe, expect, it } from 'vitest'
import { decodeDigestBytes } from './decode'

const bytes = (...values: number[]) => Uint8Array.from(values)
const utf8 = (text: string) => new TextEncoder().encode(text)

describe('decodeDigestBytes', () => {
  it('reads UTF-8 with and without a BOM', () => {
    expect(decodeDigestBytes(utf8('Aug 6 — café'))).toBe('Aug 6 — café')
    expect(decodeDigestBytes(bytes(0xef, 0xbb, 0xbf, ...utf8('Aug 6')))).toBe('Aug 6')
  })

  it('reads UTF-16 LE and BE with a BOM', () => {
    expect(decodeDigestBytes(bytes(0xff, 0xfe, 0x41, 0x00, 0xe9, 0x00))).toBe('Aé')
    expect(decodeDigestBytes(bytes(0xfe, 0xff, 0x00, 0x41, 0x00, 0xe9))).toBe('Aé')
  })

  it('reads UTF-16 without a BOM when the zero bytes of ASCII text show the byte order', () => {
    const le = new Uint8Array(Buffer.from('Aug 6\n\nA title', 'utf16le'))
    expect(decodeDigestBytes(le)).toBe('Aug 6\n\nA title')
    const be = new Uint8Array(Buffer.from('Aug 6\n\nA title', 'utf16le').swap16())
    expect(decodeDigestBytes(be)).toBe('Aug 6\n\nA title')
  })

  it('refuses UTF-16 with a lone surrogate or a cut last character, and UTF-32', () => {
    expect(() => decodeDigestBytes(bytes(0xff, 0xfe, 0x41, 0x00, 0x00, 0xd8, 0x41, 0x00))).toThrow(
      /UTF-16LE but not valid UTF-16LE \(a lone surrogate/,
    )
    expect(() => decodeDigestBytes(bytes(0xfe, 0xff, 0x00, 0x41, 0x00))).toThrow(/UTF-16BE/)
    expect(() => decodeDigestBytes(bytes(0xff, 0xfe, 0, 0, 0x41, 0, 0, 0))).toThrow(/UTF-32/)
    expect(() => decodeDigestBytes(bytes(0, 0, 0xfe, 0xff, 0, 0, 0, 0x41))).toThrow(/UTF-32/)
  })

  it('refuses UTF-8 with a surrogate written as three bytes, naming the line', () => {
    expect(() => decodeDigestBytes(bytes(...utf8('Aug 6\n\nA '), 0xed, 0xa0, 0x80))).toThrow(
      /line 3 holds a lone UTF-16 surrogate/,
    )
  })

  it('refuses damaged UTF-8 instead of reading it as Windows-1252 mojibake', () => {
    const damaged = bytes(...utf8('Aug 6 — café\n\nA t'), 0xe9, ...utf8('tle'))
    expect(() => decodeDigestBytes(damaged)).toThrow(
      /line 3 is not valid UTF-8 although the rest of the file is/,
    )
    const cutMidCharacter = utf8('Aug 6 — café').subarray(0, -1)
    expect(() => decodeDigestBytes(cutMidCharacter)).toThrow(/line 1 is not valid UTF-8/)
  })

  it('decodes text that is not UTF-8 as Windows-1252, faithfully', () => {
    // "café – “quoted”" in Windows-1252
    const cp1252 = bytes(0x63, 0x61, 0x66, 0xe9, 0x20, 0x96, 0x20, 0x93, 0x71, 0x94)
    expect(decodeDigestBytes(cp1252)).toBe('café – “q”')
  })

  it('refuses bytes that are neither UTF-8 nor Windows-1252, never yielding U+FFFD', () => {
    expect(() => decodeDigestBytes(bytes(0x41, 0x0a, 0x81, 0x8d))).toThrow(
      /neither UTF-8 nor Windows-1252 \(undecodable byte on line 2\)/,
    )
  })

  it('refuses text already damaged into U+FFFD', () => {
    expect(() => decodeDigestBytes(utf8('Aug 6\n\nA t\uFFFDtle'))).toThrow(/line 3 holds U\+FFFD/)
  })

  it('refuses empty and binary files', () => {
    expect(() => decodeDigestBytes(bytes())).toThrow('the file is empty.')
    expect(() =>
      decodeDigestBytes(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00)),
    ).toThrow(/binary file/)
  })
})
