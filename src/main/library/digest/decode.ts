import { MarginError } from '../../../shared/errors'
import { decodeWindows1252 } from './windows1252'

const utf8 = new TextDecoder('utf-8', { fatal: true })

// C0 controls other than tab, line feed, form feed and carriage return.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const BINARY_CONTROL = /[\x00-\x08\x0B\x0E-\x1F]/

/**
 * Turns the bytes of a digest file into text: UTF-8 (with or without BOM), UTF-16 with a BOM,
 * or Windows-1252 when the bytes are not valid UTF-8. Never yields U+FFFD: text that cannot be
 * decoded faithfully is refused.
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
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return decodeUtf8(bytes.subarray(3))
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return new TextDecoder('utf-16le').decode(bytes.subarray(2))
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return new TextDecoder('utf-16be').decode(bytes.subarray(2))
  if (bytes.includes(0)) {
    throw new MarginError(
      'BINARY_FILE',
      'this is a binary file, not a text digest (it holds NUL bytes).',
    )
  }
  try {
    return utf8.decode(bytes)
  } catch {
    const decoded = decodeWindows1252(bytes)
    if ('text' in decoded) return decoded.text
    const line = bytes.subarray(0, decoded.undefinedByteAt).filter((b) => b === 0x0a).length + 1
    throw new MarginError(
      'BAD_ENCODING',
      `the text is neither UTF-8 nor Windows-1252 (undecodable byte on line ${line}). Save the file as UTF-8 and import it again.`,
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

function lineOf(text: string, index: number): number {
  let line = 1
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++
  return line
}
