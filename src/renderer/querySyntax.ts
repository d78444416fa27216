/** The query language, as the ? overlay explains it. */
export const QUERY_SYNTAX: ReadonlyArray<[example: string, meaning: string]> = [
  [
    'diffusion model',
    'both words, in title, abstract, note, highlights or tags (those first), or on a page of the PDF; typos forgiven',
  ],
  ['"mixture of experts"', 'this exact phrase'],
  ['-survey', 'without this word'],
  ['status:to-read', 'new, to-read, reading, read, not-reading'],
  ['tag:llm', 'papers with this tag (tag:"two words")'],
  ['digest:2024-08', 'a day, a month, or a range 2024-08-01..2024-08-15'],
  ['has:note  has:highlight  has:pdf', 'papers with a note / a highlight / a PDF'],
  ['in:pdf', 'the words only on the pages of the papers’ PDFs'],
  ['arxiv:2408.01234', 'by arXiv id'],
  ['author:hinton', 'by an author (part of the name)'],
  ['cat:cs.LG', 'by arXiv category (cat:cs for all of cs)'],
]

/**
 * A filter term for `value`, as a user would type it: quoted when it holds a space. The query
 * language has no escape for a double quote, so the longest run without one stands for it.
 */
export function filterTerm(key: 'author' | 'cat', value: string): string {
  const runs = value.split('"').map((run) => run.trim())
  const text = runs.reduce((longest, run) => (run.length > longest.length ? run : longest), '')
  return /\s/.test(text) ? `${key}:"${text}"` : `${key}:${text}`
}
