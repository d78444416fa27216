import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { LIBRARY_FILE_NAME } from '../src/main/library/db/openLibrary'
import { importTotals } from '../src/shared/importTotals'
import { openLibrary, type Library } from '../src/main/library/library'
import {
  capitalize,
  fail,
  mulberry32,
  pick,
  positiveInteger,
  type Random,
  round,
  runBenchmark,
  words,
} from './benchUtil'
import { syntheticDays } from './syntheticDigests'

/**
 * author: and cat: at scale: a synthetic library imported through the real path from arXiv
 * Atom feeds (so every paper has authors and categories), then each filter query through the
 * window's list call, and the same filter answered the way it was before the indexes (reading
 * every paper's JSON lists) in the same run, which must give the same papers. Prints one JSON
 * object on stdout, progress on stderr; exits 1 only when an answer is wrong.
 */

const RUNS = 7
/** What the list asks for a filter alone: the first 500 in list order, and one more. */
const LIMIT = 501

const GIVEN = words(`
  Ada Alan Grace Emmy Yann Fei Kan Yilong Mengyao Priya Arjun Sofia Lucas Amara Kenji Ines
  Omar Lena Mateo Chen Wei Jun Hana Tariq Nadia Pavel Ivan Olga Rosa Diego Yuki Sara Tom Ana`)
const COMMON_SURNAMES = words(`Wang Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Li Kim Lee Park
  Nguyen Singh Kumar Smith Garcia Muller Rossi Silva Cohen Tanaka Sato Ivanov`)
const SYLLABLES = words(`ba co da fe gi ka lo mi nu pa ri sa te vo xe zo bri cla dro fla gra
  kro pla pro stra tri vex lum nex or ix ax en an ion ar ul ex om tor mer`)
const CATEGORIES: ReadonlyArray<[string, number]> = [
  ['cs.LG', 0.3],
  ['cs.CV', 0.2],
  ['cs.CL', 0.2],
  ['cs.AI', 0.1],
  ['stat.ML', 0.08],
  ['eess.IV', 0.05],
  ['math.OC', 0.04],
  ['physics.comp-ph', 0.02],
  ['q-bio.NC', 0.01],
]

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      papers: { type: 'string', default: '100000' },
      seed: { type: 'string', default: '11' },
      // Keeps the generated library in this folder and reuses it on the next run.
      library: { type: 'string' },
    },
  })
  const papers = positiveInteger('--papers', values.papers)
  const random = mulberry32(positiveInteger('--seed', values.seed))
  const root = mkdtempSync(join(tmpdir(), 'margin-people-bench-'))
  try {
    const libraryDir = values.library ?? join(root, 'library')
    const build = existsSync(join(libraryDir, LIBRARY_FILE_NAME))
      ? null
      : await buildLibrary(join(root, 'feeds'), libraryDir, papers, random)
    const library = openLibrary(libraryDir)
    try {
      const queries = planQueries(library)
      const results = queries.map((query) => measure(library, query))
      console.log(JSON.stringify({ papers, runs: RUNS, build, queries: results }))
    } finally {
      library.close()
    }
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}

async function buildLibrary(feeds: string, libraryDir: string, papers: number, random: Random) {
  progress(`writing arXiv feeds for ${papers} papers`)
  mkdirSync(feeds, { recursive: true })
  const surnames = [...COMMON_SURNAMES, ...madeUpSurnames(5_000)]
  const paths: string[] = []
  let index = 0
  for (const day of syntheticDays({ papers, perFile: 40, seed: 42 })) {
    const entries = day.papers.map((paper) => {
      const id = `${day.date.slice(2, 4)}${day.date.slice(5, 7)}.${String(index++).padStart(5, '0')}`
      const authors = Array.from({ length: 1 + Math.floor(random() * 8) }, () => {
        // Surname k with probability about proportional to 1/k: a few are very common.
        const surname = surnames[Math.floor(Math.pow(surnames.length + 1, random())) - 1]!
        return `${pick(random, GIVEN)} ${surname}`
      })
      return atomEntry(id, paper.title, paper.abstract, authors, paperCategories(random))
    })
    const path = join(feeds, `arxiv-${day.date}.atom`)
    writeFileSync(path, atomFeed(day.date, entries))
    paths.push(path)
  }
  progress(`importing ${paths.length} feeds`)
  const library = openLibrary(libraryDir)
  try {
    const start = performance.now()
    const report = await library.importFiles(paths)
    const { added } = importTotals(report)
    if (added !== papers) fail(`import added ${added} papers, expected ${papers}`)
    return { files: paths.length, importMs: Math.round(performance.now() - start) }
  } finally {
    library.close()
  }
}

function madeUpSurnames(count: number): string[] {
  const random = mulberry32(0x5eed)
  const names = new Set<string>()
  while (names.size < count) {
    const name = Array.from({ length: 2 + Math.floor(random() * 2) }, () => pick(random, SYLLABLES))
    names.add(capitalize(name.join('')))
  }
  return [...names]
}

