import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { importTotals } from '../src/shared/importTotals'
import type { PaperListResult } from '../src/shared/models'
import { openLibrary, type Library } from '../src/main/library/library'
import { createFilesRepo } from '../src/main/library/files/files.repo'
import { type PaperPdf, paperPageTexts, paperPdf } from '../src/main/library/testing/paperPdf'
import { measureFirstPagePaint, type PaintFigures } from './pdfPaint'
import {
  type Random,
  fail,
  mulberry32,
  type Percentiles,
  percentiles,
  pick,
  positiveInteger,
  round,
  runBenchmark,
  words,
} from './benchUtil'
import { writeSyntheticDigests } from './syntheticDigests'

/**
 * PDFs at scale, in one run (issue 12, part 5):
 * (a) opening a paper to its first page painted, in the real renderer (e2e harness), for 10-,
 *     30- and 300-page PDFs, p50/p95 over repeated opens;
 * (b) text extraction through the library's real path (library.pdfs.attach, then whenTextIdle):
 *     pages/s, and the main thread's event-loop delay meanwhile (p99);
 * (c) full-text search through the window's search (library.paperList) over >= 40,000 indexed
 *     pages, beside bare FTS5 statements on the same pages in the same run;
 * (d) bytes the SQLite file grows by per page, and the FTS5 index's size beside the page text.
 * The big library's pages beyond (b) are written by the files repo's own statements (the rows
 * an attach and its extraction write), with the text paperPdf would draw, so that 40,000 pages
 * do not wait 15 minutes on pdf.js; (b) measures that part. Prints one JSON object on stdout,
 * progress on stderr; exits 1 only when an answer is wrong, never for a missed target.
 */

const TARGETS = {
  firstPagePaintP95Ms30Pages: 250,
  extractionPagesPerSecond: 50,
  eventLoopLagP99Ms: 50,
  searchP95Ms: 30,
  searchNotSlowerThanBareFts5P95: true,
  indexToTextRatio: 1.5,
}
const LIMIT = 500
/** monitorEventLoopDelay's sampling interval (Node's default), taken off what it records. */
const LAG_RESOLUTION_MS = 10
const PAPER_PAGES = 30
const LONG_PAPER_PAGES = 300

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      papers: { type: 'string', default: '1350' },
      'extract-files': { type: 'string', default: '30' },
      queries: { type: 'string', default: '200' },
      opens: { type: 'string', default: '20' },
      seed: { type: 'string', default: '7' },
      'skip-paint': { type: 'boolean', default: false },
      'skip-one-core': { type: 'boolean', default: false },
      // Internal: the one-core run (a child pinned to CPU 0) measures extraction alone.
      'extraction-only': { type: 'boolean', default: false },
    },
  })
  const papers = positiveInteger('--papers', values.papers)
  const extractFiles = positiveInteger('--extract-files', values['extract-files'])
  const queries = positiveInteger('--queries', values.queries)
  const opens = positiveInteger('--opens', values.opens)
  const seed = positiveInteger('--seed', values.seed)
  if (extractFiles > papers) fail('--extract-files must not exceed --papers')
  const random = mulberry32(seed)
  const started = performance.now()

  const root = mkdtempSync(join(tmpdir(), 'margin-pdf-bench-'))
  try {
    if (values['extraction-only']) {
      const library = await buildLibrary(root, join(root, 'library'), extractFiles)
      try {
        const ids = library.db.prepare<[], number>('SELECT id FROM papers ORDER BY id').pluck()
        console.log(JSON.stringify(await measureExtraction(library, ids.all(), seed)))
      } finally {
        library.close()
      }
      return
    }
    const oneCore = values['skip-one-core'] ? null : extractionOnOneCore(extractFiles, seed)
    const libraryDir = join(root, 'library')
    const library = await buildLibrary(root, libraryDir, papers)
    let extraction: ExtractionFigures
    let bulk: BulkFigures
    let storage: StorageFigures
    let search: SearchFigures
    try {
      const ids = library.db.prepare<[], number>('SELECT id FROM papers ORDER BY id').pluck().all()
      const withoutPdfs = dbBytes(library)
      extraction = await measureExtraction(library, ids.slice(0, extractFiles), seed)
      bulk = await fillPages(library, ids.slice(extractFiles), seed)
      storage = measureStorage(library, withoutPdfs)
      search = await measureSearch(library, queries, random)
    } finally {
      library.close()
    }
    const paint = values['skip-paint']
      ? null
      : await measureFirstPagePaint(join(root, 'reader-library'), opens, seed)
    const totalSeconds = (performance.now() - started) / 1000
    console.log(
      JSON.stringify(report({ extraction, oneCore, bulk, storage, search, paint, totalSeconds })),
    )
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}

