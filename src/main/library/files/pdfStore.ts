import { createHash, randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { existsSync, rmdirSync, statSync, unlinkSync } from 'node:fs'
import { mkdir, open, readFile, rename } from 'node:fs/promises'
import { join } from 'node:path'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { MarginError } from '../../../shared/errors'
import { listDir, removeQuietly, syncDir } from './fsQuiet'

/** A SHA-256 in lowercase hex: the only names the store knows. */
export const SHA256 = /^[0-9a-f]{64}$/

export function sha256Of(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}

/** Hashed this much at a time, with a turn of the event loop between (~5 ms each). */
const HASH_CHUNK = 4 * 1024 * 1024

/** sha256Of without holding the event loop: a 200 MB PDF takes ~0.5 s to hash. */
export async function sha256OfInTurns(data: Uint8Array): Promise<string> {
  const hash = createHash('sha256')
  for (let at = 0; at < data.length; at += HASH_CHUNK) {
    hash.update(data.subarray(at, at + HASH_CHUNK))
    if (at + HASH_CHUNK < data.length) await nextTurn()
  }
  return hash.digest('hex')
}

export type PdfStore = ReturnType<typeof createPdfStore>

/** A file in files/: where, how big, when last written (ms). */
export interface StoreEntry {
  path: string
  bytes: number
  modifiedAt: number
}

export interface StoreInventory {
  /** Files named as the store names PDFs (files/ab/ab12….pdf). */
  stored: Array<StoreEntry & { sha256: string }>
  /** Pieces of writes in files/.tmp. */
  temporary: StoreEntry[]
  /** Anything else in files/. */
  other: StoreEntry[]
}

/**
 * PDF bytes by content, under `<libraryDir>/files/<first 2 hex>/<sha256>.pdf`: the same bytes
 * are stored once. A write goes to files/.tmp first, is synced, re-read and checked against its
 * hash, then renamed into place (and the folder synced), so a crash leaves either the whole
 * file or none.
 */
export function createPdfStore(libraryDir: string) {
  const root = join(libraryDir, 'files')
  const tmpDir = join(root, '.tmp')

  const pathOf = (sha: string): string => {
    if (!SHA256.test(sha)) throw new MarginError('INVALID_ARGUMENT', `"${sha}" is not a SHA-256.`)
    return join(root, sha.slice(0, 2), `${sha}.pdf`)
  }

  const has = (sha: string): boolean => SHA256.test(sha) && existsSync(pathOf(sha))

  return {
    root,
    pathOf,
    has,

    /**
     * Stores `data` and gives its SHA-256; bytes already stored are not written again (a damaged
     * copy is replaced). Nothing is left behind when the write fails.
     */
    async write(data: Uint8Array): Promise<string> {
      const sha = await sha256OfInTurns(data)
      const final = pathOf(sha)
      if (await holds(final, sha, data.length)) return sha
      await mkdir(tmpDir, { recursive: true })
      const tmp = join(tmpDir, `${sha.slice(0, 16)}-${randomBytes(6).toString('hex')}.part`)
      try {
        const file = await open(tmp, 'wx')
        try {
          await file.writeFile(data)
          await file.sync()
        } finally {
          await file.close()
        }
        const stored = await sha256OfInTurns(await readFile(tmp))
        if (stored !== sha) {
          throw new Error(`the bytes read back have SHA-256 ${stored}, not ${sha}`)
        }
        const dir = join(root, sha.slice(0, 2))
        await mkdir(dir, { recursive: true })
        await rename(tmp, final)
        syncDir(dir)
        return sha
      } catch (error) {
        removeQuietly(tmp)
        throw new MarginError(
          'WRITE_FAILED',
          `Could not store the PDF in ${root}: ${(error as Error).message}.`,
          { cause: error },
        )
      }
    },

    /** Removes the bytes (and their folder when it is left empty); absent bytes are fine. */
    remove(sha: string): void {
      const path = pathOf(sha)
      removeQuietly(path)
      try {
        rmdirSync(join(root, sha.slice(0, 2)))
      } catch {
        // not empty, or already gone
      }
    },

    /** What is wrong with the stored bytes of `sha` (missing, changed, unreadable), or null. */
    async verify(sha: string): Promise<string | null> {
      const path = pathOf(sha)
      if (!existsSync(path)) return `its file ${path} is missing`
      try {
        const hash = createHash('sha256')
        for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
        const actual = hash.digest('hex')
        return actual === sha
          ? null
          : `its file ${path} has changed (its SHA-256 is now ${actual.slice(0, 12)}…)`
      } catch (error) {
        return `its file ${path} cannot be read: ${(error as Error).message}`
      }
    },

    /** How many PDFs files/ holds and their bytes (partial writes in .tmp are not counted). */
    usage(): { files: number; bytes: number } {
      let files = 0
      let bytes = 0
      for (const dir of listDir(root)) {
        if (!/^[0-9a-f]{2}$/.test(dir)) continue
        for (const name of listDir(join(root, dir))) {
          if (!name.endsWith('.pdf')) continue
          try {
            const info = statSync(join(root, dir, name))
            if (!info.isFile()) continue
            bytes += info.size
            files += 1
          } catch {
            // removed meanwhile
          }
        }
      }
      return { files, bytes }
    },

    /**
     * Everything files/ holds, by what it is: PDFs named by their hash (whether or not a row
     * refers to them), pieces of writes in .tmp, and any other file (not Margin's naming).
     */
    inventory(): StoreInventory {
      const stored: StoreInventory['stored'] = []
      const temporary: StoreEntry[] = []
      const other: StoreEntry[] = []
      const entry = (path: string, into: StoreEntry[]) => {
        try {
          const info = statSync(path)
          if (info.isFile())
            into.push({ path, bytes: info.size, modifiedAt: Math.floor(info.mtimeMs) })
          else if (info.isDirectory())
            listDir(path).forEach((name) => entry(join(path, name), into))
        } catch {
          // removed meanwhile
        }
      }
      for (const name of listDir(root)) {
        const path = join(root, name)
        if (name === '.tmp') {
          entry(path, temporary)
          continue
        }
        if (!/^[0-9a-f]{2}$/.test(name)) {
          entry(path, other)
          continue
        }
        for (const file of listDir(path)) {
          const sha = file.endsWith('.pdf') ? file.slice(0, -'.pdf'.length) : ''
          const at = join(path, file)
          const found: StoreEntry[] = []
          entry(at, found)
          if (SHA256.test(sha) && sha.startsWith(name) && found[0]?.path === at) {
            stored.push({ sha256: sha, ...found[0]! })
          } else other.push(...found)
        }
      }
      return { stored, temporary, other }
    },

    /**
     * Clears what interrupted writes left in files/.tmp: pieces older than `olderThanMs` (a
     * write of another process, such as the CLI, may be under way).
     */
    clearTemporary(nowMs: number, olderThanMs = 60 * 60 * 1000): void {
      for (const name of listDir(tmpDir)) {
        const path = join(tmpDir, name)
        try {
          if (nowMs - statSync(path).mtimeMs >= olderThanMs) unlinkSync(path)
        } catch {
          // gone already
        }
      }
    },
  }
}

/** `path` holds exactly the bytes of `sha` (a damaged copy is written again). */
async function holds(path: string, sha: string, size: number): Promise<boolean> {
  try {
    if (statSync(path).size !== size) return false
    return (await sha256OfInTurns(await readFile(path))) === sha
  } catch {
    return false
  }
}
