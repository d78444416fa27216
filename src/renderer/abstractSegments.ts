import type { Highlight } from '../shared/models'

export interface Segment {
  text: string
  start: number
  /** The link this piece belongs to, if any. */
  link: string | null
  /** The highlights covering this piece, innermost (latest) last. */
  highlights: Highlight[]
  /** Part of a word the current search matched. */
  matched: boolean
}

/**
 * Cuts the abstract at every link and highlight boundary, so each piece is plain text with the
 * link and highlights that cover it. Pieces concatenate back to the abstract exactly.
 */
export function abstractSegments(
  text: string,
  links: readonly string[],
  highlights: readonly Highlight[],
  searchTerms: readonly string[] = [],
): Segment[] {
  const linkRanges = findLinks(text, links)
  const matchRanges = findTerms(text, searchTerms)
  const placed = highlights.filter((h) => h.anchor !== null)
  const cuts = new Set([0, text.length])
  for (const range of linkRanges) cuts.add(range.start).add(range.end)
  for (const h of placed) cuts.add(h.anchor!.start).add(h.anchor!.end)
  for (const range of matchRanges) cuts.add(range.start).add(range.end)
  const points = [...cuts].filter((p) => p >= 0 && p <= text.length).sort((a, b) => a - b)

  const segments: Segment[] = []
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!
    const end = points[i + 1]!
    if (start === end) continue
    segments.push({
      text: text.slice(start, end),
      start,
      link: linkRanges.find((r) => r.start <= start && end <= r.end)?.url ?? null,
      highlights: placed.filter((h) => h.anchor!.start <= start && end <= h.anchor!.end),
      matched: matchRanges.some((r) => r.start <= start && end <= r.end),
    })
  }
  return segments
}

function findLinks(text: string, links: readonly string[]) {
  const ranges: Array<{ start: number; end: number; url: string }> = []
  for (const url of links) {
    for (let at = text.indexOf(url); at !== -1; at = text.indexOf(url, at + url.length)) {
      const overlaps = ranges.some((r) => at < r.end && r.start < at + url.length)
      if (!overlaps) ranges.push({ start: at, end: at + url.length, url })
    }
  }
  return ranges
}

/** Where words start with one of the terms (case-insensitive), as a search matches them. */
function findTerms(text: string, terms: readonly string[]) {
  const wanted = terms.filter((t) => t.trim() !== '')
  if (wanted.length === 0) return []
  const escaped = wanted.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})`, 'giu')
  return [...text.matchAll(pattern)].map((m) => ({ start: m.index, end: m.index + m[0].length }))
}