/**
 * The extraction part again in a child process pinned to one CPU (taskset), the "on one
 * core": the worker thread and the main thread share it. Null where taskset is missing.
 */
function extractionOnOneCore(files: number, seed: number): ExtractionFigures | null {
  if (process.platform !== 'linux' || spawnSync('taskset', ['-V']).status !== 0) {
    progress('no taskset here: extraction is measured on every core only')
    return null
  }
  progress('extraction on one core (a child process pinned to CPU 0)')
  const child = spawnSync(
    'taskset',
    [
      '-c',
      '0',
      process.execPath,
      ...process.execArgv,
      __filename,
      '--extraction-only',
      '--extract-files',
      String(files),
      '--seed',
      String(seed),
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 * MB },
  )
  if (child.status !== 0) fail(`the one-core run failed (exit ${child.status})`)
  return JSON.parse(child.stdout) as ExtractionFigures
}

// ---------------------------------------------------------------------------------------------
// The library: papers through the real import

async function buildLibrary(root: string, libraryDir: string, papers: number): Promise<Library> {
  progress(`importing ${papers} synthetic papers`)
  const { paths } = writeSyntheticDigests(join(root, 'digests'), { papers, perFile: 40, seed: 42 })
  const library = openLibrary(libraryDir)
  const { added } = importTotals(await library.importFiles(paths))
  if (added !== papers) fail(`import added ${added} papers, expected ${papers}`)
  return library
}

/** The long tail of technical terms papers use, Zipf-like in paperPdf; the same every run. */
const TAIL = tailVocabulary(30_000)

function tailVocabulary(size: number): string[] {
  const syllables = words(`ba co da fe gi ka lo mi nu pa ri sa te vo xe zo bri cla dro fla gra
    kro pla pro stra tri vex lum nex or ix ax en an ion ar ul ex om tor mer ral tic lin sor qua`)
  const random = mulberry32(0x9df)
  const terms = new Set<string>()
  while (terms.size < size) {
    const length = 2 + Math.floor(random() * 3)
    terms.add(Array.from({ length }, () => pick(random, syllables)).join(''))
  }
  return [...terms]
}

/** Paper `index`'s options: its own seed, its own few key terms, the shared tail. */
function paperOptions(index: number, seed: number, pages = PAPER_PAGES) {
  const random = mulberry32(seed * 100_003 + index)
  const topic = Array.from({ length: 4 }, () => pick(random, TAIL))
  return { pages, seed: seed * 100_003 + index, vocabulary: { topic, tail: TAIL } }
}

// ---------------------------------------------------------------------------------------------
// (b) Extraction through library.pdfs.attach and the background extraction

interface ExtractionFigures {
  files: number
  pages: number
  generateMs: number
  attachMs: number
  untilIdleMs: number
  pagesPerSecond: number
  eventLoopLag: { p50Ms: number; p99Ms: number; maxMs: number }
  /** The same, while the attaches ran (inspection, store writes) and after (extraction only). */
  lagWhileAttaching: { p99Ms: number; maxMs: number }
  lagAfterAttaching: { p99Ms: number; maxMs: number }
  /** Stored page texts equal to the text drawn (split words joined, spaces collapsed). */
  pagesAsDrawn: number
  failedFiles: number
  dbBytesPerPage: number
  textBytesPerPage: number
  pdfBytesPerPage: number
}

