import {
  MATCH_END,
  MATCH_START,
  type PaperSummary,
  type ReadingStatus,
} from '../../../shared/models'
import type { Db } from '../db/openLibrary'
import { toPaperSummary } from '../paperDto'
import { createPapersRepo } from '../repos/papers.repo'
import { createMatcher, type Matcher, type MatchPattern } from './markMatches'
import {
  exclusionExpression,
  matchExpression,
  pageMatchExpression,
  sum,
  type QueryMatch,
} from './matchExpression'
import { createPagesRepo } from './pages.repo'
import { parseQuery, type QueryFilters } from './queryParser'
import { relatedExpression } from './related'
import { authorIndexExpression } from './authorIndex'
import { ftsString } from './terms'
import {
  candidateSources,
  createSearchRepo,
  type FilterPlan,
  isConditional,
  type SearchConditions,
} from './search.repo'
import { createVocabulary } from './vocabulary'

export const DEFAULT_SEARCH_LIMIT = 500
/**
 * Matches scored by bm25 within a keystroke: scoring costs ~7 µs a match on 1,500-character
 * abstracts, and FTS5 must score every match before it can return the best.
 */
const RANK_ALL_UP_TO = 300
/** Papers holding the query's words, in all, beyond which bm25's counting costs too much. */
const MAX_SCORED_WORD_PAPERS = 20_000
const RELATED_LIMIT = 5
/**
 * author:/cat: candidates up to which a search with words starts from them, matching each
 * against the index by rowid (~0.14 ms each), instead of reading the word's matches.
 */
const LEAD_UP_TO = 100
/**
 * Candidates up to which they are gathered as a set before the matches are tested. With a
 * word: 2,400 took 57 ms so and 140 ms without; 45,000 (cat:cs.LG) 80 ms so and 16 ms without.
 * Filters alone: cat:cs.LG 26 ms so and 1.4 ms without; cat:q-bio.NC 8 ms so and 83 ms without.
 */
const SET_UP_TO = 10_000
/**
 * Matching pages up to which the papers matching only in their PDFs are ranked by bm25 (the sum
 * over their matching pages): FTS5 scores every match first, ~2 µs a page of ~3,000 characters.
 */
const SCORE_PAGES_UP_TO = 1_000
/**
 * Matching pages up to which those papers are ranked by how many of their pages match, read in
 * full (~0.6 µs a page); beyond, the most recently indexed come first, read until enough are
 * found (5,000 pages of a common word: 3.5 ms counted, 1.2 ms newest first).
 */
const COUNT_PAGES_UP_TO = 5_000
/**
 * Matching pages read at most to find the papers matching in their PDFs (~0.4 µs each): bounds a
 * search whose filters let few of them through. When it cuts the reading short, the search says
 * more papers may match.
 */
const PAGE_BUDGET = 50_000

/** What a search found: paper ids, best first, and what it could not read in the query. */
export interface SearchResult {
  ids: number[]
  /** More papers match than the limit let through. */
  more: boolean
  queryProblem: string | null
}

/** The list a search runs within (the app's sidebar view). */
export interface SearchScope {
  status?: ReadingStatus | undefined
  digest?: string | undefined
  tag?: string | undefined
  /** Only these papers (the new ones a subscription brought, for saved searches' rules). */
  ids?: readonly number[] | undefined
}

export type Search = ReturnType<typeof createSearch>

