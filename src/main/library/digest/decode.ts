import { MarginError } from '../../../shared/errors'
import { findUtf8Damage } from './utf8Damage'
import { decodeWindows1252 } from './windows1252'

const utf8 = new TextDecoder('utf-8', { fatal: true })
const utf16 = {
  'utf-16le': new TextDecoder('utf-16le', { fatal: true }),
  'utf-16be': new TextDecoder('utf-16be', { fatal: true }),
}
type Utf16 = keyof typeof utf16

// C0 controls other than tab, line feed, form feed and carriage return.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const BINARY_CONTROL = /[\x00-\x08\x0B\x0E-\x1F]/

/**
 * Turns the bytes of a digest file into text: UTF-8 (with or without BOM), UTF-16 (with a BOM,
 * or without one when the zero bytes of ASCII text show its byte order), or Windows-1252 when the
 * bytes are not UTF-8 at all. Never yields U+FFFD: text that cannot be decoded faithfully
 * (damaged UTF-8, lone surrogates, UTF-32) is refused with the line where it breaks.
 */
export function decodeDigestBytes(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new MarginError('EMPTY_FILE', 'the file is empty.')
  const text = decodeByBomOrContent(bytes)
  if (text.trim() === '') throw new MarginError('EMPTY_FILE', 'the file holds only white space.')
  const binaryAt = text.search(BINARY_CONTROL)
  if (binaryAt !== -1) {
    throw new MarginError(
      'BINARY_FILE',
      `this is a binary file, not a text digest (control character at line ${lineOf(text, binaryAt)}).`,
    )
  }
  const replacementAt = text.indexOf('\uFFFD')
  if (replacementAt !== -1) {
    throw new MarginError(
      'BAD_ENCODING',
      `line ${lineOf(text, replacementAt)} holds U+FFFD replacement characters: the text was damaged by an earlier wrong decoding. Copy the page again and save it as UTF-8.`,
    )
  }
  return text
}

function decodeByBomOrContent(bytes: Uint8Array): string {
  if (startsWith(bytes, [0xff, 0xfe, 0, 0]) || startsWith(bytes, [0, 0, 0xfe, 0xff])) {
    throw new MarginError(
      'BAD_ENCODING',
      'the file is UTF-32, which Margin does not read. Save it as UTF-8 and import it again.',
    )
  }
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return decodeUtf8(bytes.subarray(3))
  if (startsWith(bytes, [0xff, 0xfe])) return decodeUtf16('utf-16le', bytes.subarray(2))
  if (startsWith(bytes, [0xfe, 0xff])) return decodeUtf16('utf-16be', bytes.subarray(2))
  const bomless = bomlessUtf16(bytes)
  if (bomless) return decodeUtf16(bomless, bytes)
  if (bytes.includes(0)) {
    throw new MarginError(
      'BINARY_FILE',
      'this is a binary file, not a text digest (it holds NUL bytes).',
    )
  }
  try {
    return utf8.decode(bytes)
  } catch {
    return decodeNonUtf8(bytes)
  }
}

function decodeNonUtf8(bytes: Uint8Array): string {
  const damage = findUtf8Damage(bytes)
  if (damage.encodedSurrogateAt !== -1) {
    throw new MarginError(
      'BAD_ENCODING',
      `line ${byteLine(bytes, damage.encodedSurrogateAt)} holds a lone UTF-16 surrogate written as UTF-8, which UTF-8 does not allow: a broken converter wrote this file. Save it as UTF-8 again and import it.`,
    )
  }
  if (damage.hasMultibyte) {
    throw new MarginError(
      'BAD_ENCODING',
      `line ${byteLine(bytes, damage.invalidAt)} is not valid UTF-8 although the rest of the file is: the file is damaged (cut off, or joined from files in different encodings). Copy the page again and save it as UTF-8.`,
    )
  }
  const decoded = decodeWindows1252(bytes)
  if ('text' in decoded) return decoded.text
  throw new MarginError(
    'BAD_ENCODING',
    `the text is neither UTF-8 nor Windows-1252 (undecodable byte on line ${byteLine(bytes, decoded.undefinedByteAt)}). Save the file as UTF-8 and import it again.`,
  )
}

/** UTF-16 without a BOM, told by the zero high bytes of mostly-ASCII text in its first 4 KB. */
function bomlessUtf16(bytes: Uint8Array): Utf16 | null {
  const sample = bytes.subarray(0, Math.min(bytes.length, 4096) & ~1)
  if (sample.length < 4) return null
  let zerosAtEven = 0
  let zerosAtOdd = 0
  for (let i = 0; i < sample.length; i += 2) {
    if (sample[i] === 0) zerosAtEven++
    if (sample[i + 1] === 0) zerosAtOdd++
  }
  const pairs = sample.length / 2
  if (zerosAtOdd >= pairs * 0.9 && zerosAtEven <= pairs * 0.1) return 'utf-16le'
  if (zerosAtEven >= pairs * 0.9 && zerosAtOdd <= pairs * 0.1) return 'utf-16be'
  return null
}

function decodeUtf16(encoding: Utf16, bytes: Uint8Array): string {
  try {
    return utf16[encoding].decode(bytes)
  } catch {
    throw new MarginError(
      'BAD_ENCODING',
      `the file is ${encoding.toUpperCase()} but not valid ${encoding.toUpperCase()} (a lone surrogate, or a last character cut in half). Save it as UTF-8 and import it again.`,
    )
  }
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes)
  } catch {
    throw new MarginError(
      'BAD_ENCODING',
      'the file starts with a UTF-8 byte order mark but is not valid UTF-8. Save it as UTF-8 again and import it.',
    )
  }
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte)
}

function byteLine(bytes: Uint8Array, index: number): number {
  return bytes.subarray(0, index).filter((b) => b === 0x0a).length + 1
}

function lineOf(text: string, index: number): number {
  let line = 1
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++
  return line
}