async function measureExtraction(
  library: Library,
  ids: readonly number[],
  seed: number,
): Promise<ExtractionFigures> {
  // Papers of 30 pages, and one long document (a thesis, a survey) written in several steps.
  const sizes = ids.map((_, index) =>
    index === ids.length - 1 && ids.length > 1 ? LONG_PAPER_PAGES : PAPER_PAGES,
  )
  progress(`generating ${ids.length} PDFs (${sizes.join(', ')} pages)`)
  const generateStart = performance.now()
  const pdfs: PaperPdf[] = []
  for (const [index, pages] of sizes.entries()) {
    pdfs.push(await paperPdf(paperOptions(index, seed, pages)))
  }
  const generateMs = performance.now() - generateStart
  const pages = pdfs.reduce((total, pdf) => total + pdf.pageTexts.length, 0)
  const pdfBytes = pdfs.reduce((total, pdf) => total + pdf.bytes.length, 0)

  const sizeBefore = dbBytes(library)
  progress(`attaching them and extracting ${pages} pages`)
  const lag = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS })
  const lagAttaching = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS })
  const lagAfter = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS })
  lag.enable()
  lagAttaching.enable()
  const start = performance.now()
  for (const [index, id] of ids.entries()) {
    await library.pdfs.attach(id, { name: `paper-${index}.pdf`, data: pdfs[index]!.bytes })
  }
  const attachMs = performance.now() - start
  lagAttaching.disable()
  lagAfter.enable()
  await library.pdfs.whenTextIdle()
  const untilIdleMs = performance.now() - start
  lag.disable()
  lagAfter.disable()
  const sizeAfter = dbBytes(library)

  const repo = library.db.prepare<[number], { text_state: string; text: string | null }>(
    `SELECT f.text_state, p.text FROM paper_files pf JOIN pdf_files f ON f.id = pf.file_id
     LEFT JOIN pdf_pages p ON p.file_id = f.id WHERE pf.paper_id = ? ORDER BY p.page`,
  )
  let pagesAsDrawn = 0
  let failedFiles = 0
  let textBytes = 0
  ids.forEach((id, index) => {
    const rows = repo.all(id)
    if (rows[0]?.text_state !== 'done') failedFiles++
    rows.forEach((row, page) => {
      textBytes += Buffer.byteLength(row.text ?? '')
      if (row.text === pdfs[index]!.pageTexts[page]) pagesAsDrawn++
    })
  })
  if (failedFiles === ids.length) fail('no PDF had its text extracted')
  // The histogram holds the time between its timer's turns: the interval plus the delay.
  const ms = (value: bigint | number) =>
    round(Math.max(0, Number(value) / 1e6 - LAG_RESOLUTION_MS), 1)
  return {
    files: ids.length,
    pages,
    generateMs,
    attachMs,
    untilIdleMs,
    pagesPerSecond: pages / (untilIdleMs / 1000),
    eventLoopLag: {
      p50Ms: ms(lag.percentile(50)),
      p99Ms: ms(lag.percentile(99)),
      maxMs: ms(lag.max),
    },
    lagWhileAttaching: { p99Ms: ms(lagAttaching.percentile(99)), maxMs: ms(lagAttaching.max) },
    lagAfterAttaching: { p99Ms: ms(lagAfter.percentile(99)), maxMs: ms(lagAfter.max) },
    pagesAsDrawn,
    failedFiles,
    dbBytesPerPage: (sizeAfter - sizeBefore) / pages,
    textBytesPerPage: textBytes / pages,
    pdfBytesPerPage: pdfBytes / pages,
  }
}

/**
 * The database's size in use: its pages (the WAL's newer ones included) less the free ones, times
 * the page size. Free pages left by the import would otherwise hide what the first PDFs take.
 */
function dbBytes(library: Library): number {
  const pragma = (name: string) => library.db.pragma(name, { simple: true }) as number
  return (pragma('page_count') - pragma('freelist_count')) * pragma('page_size')
}

// ---------------------------------------------------------------------------------------------
// The rest of the big library: each paper its own distinct PDF's rows and page text

interface BulkFigures {
  files: number
  pages: number
  textMs: number
  writeMs: number
  dbBytesPerPage: number
}

/**
 * The rows an attach and its extraction write, by the files repo's own statements: a pdf_files
 * row per distinct PDF (its hash, its size at the bytes per page measured in (b)), the paper's
 * link, the pages in one transaction per file, the text marked done. The bytes themselves are
 * not written to files/: nothing measured here reads them.
 */
