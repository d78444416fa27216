import { MarginError } from '../../../../shared/errors'
import { extractLinks } from '../links'
import type { ParsedDigest, ParsedPaper, ParsedSection } from '../parseDigest'
import { arxivIdOf, digestDateOf, isoDay, unwrap, webLinks } from './sourceText'

type Json = Record<string, unknown>

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null)

/**
 * The Hugging Face daily papers API's JSON: an array of entries, each with the `paper` (id,
 * title, summary, authors, publishedAt, upvotes) and the day it was posted to the daily list
 * (the entry's `publishedAt`, or `submittedOnDailyAt` in newer files): that day is the digest.
 */
export function parseHfDailyJson(json: string): ParsedDigest {
  let data: unknown
  try {
    data = JSON.parse(quoteBareIds(json))
  } catch (error) {
    throw new MarginError(
      'MALFORMED_DIGEST',
      `this is not valid JSON (${(error as Error).message}).`,
    )
  }
  const entries = Array.isArray(data) ? data : isObject(data) ? data.dailyPapers : null
  if (!Array.isArray(entries)) {
    throw new MarginError(
      'MALFORMED_DIGEST',
      'this JSON is not a Hugging Face daily papers list: expected an array of entries, each with a "paper".',
    )
  }
  return hfDailyEntries(entries)
}

/** The entries of a daily papers list (the API's JSON, or the data a saved page embeds). */
export function hfDailyEntries(entries: readonly unknown[]): ParsedDigest {
  const sections = new Map<string, ParsedSection>()
  entries.forEach((entry, index) => {
    const { day, paper } = readEntry(entry, index + 1)
    const section = sections.get(day) ?? { date: digestDateOf(day), line: index + 1, papers: [] }
    sections.set(day, section)
    section.papers.push(paper)
  })
  if (sections.size === 0) {
    throw new MarginError('NO_PAPERS', 'no papers found: the daily papers list is empty.')
  }
  return { source: 'hf-daily', sections: [...sections.values()] }
}

function readEntry(entry: unknown, number: number): { day: string; paper: ParsedPaper } {
  const paper = isObject(entry) ? entry.paper : undefined
  if (!isObject(entry) || !isObject(paper)) {
    throw new MarginError('MALFORMED_DIGEST', `entry ${number} has no "paper" object.`)
  }
  const title = unwrap(text(paper.title) ?? text(entry.title) ?? '')
  const abstract = unwrap(text(paper.summary) ?? text(entry.summary) ?? '')
  if (!title || !abstract) {
    throw new MarginError(
      'MALFORMED_DIGEST',
      `entry ${number}${title ? ` ("${title.slice(0, 60)}")` : ''} has no ${title ? 'summary' : 'title'}.`,
    )
  }
  const day =
    isoDay(entry.publishedAt) ?? isoDay(entry.submittedOnDailyAt) ?? isoDay(paper.publishedAt)
  if (!day) {
    throw new MarginError(
      'NO_DATE',
      `entry ${number} ("${title.slice(0, 60)}") has no publishedAt day such as 2025-03-04.`,
    )
  }
  const authors = Array.isArray(paper.authors)
    ? paper.authors.flatMap((author) => {
        const name = unwrap((isObject(author) ? text(author.name) : text(author)) ?? '')
        return name ? [name] : []
      })
    : []
  const upvotes =
    typeof paper.upvotes === 'number' && Number.isSafeInteger(paper.upvotes) && paper.upvotes >= 0
      ? paper.upvotes
      : null
  return {
    day,
    paper: {
      title,
      abstract,
      links: [
        ...new Set([
          ...extractLinks(abstract),
          ...webLinks(paper.githubRepo ?? entry.githubRepo, paper.projectPage ?? entry.projectPage),
        ]),
      ],
      line: number,
      arxivId: arxivIdOf(typeof paper.id === 'string' ? paper.id : null),
      submittedBy: submitter(entry.submittedBy ?? paper.submittedBy),
      authorCount: authors.length || null,
      upvotes,
      authors,
      categories: [],
      publishedAt: isoDay(paper.publishedAt),
    },
  }
}

function submitter(value: unknown): string | null {
  if (typeof value === 'string') return value || null
  if (!isObject(value)) return null
  return text(value.fullname) ?? text(value.name)
}

/**
 * Ids are strings ("2503.02130"); a tool that wrote one as a bare number would lose its
 * trailing zero to JSON.parse, so such ids are quoted before parsing.
 */
function quoteBareIds(json: string): string {
  return json.replace(/("id"\s*:\s*)(\d{4}\.\d{4,5})(?=\s*[,}])/g, '$1"$2"')
}
