import { randomBytes } from 'node:crypto'
import { mkdir, open, rename, rm, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { MarginError } from '../../../shared/errors'

/**
 * Writes `data` to `path` so that a crash leaves the old file or the whole new one, never half:
 * a temporary file in the same folder (so the rename stays on one file system) is written,
 * flushed to disk, then renamed over the target.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  // A dot name keeps the temporary file out of Obsidian and file managers while it exists.
  const temp = join(dirname(path), `.margin-export-${randomBytes(8).toString('hex')}.tmp`)
  try {
    const file = await open(temp, 'wx')
    try {
      await file.writeFile(data)
      await file.sync()
    } finally {
      await file.close()
    }
    await rename(temp, path)
  } catch (error) {
    // A failed clean-up must not hide the reason the write failed.
    await rm(temp, { force: true }).catch(() => undefined)
    throw writeFailure(path, error)
  }
}

/** Makes `dir` (its parent must exist); refuses a path that is a file. */
export async function ensureFolder(dir: string): Promise<void> {
  try {
    await mkdir(dir)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw writeFailure(dir, error)
    if (!(await stat(dir)).isDirectory()) {
      throw new MarginError('EXPORT_FAILED', `Cannot write to ${dir}: it is a file, not a folder.`)
    }
  }
}

const REASONS: Record<string, (path: string) => string> = {
  ENOENT: (path) => `the folder ${dirname(path)} does not exist`,
  ENOTDIR: () => 'a part of the path is a file, not a folder',
  EISDIR: () => 'it is a folder; name a file',
  EACCES: () => 'permission denied; choose a folder you can write to',
  EPERM: () => 'permission denied; choose a folder you can write to',
  EROFS: () => 'the disk is read-only',
  ENOSPC: () => 'the disk is full',
  ENAMETOOLONG: () => 'the name is too long',
}

function writeFailure(path: string, error: unknown): MarginError {
  if (error instanceof MarginError) return error
  const reason = REASONS[(error as NodeJS.ErrnoException).code ?? '']
  return new MarginError(
    'EXPORT_FAILED',
    `Cannot write ${path}: ${reason ? reason(path) : (error as Error).message}.`,
  )
}
