import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { MarginError } from '../../shared/errors'

export const LOCK_FILE_NAME = 'margin-library.lock'

export interface LockOptions {
  pid?: number
  /** Whether process `pid` still runs; a lock left by a process that is gone is taken over. */
  isRunning?: (pid: number) => boolean
}

/**
 * Holds the library in `dir` for this process, so a second app never opens it alongside (the
 * CLI may: SQLite serializes its writes). Returns the release. Refuses, naming the process,
 * when a running process holds it.
 */
export function lockLibrary(
  dir: string,
  { pid = process.pid, isRunning = processIsRunning }: LockOptions = {},
): () => void {
  mkdirSync(dir, { recursive: true })
  const path = join(dir, LOCK_FILE_NAME)
  for (;;) {
    try {
      writeFileSync(path, JSON.stringify({ pid, since: new Date().toISOString() }), { flag: 'wx' })
      return () => {
        if (holderOf(path) === pid) rmSync(path, { force: true })
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new MarginError(
          'LIBRARY_UNREADABLE',
          `Cannot lock the library at ${dir}: ${(error as Error).message}.`,
        )
      }
    }
    const holder = holderOf(path)
    if (holder !== null && holder !== pid && isRunning(holder)) {
      throw new MarginError(
        'LIBRARY_IN_USE',
        `The library at ${dir} is open in another Margin (process ${holder}). Close that one first, or open another library with --library.`,
      )
    }
    rmSync(path, { force: true }) // left by a process that is gone
  }
}

function holderOf(path: string): number | null {
  try {
    const { pid } = JSON.parse(readFileSync(path, 'utf8')) as { pid?: unknown }
    return typeof pid === 'number' ? pid : null
  } catch {
    return null
  }
}

function processIsRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
