import type Database from 'better-sqlite3'
import { mkdirSync, renameSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { MarginError } from '../../../shared/errors'
import { MIGRATIONS } from './migrations'
import type { Migration } from './migrations/progress'
import { openDatabase } from './sqlite'
import { removeUnfinishedCopy } from './unfinishedCopy'

export const LIBRARY_FILE_NAME = 'margin-library.sqlite'

export type Db = Database.Database

/** Where an update of the library's format is: its checked copy, then each migration's work. */
export type UpdateProgress =
  { phase: 'copy' } | { phase: 'migrate'; schema: number; done: number; total: number }

export interface OpenOptions {
  /** Told before an update of the library's format starts (a checked copy first, then it). */
  onUpdate?: (update: { from: number; to: number }) => void
  /** Told how an update of the library's format goes, as it goes. */
  onProgress?: (progress: UpdateProgress) => void
}

/**
 * The page size of a new library: a paper's row with its abstract (~2 KB) fills 16 KB pages
 * (eight or nine to a page, 5% left over) where 4 KB pages, two to a page, left a fifth of each
 * empty (100,000 papers: 2.0 KB a paper bare at 4 KB, 1.7 KB at 16 KB).
 */
export const PAGE_SIZE = 16384

/** Opens (creating if needed) the library in `dir` and brings its schema up to date. */
export function openLibraryDb(
  dir: string,
  migrations: ReadonlyArray<Migration> = MIGRATIONS,
  options: OpenOptions = {},
): Db {
  mkdirSync(dir, { recursive: true })
  const path = join(dir, LIBRARY_FILE_NAME)
  let db: Db
  try {
    db = openDatabase(path)
    // Only a file with no page yet takes a page size; an existing one keeps its own.
    if (db.pragma('page_count', { simple: true }) === 0) db.pragma(`page_size = ${PAGE_SIZE}`)
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
    migrate(db, path, migrations, options)
    return db
  } catch (error) {
    db.close()
    throw error instanceof MarginError ? error : openingFailed(path, error)
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

function migrate(
  db: Db,
  path: string,
  migrations: ReadonlyArray<Migration>,
  { onUpdate, onProgress }: OpenOptions,
): void {
  const version = db.pragma('user_version', { simple: true }) as number
  if (version > migrations.length) {
    throw new MarginError(
      'LIBRARY_TOO_NEW',
      `The library at ${path} was written by a newer version of Margin (schema ${version}; this version knows up to ${migrations.length}). Update Margin to open it.`,
    )
  }
  if (version > 0 && version < migrations.length) {
    onUpdate?.({ from: version, to: migrations.length })
    onProgress?.({ phase: 'copy' })
    backUpBeforeMigrating(db, path, version)
  }
  migrations.slice(version).forEach((apply, index) => {
    const schema = version + index + 1
    // A new library is made, not updated: its progress is not news.
    const progress = (done: number, total: number) =>
      version > 0 && onProgress?.({ phase: 'migrate', schema, done, total })
    db.transaction(() => {
      apply(db, progress)
      db.pragma(`user_version = ${schema}`)
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
    const copy = openDatabase(partial, { readonly: true })
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
