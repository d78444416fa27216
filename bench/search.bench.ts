import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { launchApp } from '../e2e/harness'
import { createApi } from '../src/main/api'
import { LIBRARY_FILE_NAME } from '../src/main/library/db/openLibrary'
import { importTotals } from '../src/shared/importTotals'
import { openLibrary, type Library } from '../src/main/library/library'
import type { ReadingStatus } from '../src/shared/models'
import {
  type Random,
  fail,
  mulberry32,
  pick,
  positiveInteger,
  round,
  runBenchmark,
  words,
} from './benchUtil'
import { ensureRendererBuilt } from './rendererBuild'
import { writeSyntheticDigests } from './syntheticDigests'

/**
 * Search at scale: a synthetic library through the real import, notes on 5% of papers, then
 * six query classes through the app's search path and the same queries through a bare FTS5
 * statement on the same database, in the same run. Ends with the first list paint of the real
 * renderer over that library (e2e harness). Prints one JSON object on stdout, progress on
 * stderr; exits 1 only when search answers wrongly, never for a missed target.
 */

const TARGETS = {
  p95Ms: 16,
  p95Classes: ['oneWord', 'twoWord', 'prefix', 'fuzzy'] as QueryClass[],
  maxRatioToFts5: 1,
  firstListPaintMs: 1000,
  heapUsedMB: 500,
}
const LIMIT = 500
const NOTE_SHARE = 0.05
const STATUS_SHARES: ReadonlyArray<[ReadingStatus, number]> = [
  ['to-read', 0.1],
  ['reading', 0.02],
  ['read', 0.05],
]

const QUERY_CLASSES = ['oneWord', 'twoWord', 'prefix', 'fuzzy', 'phrase', 'filtered'] as const
type QueryClass = (typeof QUERY_CLASSES)[number]

/** A query as the search box sends it, and as a bare FTS5 statement asks it (null: it cannot). */
interface Query {
  text: string
  fts: FtsQuery | null
  /** The words are taken from a paper that holds them: an empty answer is wrong. */
  mustMatch: boolean
}

type FtsFilter =
  | { kind: 'none' }
  | { kind: 'status'; status: ReadingStatus }
  | { kind: 'note' }
  | { kind: 'digest'; date: string }
interface FtsQuery {
  match: string
  filter: FtsFilter
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      papers: { type: 'string', default: '100000' },
      queries: { type: 'string', default: '200' },
      seed: { type: 'string', default: '7' },
      // Keeps the generated library in this folder and reuses it on the next run (same --papers).
      library: { type: 'string' },
    },
  })
  const papers = positiveInteger('--papers', values.papers)
  const queries = positiveInteger('--queries', values.queries)
  const seed = positiveInteger('--seed', values.seed)
  // The build has its own stream, so a reused library meets the same queries as a fresh one.
  const buildRandom = mulberry32(seed + 1)
  const random = mulberry32(seed)
  const gc = exposeGc()

  const root = mkdtempSync(join(tmpdir(), 'margin-search-bench-'))
  try {
    const libraryDir = values.library ?? join(root, 'library')
    const build = existsSync(join(libraryDir, LIBRARY_FILE_NAME))
      ? null
      : await buildLibrary(root, libraryDir, papers, buildRandom)
    const run = await measureSearch(libraryDir, queries, random, gc)
    const paint = await measureFirstListPaint(libraryDir)
    console.log(JSON.stringify(report(papers, queries, build, run, paint)))
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}

// ---------------------------------------------------------------------------------------------
// Library: generate, import, notes, statuses

interface BuildFigures {
  files: number
  importMs: number
  notes: number
  notesMs: number
  statusesMs: number
}

