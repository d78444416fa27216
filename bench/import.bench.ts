import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { LIBRARY_FILE_NAME, openLibraryDb } from '../src/main/library/db/openLibrary'
import { resolveDigestDate } from '../src/main/library/digest/dates'
import { decodeDigestBytes } from '../src/main/library/digest/decode'
import { parseDigest } from '../src/main/library/digest/parseDigest'
import { titleKey } from '../src/main/library/digest/titleKey'
import { openLibrary } from '../src/main/library/library'
import { importTotals } from '../src/shared/importTotals'
import type { ImportReport } from '../src/shared/models'
import { fail, positiveInteger, round, runBenchmark } from './benchUtil'
import { writeSyntheticDigests } from './syntheticDigests'

/**
 * Import throughput and size: synthetic digests through `library.importFiles`, a re-import of
 * the same files, and in the same run what SQLite itself costs for the same rows: inserted by
 * one prepared statement in one transaction into the library's papers table with its triggers
 * dropped, then the full-text index built by FTS5's 'rebuild' of the same text. Prints one JSON
 * line (the baseline's two parts, our import, the ratio, the re-import, the library's bytes per
 * paper); exits 1 only when the import is wrong, never for a missed target.
 */

const TARGETS = {
  papersPerSecond: 10_000,
  ratioToBaseline: 2,
  reimportRatio: 0.5,
  bytesPerPaper: 3_000,
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      papers: { type: 'string', default: '100000' },
      'per-file': { type: 'string', default: '40' },
    },
  })
  const papers = positiveInteger('--papers', values.papers)
  const perFile = positiveInteger('--per-file', values['per-file'])

  const root = mkdtempSync(join(tmpdir(), 'margin-bench-'))
  try {
    const { paths } = writeSyntheticDigests(join(root, 'digests'), { papers, perFile, seed: 42 })

    const libraryDir = join(root, 'library')
    const library = openLibrary(libraryDir)
    let importSeconds: number
    let reimportSeconds: number
    let reimportAdded: number
    try {
      const first = await timed(() => library.importFiles(paths))
      importSeconds = first.seconds
      check(first.result, paths.length, 'import')
      const added = importTotals(first.result).added
      if (added !== papers) fail(`import added ${added} papers, expected ${papers}`)

      const again = await timed(() => library.importFiles(paths))
      reimportSeconds = again.seconds
      check(again.result, paths.length, 're-import')
      reimportAdded = importTotals(again.result).added
      if (reimportAdded !== 0) fail(`re-import added ${reimportAdded} papers, expected 0`)
    } finally {
      library.close()
    }
    const heapUsedMB = process.memoryUsage().heapUsed / 1024 / 1024
    // Closing checkpointed the log into the file: its size is the library's.
    const libraryBytes = statSync(join(libraryDir, LIBRARY_FILE_NAME)).size

    const base = await baseline(join(root, 'baseline'), paths, papers)
    const baselineSeconds = base.insertSeconds + base.indexSeconds

    const ratioToBaseline = importSeconds / baselineSeconds
    const reimportRatio = reimportSeconds / importSeconds
    const papersPerSecond = papers / importSeconds
    const bytesPerPaper = libraryBytes / papers
    const result = {
      papers,
      files: paths.length,
      importSeconds: round(importSeconds, 3),
      papersPerSecond: Math.round(papersPerSecond),
      baselineSeconds: round(baselineSeconds, 3),
      baselineInsertSeconds: round(base.insertSeconds, 3),
      baselineIndexSeconds: round(base.indexSeconds, 3),
      baselinePapersPerSecond: Math.round(papers / baselineSeconds),
      ratioToBaseline: round(ratioToBaseline, 2),
      reimportSeconds: round(reimportSeconds, 3),
      reimportAdded,
      reimportRatio: round(reimportRatio, 2),
      libraryBytes,
      bytesPerPaper: Math.round(bytesPerPaper),
      heapUsedMB: round(heapUsedMB, 1),
      targets: TARGETS,
      met: {
        papersPerSecond: papersPerSecond >= TARGETS.papersPerSecond,
        ratioToBaseline: ratioToBaseline <= TARGETS.ratioToBaseline,
        reimportRatio: reimportRatio <= TARGETS.reimportRatio,
        bytesPerPaper: bytesPerPaper <= TARGETS.bytesPerPaper,
      },
    }
    console.log(JSON.stringify(result))
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}

type BaselineRow = [
  title: string,
  abstract: string,
  titleKey: string,
  links: string,
  addedAt: number,
  listedDate: string,
  listedPosition: number,
]

/**
 * The same rows (as the importer stores them, list position included) through one prepared
 * INSERT in one transaction into a new library's papers table with every trigger on it dropped,
 * then paper_search built by FTS5's 'rebuild' from them: the two parts timed apart.
 */
async function baseline(dir: string, paths: readonly string[], papers: number) {
  const addedAt = Date.now()
  const rows = paths.flatMap((path) =>
    parseDigest(decodeDigestBytes(readFileSync(path))).sections.flatMap((section) =>
      section.papers.map((paper, position): BaselineRow => [
        paper.title,
        paper.abstract,
        titleKey(paper.title),
        JSON.stringify(paper.links),
        addedAt,
        resolveDigestDate(section.date, new Date(addedAt), undefined),
        position,
      ]),
    ),
  )
  if (rows.length !== papers) fail(`baseline parsed ${rows.length} papers, expected ${papers}`)

  const db = openLibraryDb(dir)
  try {
    const triggers = db
      .prepare<[], string>(
        "SELECT name FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'papers'",
      )
      .pluck()
      .all()
    for (const name of triggers) db.exec(`DROP TRIGGER "${name}"`)
    const insert = db.prepare<BaselineRow, never>(
      `INSERT INTO papers (title, abstract, title_key, links, added_at, listed_date, listed_position)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    const inserted = await timed(() =>
      db.transaction(() => {
        for (const row of rows) insert.run(...row)
      })(),
    )
    const indexed = await timed(() =>
      db.exec("INSERT INTO paper_search (paper_search) VALUES ('rebuild')"),
    )
    const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM papers').get()?.n
    if (count !== papers) fail(`baseline stored ${count} papers, expected ${papers}`)
    return { insertSeconds: inserted.seconds, indexSeconds: indexed.seconds }
  } finally {
    db.close()
  }
}

function check(report: ImportReport, files: number, step: string): void {
  const failed = report.files.filter((file) => !file.ok)
  if (report.files.length !== files || failed[0]) {
    const first = failed[0] && !failed[0].ok ? `; first: ${failed[0].error.message}` : ''
    fail(`${step}: ${failed.length} of ${report.files.length} files failed${first}`)
  }
}

/** Works whether `run` is synchronous or returns a promise. */
async function timed<T>(run: () => T | Promise<T>): Promise<{ result: T; seconds: number }> {
  const start = performance.now()
  const result = await run()
  return { result, seconds: (performance.now() - start) / 1000 }
}

runBenchmark('bench:import', main)
