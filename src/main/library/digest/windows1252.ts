// Node 20's TextDecoder('windows-1252') decodes as ISO-8859-1, leaving 0x80–0x9F as C1 controls;
// this table gives those bytes their Windows-1252 characters (null: undefined in Windows-1252).
// prettier-ignore
const HIGH_CONTROL_RANGE: ReadonlyArray<string | null> = [
  '€', null, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', null, 'Ž', null,
  null, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', null, 'ž', 'Ÿ',
]
const C1_CONTROL = /[\x80-\x9F]/g

/** Windows-1252 text, or the index of the first byte the encoding leaves undefined. */
export function decodeWindows1252(
  bytes: Uint8Array,
): { text: string } | { undefinedByteAt: number } {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
  const undefinedByteAt = latin1.search(/[\x81\x8D\x8F\x90\x9D]/)
  if (undefinedByteAt !== -1) return { undefinedByteAt }
  return { text: latin1.replace(C1_CONTROL, (c) => HIGH_CONTROL_RANGE[c.charCodeAt(0) - 0x80]!) }
}