async function buildLibrary(
  root: string,
  libraryDir: string,
  papers: number,
  random: Random,
): Promise<BuildFigures> {
  progress(`generating ${papers} papers`)
  const { paths } = writeSyntheticDigests(join(root, 'digests'), { papers, perFile: 40, seed: 42 })
  const library = openLibrary(libraryDir)
  try {
    progress(`importing ${paths.length} files`)
    const imported = await timed(() => library.importFiles(paths))
    const { added } = importTotals(imported.result)
    if (added !== papers) fail(`import added ${added} papers, expected ${papers}`)

    const ids = library.db.prepare<[], number>('SELECT id FROM papers ORDER BY id').pluck().all()
    progress(`writing notes on ${Math.round(NOTE_SHARE * 100)}% of papers`)
    const noted = sample(random, ids, Math.round(ids.length * NOTE_SHARE))
    const notes = await timed(() => noted.forEach((id) => library.saveNote(id, noteText(random))))
    const statuses = await timed(() => library.setStatuses(statusChanges(random, ids)))
    return {
      files: paths.length,
      importMs: imported.ms,
      notes: noted.length,
      notesMs: notes.ms,
      statusesMs: statuses.ms,
    }
  } finally {
    library.close()
  }
}

function statusChanges(random: Random, ids: readonly number[]) {
  return ids.flatMap((id) => {
    let roll = random()
    for (const [status, share] of STATUS_SHARES) {
      if (roll < share) return [{ id, status }]
      roll -= share
    }
    return []
  })
}

const NOTE_OPENERS = [
  'Key idea:',
  'Why it matters:',
  'Compare with',
  'Question:',
  'TODO: check whether',
  'Main result:',
  'Limitation:',
]
const NOTE_WORDS = words(`
  baseline ablation appendix figure table section results setup claim evidence dataset
  reproduce replicate weak strong surprising unclear convincing related prior follow-up
  transformer attention diffusion retrieval alignment distillation quantization benchmark
  reasoning agents latency memory scaling robustness calibration evaluation tokenizer`)

/** A few short markdown lines, as a reader writes them. */
function noteText(random: Random): string {
  const lines = 1 + Math.floor(random() * 5)
  return Array.from({ length: lines }, () => {
    const length = 5 + Math.floor(random() * 14)
    const body = Array.from({ length }, () => pick(random, NOTE_WORDS)).join(' ')
    return `- ${pick(random, NOTE_OPENERS)} ${body}.`
  }).join('\n')
}

// ---------------------------------------------------------------------------------------------
// Search: reopen, index figures, heap, query classes

type Gc = () => void

interface SearchFigures {
  openMs: number
  firstQueryMs: number
  ftsTable: string
  ftsRebuildMs: number
  ftsFromSourceMs: number
  vocabularyIndexMs: number
  heapUsedMB: number
  rssMB: number
  heapUsedAfterQueriesMB: number
  inboxList: { ms: number; rows: number; jsonMB: number }
  classes: Record<QueryClass, ClassFigures>
}

interface ClassFigures {
  queries: number
  emptyAnswers: number
  /** Our three slowest queries, to show where the time goes. */
  slowest: Array<{ text: string; ms: number }>
  ours: Percentiles
  fts5: Percentiles | null
  ratio: number | null
}

interface Percentiles {
  p50: number
  p95: number
}

async function measureSearch(
  libraryDir: string,
  count: number,
  random: Random,
  gc: Gc,
): Promise<SearchFigures> {
  progress('reopening the library')
  gc()
  const opened = await timed(() => openLibrary(libraryDir))
  const library = opened.result
  try {
    progress('building the typo-tolerance vocabulary')
    const vocabulary = await timed(() => library.prepareSearch())
    const firstQuery = await timed(() => ours(library, 'model'))
    gc()
    const { heapUsed, rss } = process.memoryUsage()

    const inboxList = await timeInboxList(library)
    const ftsTable = findFtsTable(library)
    const corpus = readCorpus(library, random)
    const plan = planQueries(corpus, count, random)
    const fts = ftsRunner(library, ftsTable)
    const classes = {} as Record<QueryClass, ClassFigures>
    for (const name of QUERY_CLASSES) {
      const start = performance.now()
      progress(`running ${plan[name].length} ${name} queries`)
      classes[name] = runClass(name, plan[name], library, fts)
      progress(`${name} done in ${Math.round((performance.now() - start) / 1000)} s`)
    }
    gc()
    const heapUsedAfterQueriesMB = process.memoryUsage().heapUsed / MB

    progress('rebuilding the FTS index')
    const rebuilds = timeFtsRebuilds(library, ftsTable)
    return {
      openMs: opened.ms,
      vocabularyIndexMs: vocabulary.ms,
      firstQueryMs: firstQuery.ms,
      ftsTable,
      ...rebuilds,
      heapUsedMB: heapUsed / MB,
      rssMB: rss / MB,
      heapUsedAfterQueriesMB,
      inboxList,
      classes,
    }
  } finally {
    library.close()
  }
}

