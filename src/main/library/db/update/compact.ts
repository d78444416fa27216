import { PAGE_SIZE, type Db } from '../openLibrary'

/** How compacting went: a failure leaves the library updated and working, only larger. */
export type Compaction = { ok: true } | { ok: false; reason: string }

/**
 * Rewrites the library into as few pages as it needs, of PAGE_SIZE bytes (VACUUM): an update
 * that rebuilds the indexes frees most of the file's old pages, which SQLite otherwise keeps.
 * A page size only changes outside WAL, so the file leaves WAL for the VACUUM and goes back to
 * it after. VACUUM is all or nothing (it writes through a rollback journal): when it fails, for
 * want of disk space say, the library stays as it was and the failure is the answer, not an
 * exception. Needs the only connection to the file.
 */
export function compactLibrary(db: Db): Compaction {
  try {
    db.pragma('wal_checkpoint(TRUNCATE)')
    const mode = db.pragma('journal_mode = DELETE', { simple: true })
    if (mode !== 'delete') {
      return { ok: false, reason: `the library could not leave WAL mode (still ${String(mode)})` }
    }
    db.pragma(`page_size = ${PAGE_SIZE}`)
    db.exec('VACUUM')
    return { ok: true }
  } catch (error) {
    return { ok: false, reason: (error as Error).message }
  } finally {
    try {
      db.pragma('journal_mode = WAL')
    } catch {
      // The next open (openLibraryDb) puts it in WAL again.
    }
  }
}
