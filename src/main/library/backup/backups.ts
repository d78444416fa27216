import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs'
import { dirname, join } from 'node:path'
import { MarginError } from '../../../shared/errors'
import { LIBRARY_FILE_NAME, type Db } from '../db/openLibrary'
import { SCHEMA_VERSION } from '../db/migrations'
import { openDatabase } from '../db/sqlite'
import { removeUnfinishedCopy } from '../db/unfinishedCopy'

export interface LibraryCheck {
  ok: boolean
  /** What the checks found, one sentence each; empty when ok. */
  problems: string[]
}

/** SQLite's integrity_check and foreign_key_check of an open database. */
export function checkDatabase(db: Db): LibraryCheck {
  const integrity = db.pragma('integrity_check') as Array<{ integrity_check: string }>
  const problems = integrity.map((row) => row.integrity_check).filter((text) => text !== 'ok')
  const orphans = db.pragma('foreign_key_check') as Array<{
    table: string
    rowid: number
    parent: string
  }>
  problems.push(
    ...orphans.map((row) => `${row.table} row ${row.rowid} refers to a missing ${row.parent} row`),
  )
  return { ok: problems.length === 0, problems }
}

/** Opens a library file read-only and checks it, with its schema version. */
export function checkLibraryFile(path: string): LibraryCheck & { schema: number } {
  let db: Db
  try {
    db = openDatabase(path, { readonly: true, fileMustExist: true })
  } catch (error) {
    return { ok: false, problems: [`cannot open it: ${(error as Error).message}`], schema: 0 }
  }
  try {
    const schema = db.pragma('user_version', { simple: true }) as number
    return { ...checkDatabase(db), schema }
  } catch (error) {
    return { ok: false, problems: [`it is not a library: ${(error as Error).message}`], schema: 0 }
  } finally {
    db.close()
  }
}

/** Where backups go by default: a folder beside the library file. */
export function defaultBackupPath(libraryDir: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-')
  return join(libraryDir, 'backups', `margin-library-${stamp}.sqlite`)
}

/** Backups kept by default; MARGIN_BACKUP_KEEP changes it. */
export const DEFAULT_BACKUPS_KEPT = 7
const DAY_MS = 24 * 60 * 60 * 1000
/** The automatic backups' names (those made before a migration are never rotated out). */
const AUTOMATIC = /^margin-library-\d{8}-\d{6}\.sqlite$/

/**
 * Makes the day's backup when the newest automatic one is a day old or more (or there is none),
 * then keeps the `keep` newest, removing older ones only once the new one passed its check.
 * Returns the new backup's path, or null when none was due.
 */
export async function backUpIfDue(
  library: { backup: (out: string) => Promise<{ path: string }> },
  libraryDir: string,
  { now = new Date(), keep = DEFAULT_BACKUPS_KEPT }: { now?: Date; keep?: number } = {},
): Promise<string | null> {
  const folder = join(libraryDir, 'backups')
  const existing = backupsNewestFirst(libraryDir, (name) => AUTOMATIC.test(name))
  if (existing[0] && now.getTime() - existing[0].time.getTime() < DAY_MS) return null
  // Copies a crash left unfinished are swept away with the next backup.
  if (existsSync(folder)) {
    for (const name of readdirSync(folder)) {
      if (name.includes('.partial')) rmSync(join(folder, name), { force: true })
    }
  }
  const { path } = await library.backup(defaultBackupPath(libraryDir, now))
  for (const old of existing.slice(Math.max(0, keep - 1))) rmSync(old.path, { force: true })
  return path
}

/** The backups in backups/ that `include` names (any .sqlite file by default), newest first. */
export function backupsNewestFirst(
  libraryDir: string,
  include = (name: string) => name.endsWith('.sqlite'),
): { path: string; time: Date }[] {
  const folder = join(libraryDir, 'backups')
  if (!existsSync(folder)) return []
  return readdirSync(folder)
    .filter(include)
    .map((name) => ({ path: join(folder, name), time: statSync(join(folder, name)).mtime }))
    .sort((a, b) => b.time.getTime() - a.time.getTime())
}

/** MARGIN_BACKUP_KEEP as a count of backups to keep, else the default. */
export function backupsToKeep(env: NodeJS.ProcessEnv): number {
  const keep = Number(env.MARGIN_BACKUP_KEEP)
  return Number.isSafeInteger(keep) && keep >= 1 ? keep : DEFAULT_BACKUPS_KEPT
}

/**
 * Copies the open library to `out` through SQLite's online backup API (consistent while the
 * library is in use) and verifies the copy; a copy that fails its check is removed, never kept.
 */
export async function backupLibrary(db: Db, out: string): Promise<{ path: string; bytes: number }> {
  if (existsSync(out)) {
    throw new MarginError('BACKUP_FAILED', `${out} already exists; choose another file.`)
  }
  mkdirSync(dirname(out), { recursive: true })
  const partial = `${out}.partial`
  removeUnfinishedCopy(partial)
  try {
    await db.backup(partial)
  } catch (error) {
    removeUnfinishedCopy(partial)
    throw new MarginError('BACKUP_FAILED', `Cannot write ${out}: ${(error as Error).message}.`)
  }
  const check = settle(partial)
  if (!check.ok) {
    removeUnfinishedCopy(partial)
    throw new MarginError(
      'BACKUP_FAILED',
      `The copy failed its check (${check.problems.slice(0, 3).join('; ')}), so it was not kept. Run \`margin check\` on the library.`,
    )
  }
  renameSync(partial, out)
  return { path: out, bytes: statSync(out).size }
}

/**
 * Puts a verified copy of `backup` in place of the library in `dir`. The library being
 * replaced is kept beside it, renamed with the time, and its path returned. Margin must not
 * have the library open.
 */
export function restoreLibrary(dir: string, backup: string, now: Date): { keptAs: string | null } {
  const check = checkLibraryFile(backup)
  if (!check.ok) {
    throw new MarginError(
      'BACKUP_INVALID',
      `${backup} is not a good backup (${check.problems.slice(0, 3).join('; ')}); the library was left as it was.`,
    )
  }
  if (check.schema > SCHEMA_VERSION) {
    throw new MarginError(
      'LIBRARY_TOO_NEW',
      `${backup} was written by a newer version of Margin (schema ${check.schema}); update Margin to restore it.`,
    )
  }
  const target = join(dir, LIBRARY_FILE_NAME)
  const incoming = `${target}.restoring`
  copyFileSync(backup, incoming)
  let keptAs: string | null = null
  if (existsSync(target)) {
    foldWal(target)
    keptAs = `${target}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`
    renameSync(target, keptAs)
  }
  renameSync(incoming, target)
  return { keptAs }
}

/**
 * Makes a fresh copy one self-contained file (rollback journal instead of the write-ahead log,
 * which would leave -wal and -shm files beside it) and checks it.
 */
function settle(path: string): LibraryCheck {
  let db: Db
  try {
    db = openDatabase(path, { fileMustExist: true })
  } catch (error) {
    return { ok: false, problems: [`cannot open it: ${(error as Error).message}`] }
  }
  try {
    db.pragma('journal_mode = DELETE')
    return checkDatabase(db)
  } finally {
    db.close()
  }
}

/** Writes a library's write-ahead log into its main file, so the file alone holds everything. */
function foldWal(path: string): void {
  const db = openDatabase(path, { fileMustExist: true })
  try {
    db.pragma('wal_checkpoint(TRUNCATE)')
  } finally {
    db.close()
  }
  for (const companion of [`${path}-wal`, `${path}-shm`]) rmSync(companion, { force: true })
}
