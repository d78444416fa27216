/**
 * A page's text as search wants it, from pdf.js's text items: lines rebuilt from the items'
 * end-of-line flags and positions, Unicode NFKC (ligatures such as "ﬁ" become letters), a word
 * hyphenated at a line end joined again, white space collapsed (shared/pdfLayout.ts, which also
 * maps the text back to the items). Pure: no pdf.js here.
 */

import { layoutPage, type TextPiece } from '../../../shared/pdfLayout'

export { joinLines, MAX_PAGE_CHARS, pageLines, type TextPiece } from '../../../shared/pdfLayout'

/** A page's searchable text from its pdf.js items. */
export function pageText(pieces: readonly TextPiece[]): string {
  return layoutPage(pieces).text
}

/**
 * Whether a document's extracted text reads as words. Text from a font without a Unicode map
 * comes out as symbols, private-use characters or replacement characters; searching it finds
 * nothing, so it is reported instead of indexed. `raw` is the text before cleaning.
 */
export function textProblem(raw: string): string | null {
  const visible = raw.replace(/\s+/g, '')
  if (visible.length === 0) return 'it has no text to index (a scanned PDF, or only images)'
  if (visible.length < 40) return null
  const letters = visible.match(/[\p{L}\p{N}]/gu)?.length ?? 0
  const unreadable = visible.match(/[\p{Co}\p{Cc}\uFFFD]/gu)?.length ?? 0
  if (unreadable / visible.length > 0.2 || letters / visible.length < 0.5) {
    return 'its text is unreadable (mostly symbols: its fonts do not map to letters), so it is not indexed'
  }
  return null
}
