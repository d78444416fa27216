import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs'
import { SYNC_LIMITS } from '../ops'

/**
 * Reads a sync file line by line without ever holding more than one line (at most
 * `maxLineBytes`) and one chunk: a line longer than the limit is counted and passed over unread,
 * so a 100 MB line in a hostile folder costs a scan, not 100 MB of memory. Synchronous (the
 * files are small and local); the caller decides how many lines to take per turn.
 */
export type LineEvent =
  /** A complete line (it ended in \n; a \r before it is dropped). */
  | { kind: 'line'; index: number; text: string }
  /** A complete line longer than the limit: skipped unread. */
  | { kind: 'oversize'; index: number; bytes: number }
  /** Bytes after the last \n: a line still arriving (or a file cut short). */
  | { kind: 'torn'; index: number; bytes: number }

export interface LineReaderOptions {
  /** Longest line read (bytes, without its \n); longer lines are reported as `oversize`. */
  maxLineBytes?: number
  /** Bytes read at a time. */
  chunkBytes?: number
}

const CHUNK = 64 * 1024
const NEWLINE = 0x0a
const RETURN = 0x0d

/** Opens for reading without following a link at the last step (where the platform can). */
export function openNoFollow(path: string): number {
  return openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0))
}

/**
 * The lines of the file at `path`, in order, `index` counting from 0 (oversize lines count).
 * Opening errors (ENOENT, ELOOP for a link, …) are thrown by the first `next()`.
 */
export function* readLines(
  path: string,
  { maxLineBytes = SYNC_LIMITS.lineBytes, chunkBytes = CHUNK }: LineReaderOptions = {},
): Generator<LineEvent, void, undefined> {
  const fd = openNoFollow(path)
  try {
    const chunk = Buffer.allocUnsafe(chunkBytes)
    let parts: Buffer[] = []
    let partBytes = 0
    /** Bytes of a line already known to be too long (its bytes are not kept). */
    let skipping = -1
    let index = 0
    for (;;) {
      const read = readSync(fd, chunk, 0, chunkBytes, null)
      if (read === 0) break
      const view = chunk.subarray(0, read)
      let from = 0
      while (from < read) {
        const newline = view.indexOf(NEWLINE, from)
        if (newline === -1) {
          const length = read - from
          if (skipping >= 0) skipping += length
          else if (partBytes + length > maxLineBytes) {
            skipping = partBytes + length
            parts = []
            partBytes = 0
          } else {
            parts.push(Buffer.from(view.subarray(from, read)))
            partBytes += length
          }
          break
        }
        const length = newline - from
        if (skipping >= 0) {
          yield { kind: 'oversize', index, bytes: skipping + length }
          skipping = -1
        } else if (partBytes + length > maxLineBytes) {
          yield { kind: 'oversize', index, bytes: partBytes + length }
          parts = []
          partBytes = 0
        } else {
          let bytes = view.subarray(from, newline)
          if (parts.length > 0) {
            bytes = Buffer.concat([...parts, bytes])
            parts = []
            partBytes = 0
          }
          if (bytes.length > 0 && bytes[bytes.length - 1] === RETURN) {
            bytes = bytes.subarray(0, -1)
          }
          yield { kind: 'line', index, text: bytes.toString('utf8') }
        }
        index += 1
        from = newline + 1
      }
    }
    if (skipping >= 0) yield { kind: 'torn', index, bytes: skipping }
    else if (partBytes > 0) yield { kind: 'torn', index, bytes: partBytes }
  } finally {
    closeSync(fd)
  }
}

/** How many complete lines the file holds, and how many bytes follow the last one. */
export function countLines(path: string, chunkBytes = CHUNK): { lines: number; tornBytes: number } {
  const fd = openNoFollow(path)
  try {
    const chunk = Buffer.allocUnsafe(chunkBytes)
    let lines = 0
    let sinceNewline = 0
    for (;;) {
      const read = readSync(fd, chunk, 0, chunkBytes, null)
      if (read === 0) break
      const view = chunk.subarray(0, read)
      let from = 0
      for (;;) {
        const newline = view.indexOf(NEWLINE, from)
        if (newline === -1) {
          sinceNewline += read - from
          break
        }
        lines += 1
        sinceNewline = 0
        from = newline + 1
      }
    }
    return { lines, tornBytes: sinceNewline }
  } finally {
    closeSync(fd)
  }
}

/**
 * The file's last complete line when the file ends with \n and that line is at most `maxBytes`
 * long; else null (the file is still arriving, or its last line is not a short one).
 */
export function lastLine(path: string, maxBytes = 4096): string | null {
  const fd = openNoFollow(path)
  try {
    const size = fstatSync(fd).size
    if (size === 0) return null
    const length = Math.min(size, maxBytes + 2)
    const tail = Buffer.allocUnsafe(length)
    let got = 0
    while (got < length) {
      const read = readSync(fd, tail, got, length - got, size - length + got)
      if (read === 0) return null
      got += read
    }
    if (tail[length - 1] !== NEWLINE) return null
    if (length === 1) return ''
    const before = tail.lastIndexOf(NEWLINE, length - 2)
    if (before === -1 && length < size) return null
    let line = tail.subarray(before + 1, length - 1)
    if (line.length > 0 && line[line.length - 1] === RETURN) line = line.subarray(0, -1)
    return line.length > maxBytes ? null : line.toString('utf8')
  } finally {
    closeSync(fd)
  }
}
