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
