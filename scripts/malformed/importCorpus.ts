import Database from 'better-sqlite3'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { mulberry32, positiveInteger, round } from '../../bench/benchUtil'
import type { FileImportReport } from '../../src/shared/models'

import { LIBRARY_FILE_NAME } from '../../src/main/library/db/openLibrary'
import { openLibrary } from '../../src/main/library/library'
import { malformedCorpus, type CorpusCase, type ExpectedPaper } from './corpus'

/**
 * Imports every file of the malformed corpus (corpus.ts) into one library that already holds
 * the sample digest, one file at a time through the real import path, and checks each: it ends
 * in a clear error or in exactly the expected papers, within MAX_IMPORT_MS; a refused file
 * leaves the library untouched (PRAGMA data_version seen from a second connection, and the row
 * count of every table); memory stays under MAX_RSS_MB. Prints one JSON object of figures and
 * exits 1 when any file broke a rule.
 */

const MAX_IMPORT_MS = 2_000
/**
 * The whole process, SQLite's cache included (~270 MB measured): the 50 MB file is refused
 * before it is read, and the largest file read is 16 MB.
 */
const MAX_RSS_MB = 512
const SEED_DIGEST = join(__dirname, '..', '..', 'seeds', 'daily-papers-aug-6.txt')
/** Codes that mean the import itself failed rather than the file being refused. */
const UNCLEAR_CODES = new Set(['WRITE_FAILED', 'INTERNAL'])

interface Outcome {
  kind: string
  name: string
  ms: number
  imported: boolean
  code: string | undefined
  problems: string[]
}

type Reader = Database.Database

/** What tells a write happened, as `reader` sees it now: data_version and each table's rows. */
function libraryState(reader: Reader, tables: readonly string[]): () => string {
  const counts = tables.map((t) => reader.prepare(`SELECT count(*) FROM "${t}"`).pluck())
  return () =>
    JSON.stringify({
      dataVersion: reader.pragma('data_version', { simple: true }),
      rows: counts.map((count) => count.get()),
    })
}

function papersUnder(reader: Reader, date: string): ExpectedPaper[] {
  return reader
    .prepare(
      `SELECT p.title, p.abstract FROM digests d
         JOIN digest_papers dp ON dp.digest_id = d.id
         JOIN papers p ON p.id = dp.paper_id
       WHERE d.date = ? ORDER BY dp.position`,
    )
    .all(date) as ExpectedPaper[]
}

const same = (a: ExpectedPaper, b: ExpectedPaper) =>
  a.title === b.title && a.abstract === b.abstract

