import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { openLibraryDb } from '../src/main/library/db/openLibrary'
import { decodeDigestBytes } from '../src/main/library/digest/decode'
import { parseDigest } from '../src/main/library/digest/parseDigest'
import { titleKey } from '../src/main/library/digest/titleKey'
import { openLibrary } from '../src/main/library/library'
import { importTotals } from '../src/shared/importTotals'
import type { ImportReport } from '../src/shared/models'
import { fail, positiveInteger, round, runBenchmark } from './benchUtil'
import { writeSyntheticDigests } from './syntheticDigests'

/**
 * Import throughput: synthetic digests through `library.importFiles`, a re-import of the same
 * files, and a baseline of the same rows through one bare INSERT in one transaction.
 * Prints one JSON line; exits 1 only when the import is wrong, never for a missed target.
 */

const TARGETS = { papersPerSecond: 50_000, ratioToBaseline: 3, reimportRatio: 2 }

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

    const library = openLibrary(join(root, 'library'))
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

    const baselineSeconds = await baseline(join(root, 'baseline'), paths, papers)

    const ratioToBaseline = importSeconds / baselineSeconds
    const reimportRatio = reimportSeconds / importSeconds
    const papersPerSecond = papers / importSeconds
    const result = {
      papers,
      files: paths.length,
      importSeconds: round(importSeconds, 3),
      papersPerSecond: Math.round(papersPerSecond),
      baselineSeconds: round(baselineSeconds, 3),
      baselinePapersPerSecond: Math.round(papers / baselineSeconds),
      ratioToBaseline: round(ratioToBaseline, 2),
      reimportSeconds: round(reimportSeconds, 3),
      reimportAdded,
      reimportRatio: round(reimportRatio, 2),
      heapUsedMB: round(heapUsedMB, 1),
      targets: TARGETS,
      met: {
        papersPerSecond: papersPerSecond >= TARGETS.papersPerSecond,
        ratioToBaseline: ratioToBaseline <= TARGETS.ratioToBaseline,
        reimportRatio: reimportRatio <= TARGETS.reimportRatio,
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
]

/** The same rows through one bare prepared INSERT in one transaction; only the insert is timed. */
async function baseline(dir: string, paths: readonly string[], papers: number): Promise<number> {
  const addedAt = Date.now()
  const rows = paths.flatMap((path) =>
    parseDigest(decodeDigestBytes(readFileSync(path))).sections.flatMap((section) =>
      section.papers.map((paper): BaselineRow => [
        paper.title,
        paper.abstract,
        titleKey(paper.title),
        JSON.stringify(paper.links),
        addedAt,
      ]),
    ),
  )
  if (rows.length !== papers) fail(`baseline parsed ${rows.length} papers, expected ${papers}`)

  const db = openLibraryDb(dir)
  try {
    const insert = db.prepare<BaselineRow, never>(
      'INSERT INTO papers (title, abstract, title_key, links, added_at) VALUES (?, ?, ?, ?, ?)',
    )
    const { seconds } = await timed(() =>
      db.transaction(() => {
        for (const row of rows) insert.run(...row)
      })(),
    )
    const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM papers').get()?.n
    if (count !== papers) fail(`baseline stored ${count} papers, expected ${papers}`)
    return seconds
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