async function fillPages(
  library: Library,
  ids: readonly number[],
  seed: number,
): Promise<BulkFigures> {
  const repo = createFilesRepo(library.db)
  progress(`writing ${ids.length} more papers' pages (${ids.length * PAPER_PAGES})`)
  const sizeBefore = dbBytes(library)
  let textMs = 0
  let writeMs = 0
  let pages = 0
  const write = library.db.transaction((id: number, index: number, texts: string[]) => {
    const sha256 = createHash('sha256').update(texts.join('\f')).digest('hex')
    const at = Date.now()
    const file = repo.addFile({
      sha256,
      size: Math.round(texts.length * 3_900 + (index % 97) * 13),
      page_count: texts.length,
      created_at: at,
    })
    repo.link({ paper_id: id, file_id: file.id, origin: `paper-${index}.pdf`, added_at: at })
    repo.insertPages(file.id, 1, texts)
    repo.setTextState(file.id, 'done')
  })
  const offset = 1_000_000 // other papers than (b)'s
  for (const [index, id] of ids.entries()) {
    let start = performance.now()
    const texts = await paperPageTexts(paperOptions(offset + index, seed))
    textMs += performance.now() - start
    start = performance.now()
    write(id, index, texts)
    writeMs += performance.now() - start
    pages += texts.length
    if (index % 200 === 199) progress(`  ${index + 1} papers, ${pages} pages`)
  }
  return {
    files: ids.length,
    pages,
    textMs,
    writeMs,
    dbBytesPerPage: (dbBytes(library) - sizeBefore) / pages,
  }
}

// ---------------------------------------------------------------------------------------------
// (d) Storage: what the pages and their index take

interface StorageFigures {
  pages: number
  /** What the database grew by, per page, over every PDF and page of the run. */
  dbBytesPerPage: number
  /** SQLite's page size: a page's text of ~3 KB fills one 4 KB leaf, the rest stays empty. */
  pageSize: number
  dbMB: number
  textMB: number
  pagesTableMB: number
  indexMB: number
  indexByTable: Record<string, number>
}

function measureStorage(library: Library, withoutPdfs: number): StorageFigures {
  progress('measuring the tables (dbstat)')
  const { db } = library
  const sizes = db
    .prepare<[], { name: string; bytes: number }>(
      'SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name',
    )
    .all()
  const of = (test: (name: string) => boolean) =>
    sizes.filter((row) => test(row.name)).reduce((total, row) => total + row.bytes, 0)
  const indexByTable = Object.fromEntries(
    sizes
      .filter((row) => row.name.startsWith('pdf_page_search'))
      .map((row) => [row.name, round(row.bytes / MB, 2)]),
  )
  const text = db
    .prepare<[], { pages: number; bytes: number }>(
      'SELECT count(*) AS pages, sum(length(CAST(text AS BLOB))) AS bytes FROM pdf_pages',
    )
    .get()!
  return {
    pages: text.pages,
    dbMB: dbBytes(library) / MB,
    dbBytesPerPage: (dbBytes(library) - withoutPdfs) / text.pages,
    pageSize: db.pragma('page_size', { simple: true }) as number,
    textMB: text.bytes / MB,
    pagesTableMB:
      of((name) => name === 'pdf_pages' || name.startsWith('sqlite_autoindex_pdf_pages')) / MB,
    indexMB: of((name) => name.startsWith('pdf_page_search')) / MB,
    indexByTable,
  }
}

// ---------------------------------------------------------------------------------------------
// (c) Search: the window's search beside bare FTS5, same pages, same run

interface SearchFigures {
  pages: number
  queries: number
  /** Queries of a word in no title or abstract, and whether the page's paper was found. */
  bodyOnlyFound: number
  bodyOnlyQueries: number
  slowest: Array<{ text: string; ms: number }>
  ours: Percentiles
  bareFts5: Percentiles
  bareFts5Ranked: Percentiles
}

const STOP_WORDS = new Set(
  words(`the a an of to in and for with on by from across through within over under between
  while which that this these our its their each both we is are be as at or it not than more
  most less also only when where however thus first second finally`),
)

