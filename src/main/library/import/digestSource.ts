import { createHash } from 'node:crypto'
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs'
import { basename } from 'node:path'
import { MarginError } from '../../../shared/errors'
import { decodeDigestBytes } from '../digest/decode'
import type { ParsedDigest } from '../digest/parseDigest'
import { parseSource } from '../digest/parseSource'

/**
 * A day's page copy is about 100 KB and a month of them about 3 MB; bigger files are refused
 * before reading, which keeps memory bounded and every import of one file short.
 */
export const MAX_DIGEST_FILE_BYTES = 16 * 1024 * 1024

/** A digest to import: a file on disk, or the bytes of a file dropped or picked in the app. */
export interface DigestSource {
  /** How reports name it: the path as given, or the file name. */
  name: string
  fileName: string
  bytes: () => Uint8Array
  /** Its first HEAD_BYTES (fewer when shorter), to tell what it is before reading it all. */
  head: () => Uint8Array
  /** All of it, however large: a Margin export, which loads whole as import-json does. */
  whole: () => Uint8Array
  /** How its text is read, when not as any digest file is (parseSource): a fetched answer's own parser. */
  parse?: (text: string) => ParsedDigest
}

/** Bytes enough to tell a source by its start (a Margin export's `"format"`, its first key). */
export const HEAD_BYTES = 4096

export interface ReadDigest {
  contentHash: string
  digest: ParsedDigest
}

export function fileSource(path: string): DigestSource {
  return {
    name: path,
    fileName: basename(path),
    bytes: () => readFileBytes(path),
    head: () => readHead(path),
    whole: () => readFileBytes(path, Infinity),
  }
}

export function bytesSource(
  fileName: string,
  data: Uint8Array,
  parse?: (text: string) => ParsedDigest,
): DigestSource {
  return {
    name: fileName,
    fileName,
    ...(parse && { parse }),
    bytes: () => {
      if (data.byteLength > MAX_DIGEST_FILE_BYTES) throw tooLarge(data.byteLength)
      return data
    },
    head: () => data.subarray(0, HEAD_BYTES),
    whole: () => data,
  }
}

/** Reads, decodes and parses one digest; writes nothing. Throws MarginError. */
export function readDigest(source: DigestSource): ReadDigest {
  const bytes = source.bytes()
  const digest = (source.parse ?? parseSource)(decodeDigestBytes(bytes))
  return { contentHash: createHash('sha256').update(bytes).digest('hex'), digest }
}

function readHead(path: string): Uint8Array {
  const fd = openSync(path, 'r')
  try {
    const head = Buffer.alloc(HEAD_BYTES)
    return head.subarray(0, readSync(fd, head, 0, HEAD_BYTES, 0))
  } finally {
    closeSync(fd)
  }
}

function readFileBytes(path: string, limit = MAX_DIGEST_FILE_BYTES): Buffer {
  try {
    const stats = statSync(path)
    if (!stats.isFile())
      throw new MarginError('FILE_UNREADABLE', 'this is a folder, not a digest file.')
    if (stats.size > limit) throw tooLarge(stats.size)
    return readFileSync(path)
  } catch (error) {
    if (error instanceof MarginError) throw error
    const code = (error as NodeJS.ErrnoException).code
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String(error)
    throw new MarginError('FILE_UNREADABLE', `cannot read the file (${reason}).`)
  }
}

function tooLarge(size: number): MarginError {
  return new MarginError(
    'FILE_TOO_LARGE',
    `the file is ${(size / 1024 / 1024).toFixed(0)} MB; a digest file is at most ${MAX_DIGEST_FILE_BYTES / 1024 / 1024} MB.`,
  )
}
