import { isMarginError } from '../../../shared/errors'
import { decodeDigestBytes } from '../digest/decode'
import type { ParsedDigest, ParsedPaper } from '../digest/parseDigest'
import { parseArxivAtom } from '../digest/sources/arxivAtom'
import { digestDateOf } from '../digest/sources/sourceText'
import { bytesSource } from '../import/digestSource'
import type { HttpResponse } from '../net/httpClient'
import { announcementDay } from './announcementDay'
import { checkAnswer, readAnswer, type Fetcher } from './fetcher'
import { searchQueryOf } from './subscriptionQuery'

/** Entries per request, as arXiv's API manual suggests for paging. */
export const ARXIV_PAGE_SIZE = 100
/** Requests per subscription and pass at most (1,000 papers): older ones of a busier query are left. */
export const ARXIV_MAX_PAGES = 10

/** The API's URL for one page of a subscription's query, newest submissions first. */
export function arxivQueryUrl(baseUrl: string, query: string, page: number): string {
  const params = new URLSearchParams({
    search_query: searchQueryOf(query),
    start: String(page * ARXIV_PAGE_SIZE),
    max_results: String(ARXIV_PAGE_SIZE),
    sortBy: 'submittedDate',
    sortOrder: 'descending',
  })
  return `${baseUrl}/api/query?${params}`
}

interface Page {
  number: number
  response: HttpResponse
  papers: ParsedPaper[]
}

/**
 * The arxiv subscription (a category, an archive or a query): pages of 100 of the API's
 * answer, newest submissions first, until a page whose papers are all in the library already
 * or older than where the last pass got (the start day the first time), at most 10 pages.
 * The answers (but pages of papers all in the library) are imported oldest first, each
 * re-dated into one digest per announcement day (papers submitted before the start day left
 * out); the cursor is the newest submission seen.
 */
export function createArxivFetcher({
  baseUrl,
  isKnown,
}: {
  baseUrl: string
  /** Whether the library has the paper with this arXiv id. */
  isKnown: (arxivId: string) => boolean
}): Fetcher {
  return async (subscription, context) => {
    const query = subscription.query ?? ''
    const start = Date.parse(`${subscription.since}T00:00:00Z`)
    const bound = subscription.cursor === null ? start : Date.parse(subscription.cursor)
    const known = (paper: ParsedPaper) => paper.arxivId !== null && isKnown(paper.arxivId)
    const seenBefore = (paper: ParsedPaper) => known(paper) || submittedAt(paper) <= bound

    const pages: Page[] = []
    for (let number = 0; number < ARXIV_MAX_PAGES; number++) {
      const what = `arXiv's answer for ${query}`
      const response = await context.get(
        arxivQueryUrl(baseUrl, query, number),
        'application/atom+xml',
      )
      // The first page as it was last time: nothing was submitted since.
      if (response.notModified) break
      checkAnswer(response, what)
      const papers = readAnswer(what, () => readPage(response.body))
      pages.push({ number, response, papers })
      if (papers.length < ARXIV_PAGE_SIZE || papers.every(seenBefore)) break
    }

    const stamp = fileStamp(context.now())
    for (const page of pages.reverse()) {
      const digest = byAnnouncementDay(page.papers, start)
      // A page of papers the library has brings nothing: it is not imported again.
      if (digest.sections.length > 0 && !page.papers.every(known)) {
        const suffix = page.number === 0 ? '' : `-p${page.number + 1}`
        const name = `arxiv-${fileSlug(query)}-${stamp}${suffix}.xml`
        const source = bytesSource(name, page.response.body, () => digest)
        context.importAnswer(source, `arXiv's answer for ${query}`)
      }
      page.response.keepValidators()
    }
    const times = pages.flatMap((p) => p.papers.map(submittedAt)).filter(Number.isFinite)
    const newest = Math.max(bound, ...times)
    if (newest > bound || subscription.cursor === null) {
      context.advance(new Date(newest).toISOString())
    }
  }
}

/** The page's papers, newest first; none at the end of the results (a feed without entries). */
function readPage(body: Uint8Array): ParsedPaper[] {
  try {
    return parseArxivAtom(decodeDigestBytes(body)).sections.flatMap((s) => s.papers)
  } catch (error) {
    if (isMarginError(error) && error.code === 'NO_PAPERS') return []
    throw error
  }
}

/** When the paper was submitted (ms), from the feed's published time, else its day; NaN if unknown. */
function submittedAt(paper: ParsedPaper): number {
  return Date.parse(paper.submittedAt ?? `${paper.publishedAt ?? ''}T00:00:00Z`)
}

/**
 * The papers submitted from `start` on, as one digest per announcement day (oldest day first,
 * each day's papers in the order they were submitted).
 */
export function byAnnouncementDay(papers: readonly ParsedPaper[], start: number): ParsedDigest {
  const days = new Map<string, ParsedPaper[]>()
  const recent = papers.filter((paper) => submittedAt(paper) >= start)
  for (const paper of recent.sort((a, b) => submittedAt(a) - submittedAt(b))) {
    const day = announcementDay(new Date(submittedAt(paper)).toISOString())!
    days.set(day, [...(days.get(day) ?? []), paper])
  }
  const sections = [...days]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, dayPapers]) => ({ date: digestDateOf(day), line: 1, papers: dayPapers }))
  return { source: 'arxiv-atom', sections }
}

/** A query as a piece of a file name: cs.LG stays, au:"Hinton" becomes au-Hinton. */
function fileSlug(query: string): string {
  return (
    query
      .replace(/[^A-Za-z0-9.]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'query'
  )
}

/** 2026-11-30T1200Z: the time of a fetch as a piece of a file name. */
function fileStamp(at: number): string {
  return new Date(at).toISOString().slice(0, 16).replace(':', '') + 'Z'
}
