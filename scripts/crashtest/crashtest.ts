import { createHash } from 'node:crypto'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { fail, mulberry32, positiveInteger } from '../../bench/benchUtil'
import { writeSyntheticDigests } from '../../bench/syntheticDigests'
import { checkDatabase, checkLibraryFile } from '../../src/main/library/backup/backups'
import { SCHEMA_VERSION } from '../../src/main/library/db/migrations'
import { LIBRARY_FILE_NAME } from '../../src/main/library/db/openLibrary'
import { openLibrary, type Library } from '../../src/main/library/library'
import { writeOldLibrary } from './oldLibrary'
import { runChild } from './runChild'
import { crashSyncRuns } from './syncCrash'

/**
 * Kills a real import (and, separately, a backup and a schema migration) with SIGKILL at random
 * moments, then checks what a crash must never leave: a library that fails integrity_check or
 * foreign_key_check, a digest file half imported, a re-import that adds other than exactly the
 * missing files, a backup kept that is not whole, or a migration that does not finish whole on
 * the next open. Then kills sync passes while they write and while they apply (syncCrash.ts).
 * `--only files` or `--only sync` runs one half. Prints one JSON object; exits 1 when any run
 * found damage.
 */

const FILES = 60
const PAPERS_PER_FILE = 40
/** The old library the migration runs update: big enough that migrating takes a while. */
const OLD_LIBRARY = { schema: 3, papers: 8_000 }

type Task = 'import' | 'backup' | 'migration'

interface RunResult {
  task: Task
  killedAfterMs: number
  finished: boolean
  corrupt: boolean
  partialDigests: number
  problems: string[]
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '20' },
      'sync-runs': { type: 'string', default: '10' },
      seed: { type: 'string', default: '1' },
      only: { type: 'string' },
    },
  })
  if (values.only !== undefined && values.only !== 'files' && values.only !== 'sync') {
    fail(`--only is files or sync, not "${values.only}"`)
  }
  const runs = positiveInteger('--runs', values.runs)
  const syncRuns = positiveInteger('--sync-runs', values['sync-runs'])
  const random = mulberry32(positiveInteger('--seed', values.seed))
  const root = mkdtempSync(join(tmpdir(), 'margin-crashtest-'))
  try {
    const files = values.only === 'sync' ? null : await crashFiles(root, runs, random)
    const sync =
      values.only === 'files' ? null : await crashSyncRuns(root, syncRuns, random, progress)
    console.log(JSON.stringify({ ...files, sync }))
    if (files?.runsWithProblems || sync?.problems.length) process.exitCode = 1
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}

/** Import, backup and migration runs. */
async function crashFiles(root: string, runs: number, random: () => number) {
  const { paths } = writeSyntheticDigests(join(root, 'digests'), {
    papers: FILES * PAPERS_PER_FILE,
    perFile: PAPERS_PER_FILE,
    seed: 5,
  })
  const fullImportMs = await timeFullImport(root, paths)
  const oldLibrary = writeOldLibrary(
    join(root, 'old'),
    writeSyntheticDigests(join(root, 'old-digests'), {
      papers: OLD_LIBRARY.papers,
      perFile: PAPERS_PER_FILE,
      seed: 9,
    }).paths,
    OLD_LIBRARY.schema,
  )
  const fullMigrationMs = await timeFullMigration(root, oldLibrary)
  const results: RunResult[] = []
  const tasks: Task[] = ['import', 'import', 'import', 'backup', 'migration']
  for (let run = 0; run < runs; run++) {
    const dir = join(root, `run-${run}`)
    const task = tasks[run % tasks.length]!
    const result =
      task === 'import'
        ? await crashImport(dir, paths, random() * fullImportMs)
        : task === 'backup'
          ? await crashBackup(dir, paths, random() * 300)
          : await crashMigration(dir, oldLibrary, random() * fullMigrationMs)
    results.push(result)
    progress(
      `run ${run + 1}/${runs}: ${task} killed after ${Math.round(result.killedAfterMs)} ms: ${result.problems.length ? result.problems.join('; ') : 'sound'}`,
    )
    rmSync(dir, { recursive: true, force: true })
  }
  const damaged = results.filter((r) => r.corrupt || r.partialDigests > 0 || r.problems.length)
  return {
    runs,
    files: FILES,
    papersPerFile: PAPERS_PER_FILE,
    fullImportMs: Math.round(fullImportMs),
    oldLibraryPapers: OLD_LIBRARY.papers,
    fullMigrationMs: Math.round(fullMigrationMs),
    kills: Object.fromEntries(
      tasks.map((task) => [task, results.filter((r) => r.task === task).length]),
    ),
    killedMidway: results.filter((r) => !r.finished).length,
    corruptLibraries: results.filter((r) => r.corrupt).length,
    partialDigests: results.reduce((sum, r) => sum + r.partialDigests, 0),
    runsWithProblems: damaged.length,
    problems: damaged.flatMap((r) => r.problems).slice(0, 10),
  }
}

async function timeFullImport(root: string, paths: string[]): Promise<number> {
  const dir = join(root, 'timing')
  const { startedAt, endedAt } = await runChild(['import', dir, ...paths], Infinity)
  rmSync(dir, { recursive: true, force: true })
  return endedAt - startedAt
}

function copyOldLibrary(oldLibrary: string, dir: string): void {
  mkdirSync(dir, { recursive: true })
  copyFileSync(oldLibrary, join(dir, LIBRARY_FILE_NAME))
}