/** The 'papers:list' handler for the Inbox, as the window asks it at start-up. */
async function timeInboxList(library: Library): Promise<SearchFigures['inboxList']> {
  const api = createApi(library, {
    emit: () => {},
    openExternal: async () => {},
    flushed: () => {},
  })
  const { result, ms } = await timed(() => api['papers:list']({ view: { kind: 'inbox' } }))
  return { ms, rows: result.ids.length, jsonMB: JSON.stringify(result).length / MB }
}

// ---- the app's search (src/main/library/search/)

/**
 * What 'papers:list' answers for a text in the All papers view: up to 500 ids, best first, which
 * are new, and the first rows summarized with their matches marked.
 */
function ours(library: Library, text: string): number {
  return library.paperList({}, text).ids.length
}

// ---- plain FTS5 on the same database

/**
 * The full index built again: FTS5's 'rebuild' (from the text the table stores), then from the
 * papers, notes, highlights and tags as the migration first builds it (paper_search_source).
 */
function timeFtsRebuilds(library: Library, table: string) {
  const { db } = library
  const rebuild = db.prepare(`INSERT INTO ${table}(${table}) VALUES ('rebuild')`)
  let start = performance.now()
  rebuild.run()
  const ftsRebuildMs = performance.now() - start
  const fromSource = db.transaction(() => {
    db.prepare(`DELETE FROM ${table}`).run()
    db.prepare(
      `INSERT INTO ${table} (rowid, title, abstract, notes, tags)
       SELECT id, title, abstract, notes, tags FROM paper_search_source`,
    ).run()
  })
  start = performance.now()
  fromSource()
  return { ftsRebuildMs, ftsFromSourceMs: performance.now() - start }
}

type FtsRun = (query: FtsQuery) => number

function findFtsTable(library: Library): string {
  const tables = library.db
    .prepare<[], string>(
      `SELECT name FROM sqlite_master
       WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts5(%' ORDER BY name`,
    )
    .pluck()
    .all()
  const table = tables.find((name) => /search|fts/i.test(name)) ?? tables[0]
  if (!table) fail('the library has no FTS5 table')
  return table
}

/**
 * Bare prepared statements: MATCH, bm25 order, LIMIT; filters through a join to papers, with
 * the index as the outer loop (CROSS JOIN), the plan a careful hand would write: left to itself
 * SQLite walks papers by the status index and runs the match once per paper (seconds a query).
 */
function ftsRunner(library: Library, table: string): FtsRun {
  const select = (where: string) =>
    library.db
      .prepare<unknown[], number>(
        `SELECT ${table}.rowid FROM ${table} CROSS JOIN papers p ON p.id = ${table}.rowid
         WHERE ${table} MATCH ? ${where} ORDER BY bm25(${table}) LIMIT ${LIMIT}`,
      )
      .pluck()
  const plain = select('')
  const byStatus = select('AND p.status = ?')
  const withNote = select('AND EXISTS (SELECT 1 FROM notes n WHERE n.paper_id = p.id)')
  const inDigest = select(`AND EXISTS (SELECT 1 FROM digest_papers dp
    JOIN digests d ON d.id = dp.digest_id WHERE dp.paper_id = p.id AND d.date = ?)`)
  return ({ match, filter }) => {
    switch (filter.kind) {
      case 'none':
        return plain.all(match).length
      case 'status':
        return byStatus.all(match, filter.status).length
      case 'note':
        return withNote.all(match).length
      case 'digest':
        return inDigest.all(match, filter.date).length
    }
  }
}