async function measureSearch(
  library: Library,
  count: number,
  random: Random,
): Promise<SearchFigures> {
  const { db } = library
  progress('warming the search (typo tolerance)')
  const pages = db.prepare<[], number>('SELECT count(*) FROM pdf_pages').pluck().get()!
  const queries = planQueries(library, count, random)
  // As the window does: typo tolerance ready before the first query is timed.
  await library.prepareSearch()

  const bare = db
    .prepare<[string], number>(
      `SELECT rowid FROM pdf_page_search WHERE pdf_page_search MATCH ? LIMIT ${LIMIT}`,
    )
    .pluck()
  const bareRanked = db
    .prepare<[string], number>(
      `SELECT rowid FROM pdf_page_search WHERE pdf_page_search MATCH ?
       ORDER BY rank LIMIT ${LIMIT}`,
    )
    .pluck()
  const oursMs: number[] = []
  const bareMs: number[] = []
  const rankedMs: number[] = []
  const timedQueries: Array<{ text: string; ms: number }> = []
  const runOurs = (query: Query) => {
    const start = performance.now()
    const found = library.paperList({}, query.text)
    const ms = performance.now() - start
    oursMs.push(ms)
    timedQueries.push({ text: query.text, ms: round(ms, 1) })
    // The words are on an indexed page: an empty answer is wrong.
    if (found.ids.length === 0) fail(`the search found nothing for ${JSON.stringify(query.text)}`)
    return found
  }
  const runBare = (query: Query) => {
    const start = performance.now()
    const found = bare.all(query.match).length
    bareMs.push(performance.now() - start)
    if (found === 0) fail(`bare FTS5 found nothing for ${JSON.stringify(query.match)}`)
    const rankedStart = performance.now()
    bareRanked.all(query.match)
    rankedMs.push(performance.now() - rankedStart)
  }
  progress(`running ${queries.length} queries`)
  let bodyOnlyQueries = 0
  let bodyOnlyFound = 0
  for (const [index, query] of queries.entries()) {
    let found: PaperListResult
    if (index % 2 === 0) {
      found = runOurs(query)
      runBare(query)
    } else {
      runBare(query)
      found = runOurs(query)
    }
    if (query.bodyOnlyPaper !== null) {
      bodyOnlyQueries++
      if (found.ids.includes(query.bodyOnlyPaper)) bodyOnlyFound++
      else if (!found.more) {
        fail(`the search for ${JSON.stringify(query.text)} misses paper ${query.bodyOnlyPaper}`)
      }
    }
  }
  return {
    pages,
    queries: queries.length,
    bodyOnlyFound,
    bodyOnlyQueries,
    slowest: timedQueries.sort((a, b) => b.ms - a.ms).slice(0, 3),
    ours: percentiles(oursMs),
    bareFts5: percentiles(bareMs),
    bareFts5Ranked: percentiles(rankedMs),
  }
}

interface Query {
  /** As typed in the search box. */
  text: string
  /** The same words as an FTS5 match (AND). */
  match: string
  /** The paper whose page the word came from when no title or abstract has it: must be found. */
  bodyOnlyPaper: number | null
}

/** Half one-word, half two-word queries, the words taken from random pages' text (seeded). */
function planQueries(library: Library, count: number, random: Random): Query[] {
  const { db } = library
  const maxId = db.prepare<[], number>('SELECT max(id) FROM pdf_pages').pluck().get()!
  const pageAt = db.prepare<[number], { text: string; paper_id: number }>(
    `SELECT p.text, pf.paper_id FROM pdf_pages p JOIN paper_files pf ON pf.file_id = p.file_id
     WHERE p.id >= ? ORDER BY p.id LIMIT 1`,
  )
  const inPaperText = db
    .prepare<[{ word: string }], number>(
      `SELECT count(*) FROM papers WHERE lower(title) LIKE '%' || @word || '%'
       OR lower(abstract) LIKE '%' || @word || '%'`,
    )
    .pluck()
  const queries: Query[] = []
  while (queries.length < count) {
    const page = pageAt.get(1 + Math.floor(random() * maxId))!
    const candidates = page.text
      .toLowerCase()
      .split(/[^\p{L}]+/u)
      .filter((word) => word.length >= 3 && !STOP_WORDS.has(word))
    const chosen =
      queries.length % 2 === 0
        ? [pick(random, candidates)]
        : [pick(random, candidates), pick(random, candidates)]
    const bodyOnly =
      chosen.length === 1 && inPaperText.get({ word: chosen[0]! }) === 0 ? page.paper_id : null
    queries.push({ text: chosen.join(' '), match: chosen.join(' AND '), bodyOnlyPaper: bodyOnly })
  }
  return queries
}

// ---------------------------------------------------------------------------------------------
// Report

