import { MarginError } from '../../../../shared/errors'
import { extractLinks } from '../links'
import type { ParsedDigest, ParsedPaper } from '../parseDigest'
import { parseDateLine, type DigestDate } from '../dates'
import { arxivIdOf, splitAuthors, unwrap } from './sourceText'

const SEPARATOR = /^-{20,}\s*$/
const ARXIV_LINE = /^arXiv:(\S+)/
const FIELD = /^([A-Za-z-]+):\s?(.*)$/
const ABSTRACT_FENCE = /^\\\\\s*$/
const LINK_FENCE = /^\\\\\s*\(/

/**
 * arXiv's new-submissions email: a header with the date range ("received from Mon 3 Mar 25
 * 19:00:00 GMT to Tue 4 Mar 25 ..."), then entries between lines of dashes, each an `arXiv:ID`
 * line, fields (`Title:`, `Authors:`, `Categories:`, `Comments:` ...) whose continuation lines are
 * indented, and the abstract between `\\` lines. The digest date is the end of the range.
 * Entries without an abstract (replaced versions) are left out.
 */
export function parseArxivEmail(text: string): ParsedDigest {
  const lines = text.split(/\r\n|[\r\n\u2028\u2029]/)
  const day = listingDay(lines)
  const papers: ParsedPaper[] = []
  let block: { lines: string[]; start: number } = { lines: [], start: 1 }
  const endBlock = () => {
    const paper = readEntry(block.lines, block.start)
    if (paper) papers.push(paper)
  }
  lines.forEach((line, index) => {
    if (SEPARATOR.test(line)) {
      endBlock()
      block = { lines: [], start: index + 2 }
    } else {
      block.lines.push(line)
    }
  })
  endBlock()
  if (papers.length === 0) {
    throw new MarginError(
      'NO_PAPERS',
      'no papers found: an arXiv listing email holds entries with an "arXiv:" line, a "Title:" and an abstract between "\\\\" lines.',
    )
  }
  if (!day) {
    throw new MarginError(
      'NO_DATE',
      'the email has no "received from … to …" line, so its listing date is unknown.',
    )
  }
  return { source: 'arxiv-email', sections: [{ date: day, line: 1, papers }] }
}

function readEntry(lines: readonly string[], start: number): ParsedPaper | null {
  const idAt = lines.findIndex((line) => ARXIV_LINE.test(line))
  if (idAt === -1) return null
  const arxivId = arxivIdOf(ARXIV_LINE.exec(lines[idAt]!)![1])
  const fields = new Map<string, string>()
  let field: string | null = null
  let at = idAt + 1
  for (; at < lines.length && !ABSTRACT_FENCE.test(lines[at]!); at++) {
    const line = lines[at]!
    const match = FIELD.exec(line)
    if (match && !/^\s/.test(line)) {
      field = match[1]!.toLowerCase()
      fields.set(field, match[2]!)
    } else if (field && /^\s/.test(line) && line.trim()) {
      fields.set(field, `${fields.get(field)!} ${line}`)
    }
  }
  const abstractLines: string[] = []
  for (at++; at < lines.length && !LINK_FENCE.test(lines[at]!); at++) abstractLines.push(lines[at]!)
  const abstract = unwrap(abstractLines.join(' '))
  const title = unwrap(fields.get('title') ?? '')
  if (!abstract) return null
  if (!title) {
    throw new MarginError(
      'MALFORMED_DIGEST',
      `line ${start + idAt}: the entry arXiv:${arxivId} has no "Title:".`,
    )
  }
  const authors = splitAuthors(unwrap(fields.get('authors') ?? ''))
  return {
    title,
    abstract,
    links: extractLinks(abstract),
    line: start + idAt,
    arxivId,
    submittedBy: null,
    authorCount: authors.length || null,
    upvotes: null,
    authors,
    categories: unwrap(fields.get('categories') ?? '')
      .split(' ')
      .filter(Boolean),
    publishedAt: null,
  }
}

/** The last day of the header's "received from … to Tue 4 Mar 25 19:00:00 GMT" range. */
function listingDay(lines: readonly string[]): DigestDate | null {
  for (const line of lines) {
    const match = /received from .* to\s+\w{3},?\s+(\d{1,2})\s+(\w{3})\w*\s+(\d{2,4})/i.exec(line)
    if (!match) continue
    const [, day, month, year] = match
    return parseDateLine(`${month} ${day}, ${year!.length === 2 ? `20${year}` : year}`)
  }
  return null
}
