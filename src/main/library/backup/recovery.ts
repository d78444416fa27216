import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { isMarginError } from '../../../shared/errors'
import { LIBRARY_FILE_NAME, openLibraryDb, type Db, type OpenOptions } from '../db/openLibrary'
import { backupsNewestFirst, restoreLibrary, type LibraryCheck } from './backups'
import { quickCheckInBackground } from './quickCheck'

/** What happened when a damaged library was replaced, for the person using it. */
export interface Recovery {
  /** Why: the check's first findings or the error opening it. */
  problems: string[]
  /** Where the damaged library was kept (never changed, only renamed). */
  damagedPath: string
  /** The backup put in its place, or null when no good one was found (a new library). */
  restoredFrom: string | null
  restoredFromTime: Date | null
}

/** Asked for by a check that failed while the library was open; honoured on the next open. */
const RECOVERY_REQUEST = 'margin-library.needs-recovery.json'

/** A check after the last start found damage in the library in `dir` and asked for recovery. */
export function recoveryRequested(dir: string): boolean {
  return existsSync(join(dir, RECOVERY_REQUEST))
}

/**
 * SQLite's quick_check of the open library in `dir`, off the main thread; when it finds damage,
 * the next open recovers the library (the app offers to restart for it).
 */
export async function checkOpenLibrary(dir: string): Promise<LibraryCheck> {
  const check = await quickCheckInBackground(join(dir, LIBRARY_FILE_NAME))
  if (!check.ok) writeFileSync(join(dir, RECOVERY_REQUEST), JSON.stringify(check))
  return check
}

/**
 * Opens the library in `dir`, first recovering it when a check asked for that or when it is too
 * damaged to open at all. Other failures (newer schema, no permission) are thrown as they are:
 * only damage justifies setting a library aside.
 */
export function openLibraryDbRecovering(
  dir: string,
  now: () => Date,
  options: OpenOptions = {},
): { db: Db; recovery: Recovery | null } {
  const requested = recoveryRequest(dir)
  let recovery = requested ? recoverLibrary(dir, requested, now()) : null
  try {
    return { db: openLibraryDb(dir, undefined, options), recovery }
  } catch (error) {
    if (recovery || !isMarginError(error) || error.code !== 'LIBRARY_DAMAGED') throw error
    const reason = error.cause instanceof Error ? error.cause.message : error.message
    recovery = recoverLibrary(dir, [reason], now())
    return { db: openLibraryDb(dir, undefined, options), recovery }
  }
}

/**
 * Sets the library in `dir` aside (renamed with the time, its -wal and -shm with it, nothing
 * opened or changed) and puts the newest backup that passes its checks in its place. With no
 * good backup the folder is left without a library, so the next open starts a new one.
 */
function recoverLibrary(dir: string, problems: string[], now: Date): Recovery {
  const library = join(dir, LIBRARY_FILE_NAME)
  const stamp = now.toISOString().replace(/[:.]/g, '-')
  const damagedPath = join(dir, `margin-library.damaged-${stamp}.sqlite`)
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(library + suffix)) renameSync(library + suffix, damagedPath + suffix)
  }
  rmSync(join(dir, RECOVERY_REQUEST), { force: true })
  for (const backup of backupsNewestFirst(dir)) {
    try {
      restoreLibrary(dir, backup.path, now)
      return { problems, damagedPath, restoredFrom: backup.path, restoredFromTime: backup.time }
    } catch (error) {
      // A backup that fails its checks, or one from a newer Margin: try the next older one.
      if (!isMarginError(error)) throw error
    }
  }
  return { problems, damagedPath, restoredFrom: null, restoredFromTime: null }
}

/** One sentence or three for the window's message bar. */
export function recoveryNotice(recovery: Recovery): string {
  const found = recovery.problems[0]?.split('\n').find((line) => line && !line.startsWith('***'))
  const what = `Margin found damage in its library${found ? ` (${found})` : ''} and set it aside, unchanged, as ${recovery.damagedPath}.`
  return recovery.restoredFrom
    ? `${what} It restored the newest good backup, from ${recovery.restoredFromTime!.toLocaleString()} (${recovery.restoredFrom}); changes made after that backup are only in the damaged file.`
    : `${what} No good backup was found, so Margin started a new library; the damaged file may still be rescued with sqlite3's .recover.`
}

function recoveryRequest(dir: string): string[] | null {
  try {
    const { problems } = JSON.parse(readFileSync(join(dir, RECOVERY_REQUEST), 'utf8')) as {
      problems?: unknown
    }
    return Array.isArray(problems) ? problems.map(String) : ['a check found damage']
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    return ['a check found damage']
  }
}
