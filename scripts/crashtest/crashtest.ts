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
import { FED, FEEDING } from './feedingReport'
import { indexProblems } from './indexCheck'
import { writeOldLibrary } from './oldLibrary'
import { runChild, type ChildRun, type KillAt } from './runChild'
import { crashSyncRuns } from './syncCrash'

/**
 * Kills a real import (and, separately, a backup and a schema migration) with SIGKILL at random
 * moments, then checks what a crash must never leave: a library that fails integrity_check or
 * foreign_key_check, full-text indexes that fail FTS5's integrity-check, keep a bulk write's
 * queue or miss a paper (indexCheck.ts), a digest file half imported, a re-import that adds
 * other than exactly the missing files, a backup kept that is not whole, or a migration that
 * does not finish whole on the next open. Every other import run is killed while an import
 * slice feeds the full-text indexes: the child says when it begins to (feedingReport.ts) and the
 * run kills it within the time a slice's feeding took in the timing run; where each kill landed
 * is counted. Then kills sync passes while they write and while they apply (syncCrash.ts).
 * `--only files` or `--only sync` runs one half. Prints one JSON object; exits 1 when any run
 * found damage.
 */

const FILES = 80
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
  /** Import runs: the kill was aimed at a slice feeding the indexes; it landed while one fed. */
  aimedAtFeeding?: boolean
  killedWhileFeeding?: boolean
}

/** How the timing run's import went: its time, and how long each slice took to feed the indexes. */
interface ImportTiming {
  ms: number
  feedMs: number[]
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
  const timing = await timeFullImport(root, paths)
  // Kills are aimed at the slices that fill their 200 ms (all but the last, which takes what is
  // left), within the shortest of their feedings, so that each lands before its feeding ends.
  const fullSlices = timing.feedMs.length > 1 ? timing.feedMs.slice(0, -1) : timing.feedMs
  const feedWindowMs = Math.min(...fullSlices) * 0.8
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
  let imports = 0
  for (let run = 0; run < runs; run++) {
    const dir = join(root, `run-${run}`)
    const task = tasks[run % tasks.length]!
    // Every other import is killed while a slice feeds the indexes, the rest at any moment.
    const aimed = task === 'import' && imports++ % 2 === 1
    const kill: KillAt = aimed
      ? {
          afterMs: random() * feedWindowMs,
          onLine: { line: FEEDING, nth: 1 + Math.floor(random() * fullSlices.length) },
        }
      : { afterMs: random() * timing.ms }
    const result =
      task === 'import'
        ? await crashImport(dir, paths, kill, aimed)
        : task === 'backup'
          ? await crashBackup(dir, paths, random() * 300)
          : await crashMigration(dir, oldLibrary, random() * fullMigrationMs)
    results.push(result)
    const where = result.killedWhileFeeding ? ' while feeding the indexes' : ''
    progress(
      `run ${run + 1}/${runs}: ${task}${aimed ? ' (aimed at feeding)' : ''} killed after ${Math.round(result.killedAfterMs)} ms${where}: ${result.problems.length ? result.problems.join('; ') : 'sound'}`,
    )
    rmSync(dir, { recursive: true, force: true })
  }
  const aimedRuns = results.filter((r) => r.aimedAtFeeding)
  const feedingKills = {
    aimed: aimedRuns.length,
    landed: aimedRuns.filter((r) => r.killedWhileFeeding).length,
    killedWhileFeedingInAll: results.filter((r) => r.killedWhileFeeding).length,
  }
  // The point of aiming: most aimed kills must land while a slice feeds the indexes.
  const missedFeeding =
    feedingKills.landed * 2 < feedingKills.aimed
      ? [
          `only ${feedingKills.landed} of ${feedingKills.aimed} kills aimed at feeding landed while feeding`,
        ]
      : []
  const damaged = results.filter((r) => r.corrupt || r.partialDigests > 0 || r.problems.length)
  return {
    runs,
    files: FILES,
    papersPerFile: PAPERS_PER_FILE,
    fullImportMs: Math.round(timing.ms),
    feedMs: timing.feedMs.map((ms) => Math.round(ms)),
    feedingKills,
    oldLibraryPapers: OLD_LIBRARY.papers,
    fullMigrationMs: Math.round(fullMigrationMs),
    kills: Object.fromEntries(
      tasks.map((task) => [task, results.filter((r) => r.task === task).length]),
    ),
    killedMidway: results.filter((r) => !r.finished).length,
    corruptLibraries: results.filter((r) => r.corrupt).length,
    partialDigests: results.reduce((sum, r) => sum + r.partialDigests, 0),
    runsWithProblems: damaged.length + missedFeeding.length,
    problems: [...missedFeeding, ...damaged.flatMap((r) => r.problems)].slice(0, 10),
  }
}

async function timeFullImport(root: string, paths: string[]): Promise<ImportTiming> {
  const dir = join(root, 'timing')
  const { startedAt, endedAt, output } = await runChild(['import', dir, ...paths], Infinity)
  rmSync(dir, { recursive: true, force: true })
  const feedMs = output
    .split('\n')
    .filter((line) => line.startsWith(`${FED} `))
    .map((line) => Number(line.slice(FED.length + 1)))
  if (feedMs.length === 0) {
    fail(
      'the import never said it was feeding the indexes: feedingReport.ts no longer recognises search/bulkIndexing.ts',
    )
  }
  return { ms: endedAt - startedAt, feedMs }
}

/** The child was between "feeding" and "fed" when it ended. */
function endedWhileFeeding(child: ChildRun): boolean {
  const marks = child.output
    .split('\n')
    .filter((line) => line === FEEDING || line.startsWith(`${FED} `))
  return !child.finished && marks.at(-1) === FEEDING
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
    problems.push(...indexProblems(library.db))
    if (kept().length === 0) problems.push('updated without a backup of the old library')
    return { task: 'migration', ...child, corrupt: !left.ok, partialDigests: 0, problems }
  } finally {
    library.close()
  }
}

async function crashImport(
  dir: string,
  paths: string[],
  kill: KillAt,
  aimedAtFeeding: boolean,
): Promise<RunResult> {
  const child = await runChild(['import', dir, ...paths], kill)
  const killedWhileFeeding = endedWhileFeeding(child)
  const problems: string[] = []
  const library = openLibrary(dir)
  try {
    const check = checkDatabase(library.db)
    problems.push(...check.problems)
    problems.push(...indexProblems(library.db))
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
    problems.push(...indexProblems(library.db).map((problem) => `after re-import: ${problem}`))
    return {
      task: 'import',
      ...child,
      corrupt: !check.ok,
      partialDigests,
      problems,
      aimedAtFeeding,
      killedWhileFeeding,
    }
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
