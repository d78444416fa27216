/** What is wrong with bytes that failed strict UTF-8 decoding. */
export interface Utf8Damage {
  /** Offset of the first byte that is not part of a valid UTF-8 character. */
  invalidAt: number
  /** Offset of the first UTF-16 surrogate encoded as three bytes (CESU-8/WTF-8), or -1. */
  encodedSurrogateAt: number
  /** Whether the bytes hold at least one valid multi-byte UTF-8 character. */
  hasMultibyte: boolean
}

/**
 * Walks the bytes as UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF).
 * Text that holds valid multi-byte characters and also invalid bytes is damaged UTF-8, not
 * another encoding: reading it as Windows-1252 would turn every accented letter into mojibake.
 */
export function findUtf8Damage(bytes: Uint8Array): Utf8Damage {
  const damage: Utf8Damage = { invalidAt: -1, encodedSurrogateAt: -1, hasMultibyte: false }
  let i = 0
  while (i < bytes.length) {
    const lead = bytes[i]!
    if (lead < 0x80) {
      i++
      continue
    }
    const length = characterLength(bytes, i)
    if (length > 0) {
      damage.hasMultibyte = true
      i += length
      continue
    }
    if (damage.invalidAt === -1) damage.invalidAt = i
    if (damage.encodedSurrogateAt === -1 && isEncodedSurrogate(bytes, i)) {
      damage.encodedSurrogateAt = i
    }
    i++
  }
  return damage
}

/** The length of the valid multi-byte character starting at i, or 0. */
function characterLength(bytes: Uint8Array, i: number): number {
  const shape = multibyteShape(bytes[i]!)
  if (!shape || i + shape.length > bytes.length) return 0
  const second = bytes[i + 1]!
  if (second < shape.secondMin || second > shape.secondMax) return 0
  for (let k = 2; k < shape.length; k++) if (!isContinuation(bytes[i + k]!)) return 0
  return shape.length
}

/** A lead byte's character length and the range its second byte must fall in (RFC 3629, 4). */
function multibyteShape(lead: number) {
  const shape = (length: number, secondMin: number, secondMax: number) => ({
    length,
    secondMin,
    secondMax,
  })
  if (lead >= 0xc2 && lead <= 0xdf) return shape(2, 0x80, 0xbf)
  if (lead === 0xe0) return shape(3, 0xa0, 0xbf)
  if (lead === 0xed) return shape(3, 0x80, 0x9f) // a higher second byte would encode a surrogate
  if (lead >= 0xe1 && lead <= 0xef) return shape(3, 0x80, 0xbf)
  if (lead === 0xf0) return shape(4, 0x90, 0xbf)
  if (lead >= 0xf1 && lead <= 0xf3) return shape(4, 0x80, 0xbf)
  if (lead === 0xf4) return shape(4, 0x80, 0x8f)
  return null
}

function isEncodedSurrogate(bytes: Uint8Array, i: number): boolean {
  return (
    bytes[i] === 0xed &&
    i + 2 < bytes.length &&
    bytes[i + 1]! >= 0xa0 &&
    bytes[i + 1]! <= 0xbf &&
    isContinuation(bytes[i + 2]!)
  )
}

function isContinuation(byte: number): boolean {
  return byte >= 0x80 && byte <= 0xbf
}