/** Ours and FTS5 alternate which goes first, so neither always meets a warmer cache. */
function runClass(
  name: QueryClass,
  queries: readonly Query[],
  library: Library,
  fts: FtsRun,
): ClassFigures {
  const oursMs: number[] = []
  const ftsMs: number[] = []
  const timedQueries: Array<{ text: string; ms: number }> = []
  let emptyAnswers = 0
  const runOurs = (query: Query) => {
    const start = performance.now()
    const found = ours(library, query.text)
    const ms = performance.now() - start
    oursMs.push(ms)
    timedQueries.push({ text: query.text, ms: round(ms, 1) })
    if (found === 0) {
      emptyAnswers++
      if (query.mustMatch) fail(`${name}: no answer for ${JSON.stringify(query.text)}`)
    }
  }
  const runFts = (query: Query) => {
    if (!query.fts) return
    const start = performance.now()
    const found = fts(query.fts)
    ftsMs.push(performance.now() - start)
    if (found === 0 && query.mustMatch) {
      fail(`${name}: FTS5 has no answer for ${JSON.stringify(query.fts.match)}`)
    }
  }
  for (const [index, query] of queries.entries()) {
    if (index % 2 === 0) {
      runOurs(query)
      runFts(query)
    } else {
      runFts(query)
      runOurs(query)
    }
  }
  if (emptyAnswers === queries.length) fail(`${name}: no query found anything`)
  const oursP = percentiles(oursMs)
  const ftsP = ftsMs.length ? percentiles(ftsMs) : null
  return {
    queries: queries.length,
    emptyAnswers,
    slowest: timedQueries.sort((a, b) => b.ms - a.ms).slice(0, 3),
    ours: oursP,
    fts5: ftsP,
    ratio: ftsP ? round(oursP.p95 / ftsP.p95, 2) : null,
  }
}

// ---------------------------------------------------------------------------------------------
// Queries drawn from the library's own text (seeded)

const STOP_WORDS = new Set(
  words(`the a an of to in and for with on by from across through within over under between via
  while which that this these our its their each both we is are be as at or it not`),
)

interface SampledPaper {
  id: number
  tokens: string[]
  status: ReadingStatus
  digest: string
  hasNote: boolean
}

interface Corpus {
  papers: SampledPaper[]
  vocabulary: string[]
  vocabularySet: Set<string>
}

/** A seeded sample of papers with their abstract words, and the vocabulary they use. */
function readCorpus(library: Library, random: Random): Corpus {
  const rows = library.db
    .prepare<
      [],
      { id: number; abstract: string; status: ReadingStatus; digest: string; note: 0 | 1 }
    >(
      `SELECT p.id, p.abstract, p.status,
         (SELECT max(d.date) FROM digest_papers dp JOIN digests d ON d.id = dp.digest_id
          WHERE dp.paper_id = p.id) AS digest,
         EXISTS (SELECT 1 FROM notes n WHERE n.paper_id = p.id) AS note
       FROM papers p`,
    )
    .all()
  const papers = sample(random, rows, Math.min(rows.length, 4000)).map((row) => ({
    id: row.id,
    tokens: row.abstract.toLowerCase().split(/\s+/),
    status: row.status,
    digest: row.digest,
    hasNote: row.note === 1,
  }))
  // Notes and statuses are rare in a random sample; keep every annotated paper for filters.
  papers.push(...rows.filter((row) => row.note === 1 || row.status !== 'new').map(toSampled))
  const vocabularySet = new Set(papers.flatMap((paper) => contentWords(paper.tokens)))
  return { papers, vocabulary: [...vocabularySet].sort(), vocabularySet }

  function toSampled(row: (typeof rows)[number]): SampledPaper {
    return {
      id: row.id,
      tokens: row.abstract.toLowerCase().split(/\s+/),
      status: row.status,
      digest: row.digest,
      hasNote: row.note === 1,
    }
  }
}

/** Plain words of three letters or more, no function words: what people search for. */
function contentWords(tokens: readonly string[]): string[] {
  return tokens
    .flatMap((token) => token.split(/[^\p{L}]+/u))
    .filter((word) => word.length >= 3 && !STOP_WORDS.has(word))
}

