import { closeSync, fsyncSync, lstatSync, openSync, readdirSync, unlinkSync } from 'node:fs'

/** The names in folder `path`; none when it cannot be read. */
export function listDir(path: string): string[] {
  try {
    return readdirSync(path)
  } catch {
    return []
  }
}

/** `path` is a folder itself (a link to one is not). */
export function isDirectory(path: string): boolean {
  try {
    return lstatSync(path).isDirectory()
  } catch {
    return false
  }
}

/** `path` is a file itself (a link to one is not). */
export function isFile(path: string): boolean {
  try {
    return lstatSync(path).isFile()
  } catch {
    return false
  }
}

/** Removes file `path` if it is there. */
export function removeQuietly(path: string): void {
  try {
    unlinkSync(path)
  } catch {
    // gone already
  }
}

/** Makes a rename in `dir` durable (where the platform lets a folder be synced). */
export function syncDir(dir: string): void {
  let fd: number | undefined
  try {
    fd = openSync(dir, 'r')
    fsyncSync(fd)
  } catch {
    // Windows cannot open a folder for syncing; its rename is durable enough there.
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}
