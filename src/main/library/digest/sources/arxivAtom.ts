import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { MarginError } from '../../../../shared/errors'
import { extractLinks } from '../links'
import type { ParsedDigest, ParsedPaper } from '../parseDigest'
import { arxivIdOf, digestDateOf, isoDay, splitAuthors, unwrap } from './sourceText'

type Node = Record<string, unknown>

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  // Values stay text: an id such as 2503.02130 is never read as a number.
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => ['entry', 'author', 'category'].includes(name),
})

const asText = (value: unknown): string => {
  if (typeof value === 'string') return value
  if (typeof value === 'object' && value !== null && typeof (value as Node)['#text'] === 'string') {
    return (value as Node)['#text'] as string
  }
  return ''
}
const nodes = (value: unknown): Node[] => (Array.isArray(value) ? (value as Node[]) : [])

/**
 * An arXiv Atom feed: the API's query results (export.arxiv.org/api/query) or an Atom listing
 * (rss.arxiv.org/atom/cs.LG). Each entry is a paper: id with version, title, summary,
 * authors, categories, published. The digest date is the feed's own `updated` day. The API's
 * single "Error" entry is reported as the error it is, never imported as a paper.
 */
export function parseArxivAtom(xml: string): ParsedDigest {
  const valid = XMLValidator.validate(xml)
  if (valid !== true) {
    throw new MarginError(
      'MALFORMED_DIGEST',
      `this Atom feed is not well-formed XML (line ${valid.err.line}: ${valid.err.msg}); it may be cut off. Fetch it again.`,
    )
  }
  const feed = (parser.parse(xml) as Node).feed as Node | undefined
  if (typeof feed !== 'object' || feed === null) {
    throw new MarginError('MALFORMED_DIGEST', 'this XML is not an Atom feed (no <feed> element).')
  }
  const entries = nodes(feed.entry)
  const apiError = entries.find((entry) => asText(entry.id).includes('arxiv.org/api/errors'))
  if (apiError) {
    throw new MarginError(
      'SOURCE_ERROR',
      `the arXiv API answered with an error instead of papers: ${unwrap(asText(apiError.summary)) || 'no reason given'}. Fix the query and fetch it again.`,
    )
  }
  const papers = entries.map((entry, index) => readEntry(entry, index + 1))
  if (papers.length === 0) {
    throw new MarginError('NO_PAPERS', 'no papers found: the feed has no entries.')
  }
  const day =
    isoDay(asText(feed.updated)) ??
    papers
      .map((p) => p.publishedAt)
      .filter((d): d is string => d !== null)
      .sort()
      .at(-1)
  if (!day)
    throw new MarginError('NO_DATE', 'the feed has no date (no <updated>, no published entries).')
  return { source: 'arxiv-atom', sections: [{ date: digestDateOf(day), line: 1, papers }] }
}

function readEntry(entry: Node, number: number): ParsedPaper {
  const title = unwrap(asText(entry.title))
  // Atom listings start the summary with "arXiv:ID Announce Type: new Abstract:".
  const abstract = unwrap(asText(entry.summary)).replace(
    /^arXiv:\S+\s+Announce Type:\s*\S+\s+Abstract:\s*/i,
    '',
  )
  if (!title || !abstract) {
    throw new MarginError(
      'MALFORMED_DIGEST',
      `entry ${number}${title ? ` ("${title.slice(0, 60)}")` : ''} has no ${title ? 'summary' : 'title'}.`,
    )
  }
  const authorNames = nodes(entry.author).map((author) => unwrap(asText(author.name)))
  // Atom listings give the authors as one dc:creator text, comma-separated.
  const authors = authorNames.length
    ? authorNames.filter(Boolean)
    : splitAuthors(asText(entry['dc:creator']))
  const categories = [
    ...new Set(
      [entry['arxiv:primary_category'], ...nodes(entry.category)]
        .map((category) => unwrap(String((category as Node | undefined)?.['@term'] ?? '')))
        .filter(Boolean),
    ),
  ]
  const published = asText(entry.published).trim()
  return {
    title,
    abstract,
    links: extractLinks(abstract),
    line: number,
    arxivId: arxivIdOf(asText(entry.id)),
    submittedBy: null,
    authorCount: authors.length || null,
    upvotes: null,
    authors,
    categories,
    publishedAt: isoDay(published),
    ...(published && { submittedAt: published }),
  }
}