function planQueries(corpus: Corpus, count: number, random: Random): Record<QueryClass, Query[]> {
  const repeat = (make: () => Query) => Array.from({ length: count }, make)
  const paperWord = (paper: SampledPaper) => pick(random, contentWords(paper.tokens))
  const anyPaper = () => pick(random, corpus.papers)
  return {
    oneWord: repeat(() => {
      const word = paperWord(anyPaper())
      return { text: word, fts: { match: word, filter: NO_FILTER }, mustMatch: true }
    }),
    twoWord: repeat(() => {
      const paper = anyPaper()
      const [a, b] = [paperWord(paper), paperWord(paper)]
      return {
        text: `${a} ${b}`,
        fts: { match: `${a} AND ${b}`, filter: NO_FILTER },
        mustMatch: true,
      }
    }),
    prefix: typedPrefixes(corpus, count, random),
    fuzzy: repeat(() => {
      const text = typo(corpus, random)
      return { text, fts: null, mustMatch: false }
    }),
    phrase: repeat(() => {
      const [a, b] = adjacentWords(anyPaper(), random)
      return {
        text: `"${a} ${b}"`,
        fts: { match: `"${a} ${b}"`, filter: NO_FILTER },
        mustMatch: true,
      }
    }),
    filtered: repeat(() => filteredQuery(corpus, random)),
  }
}

const NO_FILTER: FtsFilter = { kind: 'none' }

/** Words typed letter by letter: each keystroke from the second letter on is a query. */
function typedPrefixes(corpus: Corpus, count: number, random: Random): Query[] {
  const queries: Query[] = []
  while (queries.length < count) {
    const word = pick(random, corpus.vocabulary)
    for (let end = 2; end <= word.length; end++) {
      const text = word.slice(0, end)
      queries.push({ text, fts: { match: `${text}*`, filter: NO_FILTER }, mustMatch: true })
    }
  }
  return queries
}

/** A word of five letters or more with one slip after its first letter: swap, drop or replace. */
function typo(corpus: Corpus, random: Random): string {
  for (;;) {
    const word = pick(random, corpus.vocabulary)
    if (word.length < 5) continue
    const at = 1 + Math.floor(random() * (word.length - 2))
    const kind = Math.floor(random() * 3)
    const letter = String.fromCharCode(97 + Math.floor(random() * 26))
    const slipped =
      kind === 0
        ? word.slice(0, at) + word.charAt(at + 1) + word.charAt(at) + word.slice(at + 2)
        : kind === 1
          ? word.slice(0, at) + word.slice(at + 1)
          : word.slice(0, at) + letter + word.slice(at + 1)
    if (!corpus.vocabularySet.has(slipped)) return slipped
  }
}

/** Two words side by side in the abstract, no punctuation between, not both function words. */
function adjacentWords(paper: SampledPaper, random: Random): [string, string] {
  const plain = /^\p{L}+$/u
  const pairs: Array<[string, string]> = []
  paper.tokens.forEach((token, index) => {
    const next = paper.tokens[index + 1]
    if (next === undefined || !plain.test(token) || !plain.test(next)) return
    if (STOP_WORDS.has(token) && STOP_WORDS.has(next)) return
    pairs.push([token, next])
  })
  return pick(random, pairs)
}

/** A word of a paper that passes the filter, with the filter: status:, has:note or digest:. */
function filteredQuery(corpus: Corpus, random: Random): Query {
  const kind = pick(random, ['status', 'note', 'digest'] as const)
  const candidates =
    kind === 'status'
      ? corpus.papers.filter((paper) => paper.status !== 'new')
      : kind === 'note'
        ? corpus.papers.filter((paper) => paper.hasNote)
        : corpus.papers
  const paper = pick(random, candidates)
  const word = pick(random, contentWords(paper.tokens))
  const [text, filter]: [string, FtsFilter] =
    kind === 'status'
      ? [`${word} status:${paper.status}`, { kind, status: paper.status }]
      : kind === 'note'
        ? [`${word} has:note`, { kind }]
        : [`${word} digest:${paper.digest}`, { kind, date: paper.digest }]
  return { text, fts: { match: word, filter }, mustMatch: true }
}

// ---------------------------------------------------------------------------------------------
// First list paint in the e2e harness (the real renderer in Chromium over this library)

interface PaintFigures {
  firstListPaintMs: number
  dataReadyMs: number
}

async function measureFirstListPaint(libraryDir: string): Promise<PaintFigures> {
  ensureRendererBuilt()
  progress('launching the app over the library for the first list paint')
  const app = await launchApp({ libraryDir })
  try {
    const dataReadyMs = performance.now() - app.navigatedAt
    await app.page.locator('[role=option]').first().waitFor({ state: 'visible', timeout: 300_000 })
    return { firstListPaintMs: performance.now() - app.navigatedAt, dataReadyMs }
  } finally {
    await app.close()
  }
}