/** Search over the full-text index: the one code path of the app, the CLI and the benchmark. */
export function createSearch(
  db: Db,
  {
    rankAllUpTo = RANK_ALL_UP_TO,
    scorePagesUpTo = SCORE_PAGES_UP_TO,
    countPagesUpTo = COUNT_PAGES_UP_TO,
    pageBudget = PAGE_BUDGET,
  } = {},
) {
  const repo = createSearchRepo(db)
  const pages = createPagesRepo(db)
  const papers = createPapersRepo(db)
  const vocabulary = createVocabulary((after, limit) =>
    db.open ? repo.termsAfter(after, limit) : [],
  )
  const lookup = {
    isIndexed: (term: string, prefix: boolean) =>
      repo.matchesAny(ftsString(term) + (prefix ? '*' : '')),
    similar: vocabulary.similar,
    completions: vocabulary.completions,
  }
  const pageLookup = {
    isIndexed: (term: string, prefix = false) =>
      pages.matchesAny(ftsString(term) + (prefix ? '*' : '')),
    similar: vocabulary.similar,
    completions: vocabulary.completions,
  }

  /** How the search meets its author: and cat: filters, by how many candidates each gives. */
  function filterPlan(conditions: SearchConditions): FilterPlan {
    const counts = candidateSources(conditions).map((source) => ({
      source,
      count: repo.candidateCount(source, conditions, SET_UP_TO + 1),
    }))
    const fewest = counts.toSorted((a, b) => a.count - b.count)[0]
    const lead = fewest && fewest.count <= LEAD_UP_TO ? fewest.source : null
    // The lead's candidates are the outer loop already: no set of them as well.
    const sets = counts.filter(({ source, count }) => count <= SET_UP_TO && source !== lead)
    return { sets: sets.map(({ source }) => source), lead }
  }

  /**
   * Best first by bm25 (title matches weigh most) when few papers match and the words are not
   * common: bm25 first counts every paper holding each word, and scores every match before it
   * can return the best, so that is cheap only then (and a common word says little about
   * relevance anyway). Otherwise title matches come first and each group is most recently added
   * first: FTS5 reads those straight off its indexes and stops early.
   */
  function rankedIds(
    { expression, patterns }: QueryMatch,
    conditions: SearchConditions,
    limit: number,
  ): number[] {
    const plan = filterPlan(conditions)
    const probe = Math.max(limit, rankAllUpTo) + 1
    const documents = slotDocuments(patterns)
    const rankable = documents === null || sum(documents) <= MAX_SCORED_WORD_PAPERS
    // When few papers can match, or a filter may make the probe read every match to find few,
    // score them as it goes rather than read them all again. Otherwise it stops early, and
    // scoring would not.
    const fewCanMatch = documents !== null && Math.min(...documents) <= rankAllUpTo
    const scoredProbe = rankable && (isConditional(conditions) || fewCanMatch)
    const newest = scoredProbe
      ? repo.scored(expression, conditions, probe, plan)
      : repo.newest(expression, conditions, probe, { plan }).map((id) => ({ id, score: 0 }))
    if (newest.length <= rankAllUpTo && rankable) {
      const scored = scoredProbe ? newest : repo.scored(expression, conditions, rankAllUpTo, plan)
      return scored
        .sort((a, b) => a.score - b.score || b.id - a.id)
        .slice(0, limit)
        .map((row) => row.id)
    }
    const ids = new Set(repo.newest(expression, conditions, limit, { titles: true, plan }))
    const fill = (rest: readonly number[]) => {
      for (const id of rest) {
        if (ids.size >= limit) break
        ids.add(id)
      }
    }
    fill(newest.map((row) => row.id))
    // The probe's papers were partly title matches already: read on past them.
    if (ids.size < limit && newest.length === probe) {
      fill(repo.newest(expression, conditions, limit + ids.size, { plan }))
    }
    return [...ids]
  }

  /**
   * Up to `limit` papers other than `found` whose PDF pages match, within the conditions: by bm25
   * when few pages match, by how many of their pages match when more do, else most recently
   * indexed first. `cut`: the page budget ran out before `limit` were found, so more may match.
   */
  function bodyIds(
    { expression }: QueryMatch,
    conditions: SearchConditions,
    found: readonly number[],
    limit: number,
  ): { ids: number[]; cut: boolean } {
    if (limit <= 0) return { ids: [], cut: false }
    const cap = Math.max(scorePagesUpTo, countPagesUpTo)
    const matching = pages.countUpTo(expression, cap + 1)
    if (matching <= cap) {
      const rank = matching <= scorePagesUpTo ? 'bm25' : 'pages'
      return {
        ids: pages.ranked(expression, conditions, found, { limit, pages: cap, rank }),
        cut: false,
      }
    }
    const ids = pages.newest(expression, conditions, found, limit, pageBudget)
    // Fewer than asked: every match up to the budget was read. Counting them again costs as much,
    // so only when the index may hold more pages than the budget.
    const cut =
      ids.length < limit &&
      pages.lastPageId() > pageBudget &&
      pages.countUpTo(expression, pageBudget + 1) > pageBudget
    return { ids, cut }
  }

  /**
   * Each listed paper's pages matching the query (1-based, ascending, over all its PDFs) and a
   * snippet of the first of them, matches marked.
   */
  function bodyMatches(pageMatch: QueryMatch, ids: readonly number[], paperMatcher: Matcher) {
    const byPaper = new Map<number, { pages: number[]; firstPageId: number }>()
    for (const hit of pages.hits(pageMatch.expression, ids)) {
      const paper = byPaper.get(hit.paperId)
      if (!paper) byPaper.set(hit.paperId, { pages: [hit.page], firstPageId: hit.pageId })
      else if (paper.pages.at(-1) !== hit.page) paper.pages.push(hit.page)
    }
    const firstPages = [...byPaper.values()].map((paper) => paper.firstPageId)
    const texts = new Map(pages.texts(firstPages).map((row) => [row.id, row.text]))
    // Compiling a matcher's expression costs ~0.6 ms: the pages' is most often the papers' own.
    const matcher =
      JSON.stringify(pageMatch.patterns) === paperMatcher.key
        ? paperMatcher
        : createMatcher(pageMatch.patterns, { start: MATCH_START, end: MATCH_END })
    return new Map(
      [...byPaper].map(([id, paper]) => {
        const text = texts.get(paper.firstPageId)
        return [id, { pages: paper.pages, pageSnippet: text ? matcher.snippet(text) : null }]
      }),
    )
  }

  /** Per paper of `ids`, the pages (1-based, ascending) of its PDF annotations that match. */
  function annotationPages(ids: readonly number[], matcher: Matcher): Map<number, number[]> {
    const byPaper = new Map<number, number[]>()
    for (const { paperId, page, quote, comment } of repo.annotationTexts(ids)) {
      if (!matcher.matches(quote) && !matcher.matches(comment)) continue
      const pages = byPaper.get(paperId)
      if (!pages) byPaper.set(paperId, [page])
      else if (pages.at(-1) !== page) pages.push(page)
    }
    return byPaper
  }

  /**
   * For each word or phrase word of the query, how many papers hold it (or, being typed, any
   * word it begins; Infinity when they are too many to list), by the vocabulary's counts. Null
   * when the vocabulary is not ready.
   */
  function slotDocuments(patterns: readonly MatchPattern[]): number[] | null {
    const documents: number[] = []
    for (const slot of patterns.flat()) {
      let papers = 0
      for (const term of slot.terms) {
        if (slot.prefix) {
          const completions = vocabulary.completions(term)
          papers += completions ? sum(completions.map((c) => c.doc)) : Infinity
        } else {
          const count = vocabulary.documentCount(term)
          if (count === null) return null
          papers += count
        }
      }
      documents.push(papers)
    }
    return documents
  }

  /** What a query in `scope` asks: its conditions and what it looks for. */
  function read(text: string, scope: SearchScope) {
    const query = parseQuery(text)
    const conditions = searchConditions(query.filters, scope, exclusionExpression(query))
    return {
      query,
      conditions,
      match: matchExpression(query, lookup),
      pageMatch: pageMatchExpression(query, pageLookup),
    }
  }

  return {
    /**
     * Papers matching `text` in the query language within `scope`, best first (with filters
     * alone, in digest order): those whose title, abstract, notes or tags match, then those
     * matching only in the pages of their PDFs; with in:pdf, only the pages count. Syntax it
     * cannot read is named in `queryProblem`; the rest runs.
     */
    search: (
      text: string,
      scope: SearchScope = {},
      { limit = DEFAULT_SEARCH_LIMIT }: { limit?: number } = {},
    ): SearchResult => {
      const { query, conditions, match, pageMatch } = read(text, scope)
      // One more than the limit says whether the limit cut the list.
      if (!match || !pageMatch) {
        const ids = repo.filtered(conditions, limit + 1, filterPlan(conditions))
        return { ids: ids.slice(0, limit), more: ids.length > limit, queryProblem: query.problem }
      }
      const found = query.filters.inPdf ? [] : rankedIds(match, conditions, limit + 1)
      // Every paper whose own text matches is in `found` unless the limit cut it.
      const body = bodyIds(pageMatch, conditions, found, limit + 1 - found.length)
      const ids = [...found, ...body.ids]
      return {
        ids: ids.slice(0, limit),
        more: ids.length > limit || body.cut,
        queryProblem: query.problem,
      }
    },

    /**
     * Summaries of `ids` (found by `search` with this text and scope) in that order, with what
     * the query matched marked in the title and a snippet of the abstract or notes, and the
     * pages of the paper's PDFs that match with a snippet of the first.
     */
    summaries: (ids: readonly number[], text: string, scope: SearchScope = {}): PaperSummary[] => {
      const { conditions, match, pageMatch } = read(text, scope)
      const range = { digestFrom: conditions.digestFrom, digestTo: conditions.digestTo }
      const summaries = papers.summaries(ids, range).map(toPaperSummary)
      if (!match) return summaries
      const matcher = createMatcher(match.patterns, { start: MATCH_START, end: MATCH_END })
      const texts = new Map(repo.texts(ids).map((row) => [row.id, row]))
      const bodies = pageMatch ? bodyMatches(pageMatch, ids, matcher) : new Map()
      const annotated = annotationPages(ids, matcher)
      return summaries.map((summary) => {
        const { title, abstract, notes } = texts.get(summary.id)!
        const snippet = matcher.snippet(abstract) ?? matcher.snippet(notes)
        const body = bodies.get(summary.id) ?? { pages: [], pageSnippet: null }
        const inAnnotations = annotated.get(summary.id)
        return {
          ...summary,
          match: {
            title: matcher.highlight(title),
            snippet,
            ...body,
            ...(inAnnotations && { annotationPages: inAnnotations }),
          },
        }
      })
    },

    /** Papers like paper `id` by its most distinctive terms, best first; [] for an unknown id. */
    related: (id: number, limit = RELATED_LIMIT): PaperSummary[] => {
      const paper = repo.paperText(id)
      const match =
        paper &&
        relatedExpression(
          `${paper.title} ${paper.abstract}`,
          (term) => vocabulary.documentCount(term) ?? repo.documentCount(term),
        )
      return match ? papers.summaries(repo.related(match, id, limit)).map(toPaperSummary) : []
    },

    /**
     * Builds the typo-tolerance vocabulary now (it is otherwise built on first use), resolving
     * when ready, and the map of PDF pages to papers (~15 ms for 40,000 pages).
     */
    prepare: () => {
      pages.prepare()
      return vocabulary.refresh()
    },

    /** Papers were added or changed: the vocabulary catches up in the background. */
    indexChanged: vocabulary.indexChanged,
  }
}