/** What importing this file did wrong, given its report and the library before and after. */
function judge(
  reader: Reader,
  testCase: CorpusCase,
  file: FileImportReport,
  unchanged: boolean,
): string[] {
  const { expect } = testCase
  if (!file.ok) {
    const problems: string[] = []
    if (!unchanged) problems.push('the library changed although the file was refused')
    if (UNCLEAR_CODES.has(file.error.code)) problems.push(`unclear error: ${file.error.message}`)
    if (!file.error.message.startsWith(`${file.file}: `))
      problems.push('message does not name the file')
    if (expect.outcome === 'papers') problems.push(`refused a good file: ${file.error.message}`)
    if (expect.outcome === 'error' && expect.code && file.error.code !== expect.code) {
      problems.push(`expected ${expect.code}, got ${file.error.code}: ${file.error.message}`)
    }
    return problems
  }
  switch (expect.outcome) {
    case 'error':
      return ['imported a file that must be refused']
    case 'papers':
      return expect.sections.flatMap(({ date, papers }) => {
        const stored = papersUnder(reader, date)
        const matches =
          stored.length === papers.length && stored.every((p, i) => same(p, papers[i]!))
        return matches ? [] : [`${date}: stored ${JSON.stringify(stored).slice(0, 300)}`]
      })
    case 'error-or-prefix': {
      const expected = expect.sections.flatMap((s) => s.papers)
      const stored = expect.sections.flatMap((s) => papersUnder(reader, s.date))
      const prefixOk =
        stored.length > 0 &&
        stored.length <= expected.length &&
        stored.every((p, i) =>
          i < stored.length - 1
            ? same(p, expected[i]!)
            : p.title === expected[i]!.title && expected[i]!.abstract.startsWith(p.abstract),
        )
      return prefixOk ? [] : ['imported what the original file did not hold']
    }
    case 'error-or-import':
      return file.digests.flatMap(({ date, papers }) => {
        const stored = papersUnder(reader, date).length
        return stored > 0 && stored <= papers
          ? []
          : [`${date}: report says ${papers}, stored ${stored}`]
      })
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { seed: { type: 'string', default: '1' } } })
  const corpus = malformedCorpus(mulberry32(positiveInteger('--seed', values.seed)))
  const root = mkdtempSync(join(tmpdir(), 'margin-malformed-'))
  const corpusDir = join(root, 'corpus')
  mkdirSync(corpusDir)
  const library = openLibrary(join(root, 'library'))
  const reader = new Database(join(root, 'library', LIBRARY_FILE_NAME), { readonly: true })
  try {
    await library.importFiles([SEED_DIGEST])
    const tables = (
      reader
        .prepare(
          `SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'`,
        )
        .all() as { name: string }[]
    ).map((t) => t.name)
    const state = libraryState(reader, tables)
    let peakRssMB = 0
    const outcomes: Outcome[] = []
    for (const testCase of corpus) {
      const path = join(corpusDir, testCase.name)
      writeFileSync(path, testCase.bytes())
      const before = state()
      const started = performance.now()
      const report = await library.importFiles([path])
      const ms = performance.now() - started
      peakRssMB = Math.max(peakRssMB, process.memoryUsage().rss / 1024 / 1024)
      rmSync(path)
      const file = report.files[0]!
      const unchanged = state() === before
      const problems = judge(reader, testCase, file, unchanged)
      if (ms > MAX_IMPORT_MS) problems.push(`took ${Math.round(ms)} ms`)
      outcomes.push({
        kind: testCase.kind,
        name: testCase.name,
        ms,
        imported: file.ok,
        code: file.ok ? undefined : file.error.code,
        problems,
      })
    }
    const libraryProblems = library.check().problems
    const failures = outcomes.filter((o) => o.problems.length)
    if (peakRssMB > MAX_RSS_MB) failures.push(overMemory(peakRssMB))
    console.log(JSON.stringify(figures(outcomes, peakRssMB, libraryProblems, failures), null, 1))
    if (failures.length || libraryProblems.length) process.exitCode = 1
  } finally {
    reader.close()
    library.close()
    rmSync(root, { recursive: true, force: true })
  }
}

function overMemory(peakRssMB: number): Outcome {
  return {
    kind: 'memory',
    name: 'process',
    ms: 0,
    imported: false,
    code: undefined,
    problems: [`peak rss ${Math.round(peakRssMB)} MB > ${MAX_RSS_MB} MB`],
  }
}

function figures(
  outcomes: Outcome[],
  peakRssMB: number,
  libraryProblems: string[],
  failures: Outcome[],
) {
  const kinds = [...new Set(outcomes.map((o) => o.kind))]
  const count = (items: Outcome[], key: (o: Outcome) => string | undefined) =>
    Object.fromEntries(
      [...new Set(items.map(key))].flatMap((k) =>
        k ? [[k, items.filter((o) => key(o) === k).length]] : [],
      ),
    )
  const slowest = [...outcomes].sort((a, b) => b.ms - a.ms).slice(0, 5)
  return {
    files: outcomes.length,
    imported: outcomes.filter((o) => o.imported).length,
    refused: outcomes.filter((o) => !o.imported).length,
    byKind: Object.fromEntries(
      kinds.map((kind) => {
        const ofKind = outcomes.filter((o) => o.kind === kind)
        return [
          kind,
          {
            files: ofKind.length,
            imported: ofKind.filter((o) => o.imported).length,
            maxMs: round(Math.max(...ofKind.map((o) => o.ms)), 1),
          },
        ]
      }),
    ),
    errorCodes: count(outcomes, (o) => o.code),
    slowest: slowest.map((o) => ({ name: o.name, ms: round(o.ms, 1) })),
    maxImportMs: MAX_IMPORT_MS,
    peakRssMB: round(peakRssMB, 1),
    maxRssMB: MAX_RSS_MB,
    libraryProblems,
    failures: failures.map((o) => ({ name: o.name, problems: o.problems })),
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