// ---------------------------------------------------------------------------------------------
// Report

function report(
  papers: number,
  queries: number,
  build: BuildFigures | null,
  run: SearchFigures,
  paint: PaintFigures,
) {
  const classes = Object.fromEntries(
    QUERY_CLASSES.map((name) => {
      const c = run.classes[name]
      return [
        name,
        { ...c, ours: roundPercentiles(c.ours), fts5: c.fts5 && roundPercentiles(c.fts5) },
      ]
    }),
  )
  const heapPeakMB = Math.max(run.heapUsedMB, run.heapUsedAfterQueriesMB)
  const p95Met = Object.fromEntries(
    TARGETS.p95Classes.map((name) => [name, run.classes[name].ours.p95 <= TARGETS.p95Ms]),
  )
  const notSlowerThanFts5 = Object.fromEntries(
    QUERY_CLASSES.flatMap((name) => {
      const { ratio } = run.classes[name]
      return ratio === null ? [] : [[name, ratio <= TARGETS.maxRatioToFts5]]
    }),
  )
  return {
    papers,
    queriesPerClass: queries,
    limit: LIMIT,
    build: {
      ...(build
        ? {
            files: build.files,
            importMs: round(build.importMs, 0),
            notes: build.notes,
            notesMs: round(build.notesMs, 0),
            statusesMs: round(build.statusesMs, 0),
          }
        : { reusedLibrary: true }),
      ftsTable: run.ftsTable,
      ftsRebuildMs: round(run.ftsRebuildMs, 0),
      ftsFromSourceMs: round(run.ftsFromSourceMs, 0),
      vocabularyIndexMs: round(run.vocabularyIndexMs, 0),
    },
    load: {
      openMs: round(run.openMs, 1),
      vocabularyReadyMs: round(run.vocabularyIndexMs, 0),
      firstQueryMs: round(run.firstQueryMs, 1),
    },
    heap: {
      heapUsedMB: round(run.heapUsedMB, 1),
      rssMB: round(run.rssMB, 1),
      heapUsedAfterQueriesMB: round(run.heapUsedAfterQueriesMB, 1),
    },
    queries: classes,
    firstListPaint: {
      firstListPaintMs: round(paint.firstListPaintMs, 0),
      dataReadyMs: round(paint.dataReadyMs, 0),
      inboxListMs: round(run.inboxList.ms, 0),
      inboxRows: run.inboxList.rows,
      inboxJsonMB: round(run.inboxList.jsonMB, 1),
    },
    targets: TARGETS,
    met: {
      p95: p95Met,
      notSlowerThanFts5,
      firstListPaint: paint.firstListPaintMs <= TARGETS.firstListPaintMs,
      heap: heapPeakMB <= TARGETS.heapUsedMB,
    },
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers

const MB = 1024 * 1024

/** `size` distinct items in random order (partial Fisher-Yates on a copy). */
function sample<T>(random: Random, items: readonly T[], size: number): T[] {
  const copy = [...items]
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(random() * (copy.length - i))
    ;[copy[i], copy[j]] = [copy[j]!, copy[i]!]
  }
  return copy.slice(0, size)
}

function percentiles(ms: readonly number[]): Percentiles {
  const sorted = [...ms].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? NaN
  return { p50: at(0.5), p95: at(0.95) }
}

function roundPercentiles({ p50, p95 }: Percentiles): Percentiles {
  return { p50: round(p50, 2), p95: round(p95, 2) }
}

/** A real collection after everything is loaded, so heapUsed is what stays, not garbage. */
function exposeGc(): Gc {
  setFlagsFromString('--expose-gc')
  const gc = runInNewContext('gc') as unknown
  return typeof gc === 'function' ? () => void gc() : () => {}
}

/** Works whether `run` is synchronous or returns a promise. */
async function timed<T>(run: () => T | Promise<T>): Promise<{ result: T; ms: number }> {
  const start = performance.now()
  const result = await run()
  return { result, ms: performance.now() - start }
}

function progress(message: string): void {
  console.error(`bench:search: ${message}`)
}

runBenchmark('bench:search', main)