function searchConditions(
  filters: QueryFilters,
  scope: SearchScope,
  exclude: string | null,
): SearchConditions {
  const statuses = scope.status
    ? filters.statuses.length === 0 || filters.statuses.includes(scope.status)
      ? [scope.status]
      : []
    : filters.statuses
  const digest = scope.digest ? narrowRange(filters.digest, scope.digest) : filters.digest
  return {
    statuses: scope.status || statuses.length > 0 ? JSON.stringify(statuses) : null,
    tags: JSON.stringify(scope.tag ? [...filters.tags, scope.tag] : filters.tags),
    digestFrom: digest?.from ?? null,
    digestTo: digest?.to ?? null,
    hasNote: filters.hasNote ? 1 : 0,
    hasHighlight: filters.hasHighlight ? 1 : 0,
    // in:pdf with no words lists the papers that have pages to search.
    hasPdf: filters.hasPdf || filters.inPdf ? 1 : 0,
    arxiv: filters.arxiv,
    authors: JSON.stringify(filters.authors),
    authorMatch: authorIndexExpression(filters.authors),
    categories: JSON.stringify(filters.categories),
    firstCategory: filters.categories[0] ?? null,
    exclude,
    ids: scope.ids ? JSON.stringify(scope.ids) : null,
  }
}

/** The range narrowed to one date; empty (from after to) when the date is outside it. */
function narrowRange(range: { from: string; to: string } | null, date: string) {
  if (!range) return { from: date, to: date }
  return range.from <= date && date <= range.to ? { from: date, to: date } : { from: date, to: '' }
}
