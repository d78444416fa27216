import { createHash } from 'node:crypto'
import { readFileSync, statSync } from 'node:fs'
import { MarginError } from '../../../shared/errors'
import { decodeDigestBytes } from '../digest/decode'
import { parseDigest, type ParsedDigest } from '../digest/parseDigest'

/** Larger than any page copy; refused before reading so memory stays bounded. */
export const MAX_DIGEST_FILE_BYTES = 64 * 1024 * 1024

export interface ReadDigest {
  contentHash: string
  digest: ParsedDigest
}

/** Reads, decodes and parses one digest file; writes nothing. Throws MarginError. */
export function readDigestFile(path: string): ReadDigest {
  const bytes = readBytes(path)
  const digest = parseDigest(decodeDigestBytes(bytes))
  return { contentHash: createHash('sha256').update(bytes).digest('hex'), digest }
}

function readBytes(path: string): Buffer {
  try {
    const stats = statSync(path)
    if (!stats.isFile())
      throw new MarginError('FILE_UNREADABLE', 'this is a folder, not a digest file.')
    if (stats.size > MAX_DIGEST_FILE_BYTES) {
      throw new MarginError(
        'FILE_TOO_LARGE',
        `the file is ${(stats.size / 1024 / 1024).toFixed(0)} MB; a digest file is at most ${MAX_DIGEST_FILE_BYTES / 1024 / 1024} MB.`,
      )
    }
    return readFileSync(path)
  } catch (error) {
    if (error instanceof MarginError) throw error
    const code = (error as NodeJS.ErrnoException).code
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String(error)
    throw new MarginError('FILE_UNREADABLE', `cannot read the file (${reason}).`)
  }
}
