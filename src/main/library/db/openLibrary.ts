import Database from 'better-sqlite3'
import { existsSync, mkdirSync, renameSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { MarginError } from '../../../shared/errors'
import { MIGRATIONS } from './migrations'
import { removeUnfinishedCopy } from './unfinishedCopy'

export const LIBRARY_FILE_NAME = 'margin-library.sqlite'

export type Db = Database.Database

/**
 * Opens (creating if needed) the library in `dir` and brings its schema up to date.
 * `nativeBinding` points at a better-sqlite3 addon built for another runtime (Electron).
 */
export function openLibraryDb(dir: string, migrations = MIGRATIONS, nativeBinding?: string): Db {
  mkdirSync(dir, { recursive: true })
  const path = join(dir, LIBRARY_FILE_NAME)
  let db: Db
  try {
    db = new Database(path, { nativeBinding })
    db.pragma('journal_mode = WAL')
  } catch (error) {
    throw openingFailed(path, error)
  }
  try {
    // NORMAL in WAL mode: a crash of the app never corrupts the library; a power cut can lose
    // the last commits, but never half of one (README, "Durability").
    db.pragma('synchronous = NORMAL')
    // After a checkpoint the log is cut back to this size instead of keeping its largest.
    db.pragma('journal_size_limit = 67108864')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    migrate(db, path, migrations)
    return db
  } catch (error) {
    db.close()
    throw error instanceof MarginError ? error : openingFailed(path, error)
  }
}

/**
 * The schema update opening the library in `dir` will make (from its version to this one's), or
 * null when there is none to make or the file cannot be read (opening it says why).
 */
export function pendingSchemaUpdate(dir: string): { from: number; to: number } | null {
  const path = join(dir, LIBRARY_FILE_NAME)
  if (!existsSync(path)) return null
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true })
    try {
      const from = db.pragma('user_version', { simple: true }) as number
      return from > 0 && from < MIGRATIONS.length ? { from, to: MIGRATIONS.length } : null
    } finally {
      db.close()
    }
  } catch {
    return null
  }
}

/** SQLite's codes (with their extended forms) for a damaged file, not one it cannot reach. */
const DAMAGE_CODE = /^SQLITE_(CORRUPT|NOTADB)/

function openingFailed(path: string, error: unknown): MarginError {
  const { code, message } = error as { code?: string; message: string }
  return DAMAGE_CODE.test(code ?? '')
    ? new MarginError(
        'LIBRARY_DAMAGED',
        `The library at ${path} is damaged: ${message}. The desktop app sets it aside and restores the newest good backup when it starts; \`margin restore FILE\` restores one by hand.`,
        { cause: error },
      )
    : new MarginError('LIBRARY_UNREADABLE', `Cannot open the library at ${path}: ${message}.`)
}

function migrate(db: Db, path: string, migrations: ReadonlyArray<(db: Db) => void>): void {
  const version = db.pragma('user_version', { simple: true }) as number
  if (version > migrations.length) {
    throw new MarginError(
      'LIBRARY_TOO_NEW',
      `The library at ${path} was written by a newer version of Margin (schema ${version}; this version knows up to ${migrations.length}). Update Margin to open it.`,
    )
  }
  if (version > 0 && version < migrations.length) backUpBeforeMigrating(db, path, version)
  migrations.slice(version).forEach((apply, index) => {
    db.transaction(() => {
      apply(db)
      db.pragma(`user_version = ${version + index + 1}`)
    })()
  })
}

/**
 * A checked copy of the library as it is before a migration changes it, in backups/ beside it
 * (VACUUM INTO: one consistent, self-contained file), written under a .partial name and renamed
 * only once checked, so a crash never leaves half a backup under a backup's name. Migrating
 * stops if the copy fails.
 */
function backUpBeforeMigrating(db: Db, path: string, version: number): void {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '')
  const out = join(dirname(path), 'backups', `margin-library-schema-${version}-${stamp}.sqlite`)
  const partial = `${out}.partial`
  mkdirSync(dirname(out), { recursive: true })
  // A crash during an earlier attempt in the same second left this name behind.
  removeUnfinishedCopy(partial)
  try {
    db.prepare('VACUUM INTO ?').run(partial)
    const copy = new Database(partial, { readonly: true })
    const result = copy.pragma('integrity_check', { simple: true })
    copy.close()
    if (result !== 'ok') throw new Error(`the copy failed its check: ${String(result)}`)
    renameSync(partial, out)
  } catch (error) {
    removeUnfinishedCopy(partial)
    throw new MarginError(
      'BACKUP_FAILED',
      `The library at ${path} was not updated: the backup made before updating it failed (${(error as Error).message}).`,
    )
  }
}