async function timeFullMigration(root: string, oldLibrary: string): Promise<number> {
  const dir = join(root, 'migration-timing')
  copyOldLibrary(oldLibrary, dir)
  const { startedAt, endedAt } = await runChild(['migrate', dir], Infinity)
  rmSync(dir, { recursive: true, force: true })
  return endedAt - startedAt
}

/**
 * After a kill the library is sound at the old schema, the new one, or a step between (each
 * migration commits whole); a backup under a backup's name is whole and of the old schema; the
 * next open finishes the update with every paper listed and both search indexes consistent.
 */
async function crashMigration(
  dir: string,
  oldLibrary: string,
  killAfterMs: number,
): Promise<RunResult> {
  copyOldLibrary(oldLibrary, dir)
  const child = await runChild(['migrate', dir], killAfterMs)
  const problems: string[] = []
  const left = checkLibraryFile(join(dir, LIBRARY_FILE_NAME))
  problems.push(...left.problems)
  if (left.schema < OLD_LIBRARY.schema || left.schema > SCHEMA_VERSION) {
    problems.push(`schema ${left.schema} after the kill`)
  }
  const backups = join(dir, 'backups')
  const kept = () =>
    existsSync(backups) ? readdirSync(backups).filter((name) => !name.includes('.partial')) : []
  for (const name of kept()) {
    const backup = checkLibraryFile(join(backups, name))
    if (!backup.ok || backup.schema !== OLD_LIBRARY.schema) {
      problems.push(`kept backup ${name}: schema ${backup.schema}, ${backup.problems.join('; ')}`)
    }
  }
  let library: Library
  try {
    library = openLibrary(dir)
  } catch (error) {
    problems.push(`the next open failed: ${(error as Error).message}`)
    return { task: 'migration', ...child, corrupt: !left.ok, partialDigests: 0, problems }
  }
  try {
    const count = (sql: string) => library.db.prepare<[], number>(sql).pluck().get()
    if (count('SELECT count(*) FROM papers') !== OLD_LIBRARY.papers) problems.push('papers lost')
    if (count('SELECT count(*) FROM papers WHERE listed_date IS NULL') !== 0) {
      problems.push('papers without their list position')
    }
    for (const index of ['paper_search', 'paper_titles']) {
      try {
        library.db.exec(`INSERT INTO ${index} (${index}, rank) VALUES ('integrity-check', 1)`)
      } catch (error) {
        problems.push(`${index}: ${(error as Error).message}`)
      }
    }
    if (kept().length === 0) problems.push('updated without a backup of the old library')
    return { task: 'migration', ...child, corrupt: !left.ok, partialDigests: 0, problems }
  } finally {
    library.close()
  }
}

async function crashImport(dir: string, paths: string[], killAfterMs: number): Promise<RunResult> {
  const child = await runChild(['import', dir, ...paths], killAfterMs)
  const problems: string[] = []
  const library = openLibrary(dir)
  try {
    const check = checkDatabase(library.db)
    problems.push(...check.problems)
    const imported = new Set(
      library.db.prepare<[], string>('SELECT content_hash FROM import_files').pluck().all(),
    )
    const countOf = library.db.prepare<[string], number>(
      `SELECT count(*) FROM digest_papers dp JOIN digests d ON d.id = dp.digest_id WHERE d.date = ?`,
    )
    let partialDigests = 0
    const missing = paths.filter((path) => {
      const present = imported.has(sha256(path))
      const papers = countOf.pluck().get(dateOf(path)) ?? 0
      if (present ? papers !== PAPERS_PER_FILE : papers !== 0) {
        partialDigests++
        problems.push(`${path}: ${papers} of ${PAPERS_PER_FILE} papers`)
      }
      return !present
    })
    const again = await library.importFiles(paths)
    const added = again.files.filter((f) => f.ok && !f.alreadyImported).length
    if (added !== missing.length) {
      problems.push(`re-import added ${added} files, ${missing.length} were missing`)
    }
    const total = library.db.prepare<[], number>('SELECT count(*) FROM papers').pluck().get()
    if (total !== paths.length * PAPERS_PER_FILE) problems.push(`${total} papers after re-import`)
    return { task: 'import', ...child, corrupt: !check.ok, partialDigests, problems }
  } finally {
    library.close()
  }
}

async function crashBackup(dir: string, paths: string[], killAfterMs: number): Promise<RunResult> {
  const setup = openLibrary(dir)
  await setup.importFiles(paths)
  setup.close()
  const out = join(dir, 'backup.sqlite')
  const child = await runChild(['backup', dir, out], killAfterMs)
  const problems: string[] = []
  const library = openLibrary(dir)
  const check = checkDatabase(library.db)
  library.close()
  problems.push(...check.problems)
  // A kept backup is whole; an unfinished one is only ever the .partial file.
  if (existsSync(out)) {
    const backup = checkLibraryFile(out)
    if (!backup.ok) problems.push(`kept backup fails its check: ${backup.problems.join('; ')}`)
  } else if (child.finished) {
    problems.push('the backup finished but no file was kept')
  }
  // An unfinished copy is only ever the .partial file (and its journal), never the backup.
  const stray = readdirSync(dir).filter(
    (name) =>
      name.startsWith('backup.sqlite') && name !== 'backup.sqlite' && !name.includes('.partial'),
  )
  if (stray.length) problems.push(`stray files: ${stray.join(', ')}`)
  return { task: 'backup', ...child, corrupt: !check.ok, partialDigests: 0, problems }
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex')
}

/** The synthetic files are named daily-papers-YYYY-MM-DD.txt, one date each. */
function dateOf(path: string): string {
  return /(\d{4}-\d{2}-\d{2})\.txt$/.exec(path)![1]!
}

function progress(message: string): void {
  console.error(`crashtest: ${message}`)
}

void main()
