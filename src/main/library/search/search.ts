import {
  MATCH_END,
  MATCH_START,
  type PaperListResult,
  type PaperSummary,
  type ReadingStatus,
} from '../../../shared/models'
import type { Db } from '../db/openLibrary'
import { toPaperSummary } from '../paperDto'
import { exclusionExpression, matchExpression } from './matchExpression'
import { parseQuery, type QueryFilters } from './queryParser'
import { relatedExpression } from './related'
import { createSearchRepo, type MatchedSummaryRow, type SearchConditions } from './search.repo'
import { createVocabulary } from './vocabulary'

export const DEFAULT_SEARCH_LIMIT = 500
const RELATED_LIMIT = 5

/** The list a search runs within (the app's sidebar view). */
export interface SearchScope {
  status?: ReadingStatus | undefined
  digest?: string | undefined
  tag?: string | undefined
}

export type Search = ReturnType<typeof createSearch>

/** Search over the full-text index: the one code path of the app, the CLI and the benchmark. */
export function createSearch(db: Db) {
  const repo = createSearchRepo(db)
  const vocabulary = createVocabulary(() => (db.open ? repo.allTerms() : []))
  const lookup = {
    isIndexed: (term: string, prefix: boolean) => {
      const next = repo.termAtOrAfter(term)
      return next !== null && (prefix ? next.startsWith(term) : next === term)
    },
    similar: vocabulary.similar,
  }

  return {
    /**
     * Papers matching `text` in the query language within `scope`, best first (with filters
     * alone, in digest order). Syntax it cannot read is named in `queryProblem`; the rest runs.
     */
    search: (
      text: string,
      scope: SearchScope = {},
      { limit = DEFAULT_SEARCH_LIMIT }: { limit?: number } = {},
    ): PaperListResult => {
      const query = parseQuery(text)
      const conditions = searchConditions(query.filters, scope, exclusionExpression(query))
      const match = matchExpression(query, lookup)
      if (match === null) {
        return {
          papers: repo.filtered(conditions, limit).map(toPaperSummary),
          queryProblem: query.problem,
        }
      }
      const ids = repo.ranked(match, conditions, limit)
      const rows = new Map(
        repo
          .matched(match, conditions, ids, { start: MATCH_START, end: MATCH_END })
          .map((row) => [row.id, row]),
      )
      return { papers: ids.map((id) => withMatch(rows.get(id)!)), queryProblem: query.problem }
    },

    /** Papers like paper `id` by its most distinctive terms, best first; [] for an unknown id. */
    related: (id: number, limit = RELATED_LIMIT): PaperSummary[] => {
      const paper = repo.paperText(id)
      const match =
        paper && relatedExpression(`${paper.title} ${paper.abstract}`, repo.documentCount)
      return match ? repo.related(match, id, limit).map(toPaperSummary) : []
    },

    /** Builds the typo-tolerance vocabulary now (it is otherwise built on first use); resolves when ready. */
    prepare: () => vocabulary.refresh(),

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
    arxiv: filters.arxiv,
    exclude,
  }
}

/** The range narrowed to one date; empty (from after to) when the date is outside it. */
function narrowRange(range: { from: string; to: string } | null, date: string) {
  if (!range) return { from: date, to: date }
  return range.from <= date && date <= range.to ? { from: date, to: date } : { from: date, to: '' }
}

function withMatch(row: MatchedSummaryRow): PaperSummary {
  const snippet = [row.abstract_snippet, row.notes_snippet].find((text) =>
    text.includes(MATCH_START),
  )
  return { ...toPaperSummary(row), match: { title: row.match_title, snippet: snippet ?? null } }
}
