/**
 * The words of `text` as the index's tokenizer (unicode61, remove_diacritics 2) sees them:
 * runs of letters and digits, lower case, without diacritics.
 */
export function indexTerms(text: string): string[] {
  const folded = text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
  return folded.match(/[\p{L}\p{N}\p{Co}]+/gu) ?? []
}

/** An FTS5 string: the text quoted, so no character of it is read as query syntax. */
export function ftsString(text: string): string {
  return `"${text.replaceAll('"', '""')}"`
}
