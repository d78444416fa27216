import { closeSync, openSync, readSync } from 'node:fs'
import { join } from 'node:path'
import { LIBRARY_FILE_NAME } from '../openLibrary'
import { MIGRATIONS } from '../migrations'

/** The schemas an update of a library's format goes between. */
export interface PendingUpdate {
  from: number
  to: number
}

/** The first 16 bytes of every SQLite database file. */
const MAGIC = Buffer.from('SQLite format 3\0', 'latin1')
/** Where SQLite keeps `user_version` (big-endian) in the file's 100-byte header. */
const USER_VERSION_OFFSET = 60

/**
 * Whether the library in `dir` needs an update of its format before this version opens it, read
 * from the file's header without opening it: nothing is created or changed (no -wal or -shm
 * file, not even the folder). Null for no library yet, one that is up to date, one written by a
 * newer Margin and a file that is no SQLite database: opening those says what is what.
 *
 * A library whose last update was committed in its -wal but not yet copied into the file reads
 * as needing it; the update then finds nothing to do.
 */
export function pendingUpdate(
  dir: string,
  schemas: number = MIGRATIONS.length,
): PendingUpdate | null {
  const header = readHeader(join(dir, LIBRARY_FILE_NAME))
  if (!header || !header.subarray(0, MAGIC.length).equals(MAGIC)) return null
  const from = header.readUInt32BE(USER_VERSION_OFFSET)
  return from > 0 && from < schemas ? { from, to: schemas } : null
}

function readHeader(path: string): Buffer | null {
  let fd: number
  try {
    fd = openSync(path, 'r')
  } catch {
    return null
  }
  try {
    const header = Buffer.alloc(100)
    return readSync(fd, header, 0, header.length, 0) === header.length ? header : null
  } finally {
    closeSync(fd)
  }
}
