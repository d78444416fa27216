import { MarginError } from '../../../shared/errors'

const MAX_TAG_LENGTH = 64

/** A tag as stored: NFC, single spaces, trimmed; refused unless 1 to 64 printable characters. */
export function validTagName(name: string): string {
  const clean = name.normalize('NFC').replace(/\s+/g, ' ').trim()
  if (clean === '' || clean.length > MAX_TAG_LENGTH || /\p{Cc}/u.test(clean)) {
    throw new MarginError(
      'INVALID_ARGUMENT',
      `"${name}" is not a tag: a tag is 1 to ${MAX_TAG_LENGTH} printable characters.`,
    )
  }
  return clean
}
