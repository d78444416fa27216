import { rmSync } from 'node:fs'

/** Removes a copy a crash left unfinished, with the journal files SQLite may have left beside it. */
export function removeUnfinishedCopy(path: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(path + suffix, { force: true })
}