function paperCategories(random: Random): string[] {
  const categories = new Set<string>()
  const count = 1 + Math.floor(random() * 3)
  while (categories.size < count) {
    let roll = random()
    const found = CATEGORIES.find(([, share]) => (roll -= share) < 0)
    categories.add((found ?? CATEGORIES[0]!)[0])
  }
  return [...categories]
}

function atomFeed(date: string, entries: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>arXiv listing ${date}</title>
  <updated>${date}T00:00:00Z</updated>
${entries.join('\n')}
</feed>
`
}

function atomEntry(
  id: string,
  title: string,
  abstract: string,
  authors: string[],
  categories: string[],
): string {
  return `  <entry>
    <id>http://arxiv.org/abs/${id}v1</id>
    <published>20${id.slice(0, 2)}-${id.slice(2, 4)}-01T00:00:00Z</published>
    <title>${xml(title)}</title>
    <summary>${xml(abstract)}</summary>
${authors.map((name) => `    <author><name>${xml(name)}</name></author>`).join('\n')}
${categories.map((term) => `    <category term="${term}"/>`).join('\n')}
  </entry>`
}

// ---------------------------------------------------------------------------------------------
// Queries

interface PlannedQuery {
  label: string
  query: string
  /** The same filter as SQL over every paper's JSON lists (the way before the indexes). */
  scan: { authors: string[]; categories: string[] } | null
}

/** Names picked from the library itself, so a reused library gets fitting queries. */
function planQueries(library: Library): PlannedQuery[] {
  progress('counting names')
  const counts = library.db
    .prepare<[], { name: string; papers: number }>(
      `SELECT a.value AS name, count(*) AS papers FROM papers p, json_each(p.authors) a
       GROUP BY a.value ORDER BY papers DESC, name`,
    )
    .all()
  if (counts.length === 0) fail('the library has no authors')
  const common = counts[0]!.name
  const rare = counts.find((c) => c.papers <= 10)?.name ?? counts.at(-1)!.name
  const surname = (name: string) => name.split(' ').at(-1)!
  const authors = (label: string, ...names: string[]) => ({
    label,
    query: names.map((name) => `author:"${name}"`).join(' '),
    scan: { authors: names, categories: [] },
  })
  const categories = (label: string, ...names: string[]) => ({
    label,
    query: names.map((name) => `cat:${name}`).join(' '),
    scan: { authors: [], categories: names },
  })
  return [
    authors('common surname', surname(common)),
    authors('rare full name', rare),
    authors('absent name', 'Nobody Here'),
    authors('common surname and rare given name', surname(common), rare.split(' ')[0]!),
    authors('two-letter part (no trigram: read as before)', 'li'),
    categories('common category', 'cs.LG'),
    categories('archive', 'math'),
    categories('rare category', 'q-bio.NC'),
    categories('absent category', 'hep-th'),
    // Words lead the search: no scan of the same shape to compare with.
    { label: 'a common word and a rare name', query: `model author:"${rare}"`, scan: null },
    { label: 'a common word and surname', query: `model author:"${surname(common)}"`, scan: null },
    { label: 'a common word and a rare category', query: 'model cat:q-bio.NC', scan: null },
    { label: 'a common word and a common category', query: 'model cat:cs.LG', scan: null },
  ]
}

function measure(library: Library, { label, query, scan }: PlannedQuery) {
  progress(query)
  const answer = () => library.paperList({}, query).ids
  const ids = answer()
  const ms = median(() => answer())
  if (!scan) return { label, query, papers: ids.length, ms }
  const scanned = scanStatement(library)
  const scanArgs = {
    authors: JSON.stringify(scan.authors),
    categories: JSON.stringify(scan.categories),
    limit: LIMIT,
  }
  const before = scanned.all(scanArgs)
  if (JSON.stringify(before.slice(0, ids.length)) !== JSON.stringify(ids)) {
    fail(`${query}: the indexes found other papers than reading every paper's lists`)
  }
  const scanMs = median(() => scanned.all(scanArgs))
  return { label, query, papers: ids.length, ms, scanMs, ratio: round(ms / scanMs, 3) }
}

function scanStatement(library: Library) {
  return library.db
    .prepare<{ authors: string; categories: string; limit: number }, number>(
      `SELECT p.id FROM papers p WHERE p.listed_date IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM json_each(@authors) w WHERE NOT EXISTS (
           SELECT 1 FROM json_each(p.authors) a WHERE instr(lower(a.value), lower(w.value)) > 0))
         AND NOT EXISTS (SELECT 1 FROM json_each(@categories) w WHERE NOT EXISTS (
           SELECT 1 FROM json_each(p.categories) c WHERE lower(c.value) = lower(w.value)
             OR substr(lower(c.value), 1, length(w.value) + 1) = lower(w.value) || '.'))
       ORDER BY p.listed_date DESC, p.listed_position, p.id LIMIT @limit`,
    )
    .pluck()
}

function median(run: () => unknown): number {
  const ms = Array.from({ length: RUNS }, () => {
    const start = performance.now()
    run()
    return performance.now() - start
  }).sort((a, b) => a - b)
  return round(ms[Math.floor(RUNS / 2)]!, 2)
}

function xml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')
}

function progress(message: string): void {
  console.error(`bench:people: ${message}`)
}

runBenchmark('bench:people', main)