function report(figures: {
  extraction: ExtractionFigures
  oneCore: ExtractionFigures | null
  bulk: BulkFigures
  storage: StorageFigures
  search: SearchFigures
  paint: PaintFigures | null
  totalSeconds: number
}) {
  const { extraction: e, oneCore, bulk, storage: s, search: q, paint } = figures
  // The targets are for one core; every core where it could not be pinned.
  const pinned = oneCore ?? e
  const indexToText = s.indexMB / s.textMB
  const paint30 = paint?.sizes.find((size) => size.pages === 30)
  return {
    firstPagePaint: paint
      ? {
          opensEach: paint.opens,
          marker: paint.marker,
          firstOpenOfSessionMs: round(paint.firstOpenMs, 0),
          bySize: paint.sizes.map((size) => ({
            pages: size.pages,
            p50Ms: round(size.p50, 0),
            p95Ms: round(size.p95, 0),
            markOnlyP95Ms: round(size.markP95, 0),
          })),
        }
      : 'skipped (--skip-paint)',
    extraction: {
      files: e.files,
      pages: e.pages,
      onOneCore: oneCore
        ? extractionSpeed(oneCore)
        : 'not measured (no taskset, or --skip-one-core)',
      onEveryCore: extractionSpeed(e),
      pagesAsDrawn: `${e.pagesAsDrawn}/${e.pages}`,
      failedFiles: e.failedFiles,
      generateMs: round(e.generateMs, 0),
    },
    search: {
      indexedPages: q.pages,
      papersWithPdf: e.files + bulk.files,
      queries: q.queries,
      limit: LIMIT,
      ours: roundPercentiles(q.ours),
      bareFts5: roundPercentiles(q.bareFts5),
      bareFts5Ranked: roundPercentiles(q.bareFts5Ranked),
      ratioToBareFts5P95: round(q.ours.p95 / q.bareFts5.p95, 2),
      ratioToBareFts5RankedP95: round(q.ours.p95 / q.bareFts5Ranked.p95, 2),
      bodyOnlyWordsFound: `${q.bodyOnlyFound}/${q.bodyOnlyQueries}`,
      slowest: q.slowest,
    },
    storage: {
      pages: s.pages,
      dbBytesPerPage: round(s.dbBytesPerPage, 0),
      dbBytesPerPageExtracted: round(e.dbBytesPerPage, 0),
      dbBytesPerPageBulk: round(bulk.dbBytesPerPage, 0),
      textBytesPerPage: round(e.textBytesPerPage, 0),
      pdfBytesPerPage: round(e.pdfBytesPerPage, 0),
      dbMB: round(s.dbMB, 1),
      textMB: round(s.textMB, 1),
      pagesTableMB: round(s.pagesTableMB, 1),
      pagesTableToText: round(s.pagesTableMB / s.textMB, 2),
      sqlitePageSize: s.pageSize,
      indexMB: round(s.indexMB, 1),
      indexToText: round(indexToText, 2),
      indexByTableMB: s.indexByTable,
    },
    build: {
      bulkFiles: bulk.files,
      bulkPages: bulk.pages,
      bulkTextMs: round(bulk.textMs, 0),
      bulkWriteMs: round(bulk.writeMs, 0),
      bulkPagesPerSecond: round(bulk.pages / (bulk.writeMs / 1000), 0),
      totalSeconds: round(figures.totalSeconds, 0),
    },
    targets: TARGETS,
    met: {
      firstPagePaint30: paint30 ? paint30.p95 <= TARGETS.firstPagePaintP95Ms30Pages : null,
      extractionPagesPerSecond: pinned.pagesPerSecond >= TARGETS.extractionPagesPerSecond,
      eventLoopLag:
        Math.max(pinned.eventLoopLag.p99Ms, e.eventLoopLag.p99Ms) <= TARGETS.eventLoopLagP99Ms,
      searchP95: q.ours.p95 <= TARGETS.searchP95Ms,
      notSlowerThanBareFts5: q.ours.p95 <= q.bareFts5.p95,
      notSlowerThanBareFts5Ranked: q.ours.p95 <= q.bareFts5Ranked.p95,
      indexToText: indexToText <= TARGETS.indexToTextRatio,
    },
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers

const MB = 1024 * 1024

function extractionSpeed(e: ExtractionFigures) {
  return {
    pagesPerSecond: round(e.pagesPerSecond, 1),
    untilIdleMs: round(e.untilIdleMs, 0),
    attachMs: round(e.attachMs, 0),
    eventLoopLagP50Ms: e.eventLoopLag.p50Ms,
    eventLoopLagP99Ms: e.eventLoopLag.p99Ms,
    eventLoopLagMaxMs: e.eventLoopLag.maxMs,
    lagWhileAttaching: e.lagWhileAttaching,
    lagAfterAttaching: e.lagAfterAttaching,
  }
}

function roundPercentiles({ p50, p95 }: Percentiles) {
  return { p50Ms: round(p50, 2), p95Ms: round(p95, 2) }
}

function progress(message: string): void {
  console.error(`[bench:pdf] ${message}`)
}

runBenchmark('bench:pdf', main)
