import { describe, expect, it } from 'vitest'
import { openLibrary } from '../library'
import { useTempDir, writeFile } from '../testing/tempDirs'
import { authorIndexExpression } from './authorIndex'
import {
  candidateSources,
  createSearchRepo,
  type FilterPlan,
  type SearchConditions,
} from './search.repo'

const tempDir = useTempDir()

const SURNAMES = ['Hopper', 'Lovelace', 'Turing', 'Noether', 'Li']
const CATEGORIES = ['cs.LG', 'cs.CV', 'math.OC', 'stat.ML']
const WORDS = ['diffusion', 'serving', 'graphs']

/** 60 papers whose authors, categories and words vary with their number. */
function feed(): string {
  const entries = Array.from({ length: 60 }, (_, n) => {
    const authors = [SURNAMES[n % 5], SURNAMES[(n * 3) % 5]].map((s, i) => `Ann${i} ${s}`)
    const categories = [...new Set([CATEGORIES[n % 4], CATEGORIES[(n * 7) % 4]])]
    return `<entry><id>http://arxiv.org/abs/2401.${String(n).padStart(5, '0')}v1</id>
      <published>2024-01-02T00:00:00Z</published>
      <title>Paper ${n} on ${WORDS[n % 3]}</title><summary>It studies ${WORDS[(n * 2) % 3]}.</summary>
      ${authors.map((name) => `<author><name>${name}</name></author>`).join('')}
      ${categories.map((term) => `<category term="${term}"/>`).join('')}</entry>`
  })
  return `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">${entries.join('')}</feed>`
}

function conditions(authors: string[], categories: string[]): SearchConditions {
  return {
    statuses: null,
    tags: '[]',
    digestFrom: null,
    digestTo: null,
    hasNote: 0,
    hasHighlight: 0,
    hasPdf: 0,
    arxiv: null,
    authors: JSON.stringify(authors),
    authorMatch: authorIndexExpression(authors),
    categories: JSON.stringify(categories),
    firstCategory: categories[0] ?? null,
    exclude: null,
    ids: null,
  }
}

/** Every way to meet the conditions' filters: test each, the sets, each source leading. */
function plans(filter: SearchConditions): FilterPlan[] {
  const sources = candidateSources(filter)
  return [
    { sets: [], lead: null },
    { sets: sources, lead: null },
    ...sources.map((lead) => ({ sets: [], lead })),
    ...sources.map((lead) => ({ sets: sources.filter((source) => source !== lead), lead })),
  ]
}

describe('the search repo', () => {
  it('finds the same papers, in the same order and scores, whichever way it meets the filters, with words or without', async () => {
    const dir = tempDir()
    const library = openLibrary(dir)
    await library.importFiles([writeFile(dir, 'feed.atom', feed())])
    const repo = createSearchRepo(library.db)
    const cases: Array<[string, SearchConditions]> = [
      ['"diffusion"', conditions(['hopper'], [])],
      ['"serving"', conditions(['TURING', 'ann1'], ['cs'])],
      ['"graphs" OR "diffusion"', conditions(['noether'], ['cs', 'stat'])],
      ['"paper"', conditions(['lovelace'], ['cs.CV'])],
    ]
    for (const [match, filter] of cases) {
      const [first, ...others] = plans(filter).map((plan) => ({
        match,
        plan,
        newest: repo.newest(match, filter, 7, { plan }),
        titles: repo.newest(match, filter, 7, { plan, titles: true }),
        scored: repo.scored(match, filter, 100, plan),
        filtersAlone: repo.filtered(filter, 50, plan),
      }))
      expect(first!.scored.length).toBeGreaterThan(0)
      expect(first!.filtersAlone.length).toBeGreaterThanOrEqual(first!.scored.length)
      for (const other of others) expect(other).toEqual({ ...first, plan: other.plan })
    }
    library.close()
  })

  it('counts candidates up to a cap', async () => {
    const dir = tempDir()
    const library = openLibrary(dir)
    await library.importFiles([writeFile(dir, 'feed.atom', feed())])
    const repo = createSearchRepo(library.db)
    expect(repo.candidateCount('authors', conditions(['hopper'], []), 1000)).toBe(12)
    expect(repo.candidateCount('authors', conditions(['hopper'], []), 5)).toBe(5)
    expect(repo.candidateCount('categories', conditions([], ['CS']), 1000)).toBe(45)
    expect(repo.candidateCount('categories', conditions([], ['hep-th']), 1000)).toBe(0)
    library.close()
  })
})
