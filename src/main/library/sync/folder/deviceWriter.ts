import { createHash } from 'node:crypto'
import {
  closeSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs'
import { open } from 'node:fs/promises'
import { join } from 'node:path'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { MarginError } from '../../../../shared/errors'
import { isDirectory, isFile, listDir, removeQuietly, syncDir } from '../../files/fsQuiet'
import { SHA256 } from '../../files/pdfStore'
import {
  acksFileSchema,
  deviceFileSchema,
  snapshotHeaderSchema,
  SYNC_LIMITS,
  type AcksFile,
  type DeviceFile,
  type SnapshotHeader,
} from '../ops'
import {
  ACKS_FILE,
  classifyName,
  DEVICE_FILE,
  deviceDir,
  FILES_DIR,
  OPS_DIR,
  parseSegmentName,
  parseSnapshotName,
  pdfName,
  segmentName,
  snapshotName,
  temporaryName,
} from './layout'
import { decodeLine, encodeLine } from './lineCodec'

/**
 * Writes one device's own files in the sync folder (docs/sync-format.md), and only those: the
 * sync engine never sees two machines write one file. Every file is written whole under a
 * temporary dot name in the same folder, flushed to disk, then renamed into place (and the folder
 * flushed), so other devices and a crash see either nothing or the whole file. Synchronous except
 * for copying PDFs; throws a MarginError (WRITE_FAILED, NOT_FOUND) naming the file and why.
 */
export interface DeviceWriter {
  /** `<folder>/margin/v1/devices/<id>`. */
  readonly dir: string
  /** Whether this device's folder is there (an emptied or replaced sync folder lacks it). */
  exists(): boolean
  /**
   * Writes already-encoded operation lines (seq `firstSeq`, `firstSeq + 1`, …) as closed segments
   * of at most SYNC_LIMITS.segmentOps lines and segmentBytes bytes. Lines whose seq is already on
   * disk (a pass that crashed after writing) are left out; a first seq past the next one on disk
   * is refused (readers would wait for the gap forever). Returns the segment names written.
   */
  writeSegments(lines: readonly string[], firstSeq: number): string[]
  /** The last own seq in the folder: the largest of own segments' last seqs and snapshots' seqs. */
  lastSeqOnDisk(): number
  writeDeviceFile(file: DeviceFile): void
  writeAcks(acks: AcksFile): void
  /**
   * Streams a snapshot: the header line, one line per entry, the end line `{end, count}`; named by
   * the own seq it covers (`header.covers[id]`). Older own snapshots are removed once it is in
   * place.
   */
  writeSnapshot(header: SnapshotHeader, entries: Iterable<object>): { name: string; count: number }
  /**
   * writeSnapshot letting the event loop turn every `sliceMs` (a 100,000-paper library takes
   * seconds to dump); the entries must tolerate it (dumpState keeps no statement open).
   */
  writeSnapshotInTurns(
    header: SnapshotHeader,
    entries: Iterable<object>,
    sliceMs?: number,
  ): Promise<{ name: string; count: number }>
  /** Removes own segments wholly at or below `seq` (never one that holds a later operation). */
  removeSegmentsThrough(seq: number): string[]
  /**
   * Copies an attached PDF into `files/<sha256>.pdf`, checking its bytes against the hash on the
   * way; 'present' when the folder has it already.
   */
  copyFile(sha256: string, sourcePath: string): Promise<'copied' | 'present'>
  /** Removes own temporary files older than `olderThanMs` (left by a crash); how many. */
  clearTemporary(nowMs: number, olderThanMs?: number): number
}

/** Snapshot lines are written in batches of about this many bytes. */
const WRITE_BATCH = 1024 * 1024
const COPY_CHUNK = 1024 * 1024

export function createDeviceWriter(folder: string, deviceId: string): DeviceWriter {
  const dir = deviceDir(folder, deviceId)
  const ops = join(dir, OPS_DIR)
  const files = join(dir, FILES_DIR)

  /** Makes `path` (a folder under the device's), refusing when the sync folder itself is gone. */
  const ensure = (path: string): void => {
    let isFolder = false
    try {
      isFolder = statSync(folder).isDirectory()
    } catch {
      // missing, unmounted, or unreadable: said below
    }
    if (!isFolder) {
      throw new MarginError(
        'NOT_FOUND',
        `The sync folder ${folder} is not there (a disk unplugged, a drive not mounted, or the folder moved); nothing was written.`,
      )
    }
    try {
      mkdirSync(path, { recursive: true })
    } catch (error) {
      throw writeFailure(path, error)
    }
  }

  const lastSegmentSeq = (): number => {
    let last = 0
    for (const name of listDir(ops)) {
      const range = parseSegmentName(name)
      if (range && range.last > last) last = range.last
    }
    return last
  }

  const ownSnapshots = (): Array<{ name: string; seq: number }> =>
    listDir(dir).flatMap((name) => {
      const seq = parseSnapshotName(name)
      return seq === null ? [] : [{ name, seq }]
    })

  const lastSeqOnDisk = (): number =>
    Math.max(lastSegmentSeq(), ...ownSnapshots().map((snapshot) => snapshot.seq))

  /** Checks that `line` is this device's operation number `seq`, encoded as readers expect. */
  const checkLine = (line: string, seq: number): void => {
    if (/[\r\n]/.test(line)) throw new Error(`Operation ${seq}'s line holds a line break.`)
    if (Buffer.byteLength(line) > SYNC_LIMITS.lineBytes) {
      throw new Error(
        `Operation ${seq}'s line is longer than readers take (${SYNC_LIMITS.lineBytes} bytes).`,
      )
    }
    const decoded = decodeLine(line)
    if (!decoded.ok)
      throw new Error(`Operation ${seq}'s line is not well formed: ${decoded.reason}.`)
    const value = decoded.value as { dev?: unknown; seq?: unknown }
    if (value.dev !== deviceId || value.seq !== seq) {
      throw new Error(
        `The line given as operation ${seq} of ${deviceId} says it is operation ${String(value.seq)} of ${String(value.dev)}.`,
      )
    }
  }

  /**
   * A snapshot being written: its header line first, entries as they come (in batches), then
   * the end line, the file flushed and renamed into place, older own snapshots removed.
   */
  const openSnapshot = (header: SnapshotHeader) => {
    const parsed = snapshotHeaderSchema.safeParse(header)
    if (!parsed.success || header.dev !== deviceId) {
      throw new Error(
        `The snapshot header for ${deviceId} is not valid: ${problemOf(parsed, header.dev)}.`,
      )
    }
    const seq = parsed.data.covers[deviceId] ?? 0
    const name = snapshotName(seq)
    ensure(dir)
    const temp = join(dir, temporaryName(name))
    let fd: number | null = null
    try {
      fd = openSync(temp, 'wx')
    } catch (error) {
      throw writeFailure(temp, error)
    }
    let batch: string[] = [encodeLine(parsed.data)]
    let batchBytes = 0
    let count = 0
    const flush = () => {
      writeAll(fd!, Buffer.from(batch.join('\n') + '\n'))
      batch = []
      batchBytes = 0
    }
    return {
      add(entry: object): void {
        const line = encodeLine(entry)
        // UTF-8 takes at most 3 bytes per UTF-16 unit: only long lines need counting.
        if (
          line.length > SYNC_LIMITS.lineBytes / 3 &&
          Buffer.byteLength(line) > SYNC_LIMITS.lineBytes
        ) {
          throw new Error(
            `Entry ${count + 1} of the snapshot is longer than readers take (${SYNC_LIMITS.lineBytes} bytes)`,
          )
        }
        batch.push(line)
        batchBytes += line.length
        count += 1
        if (batchBytes >= WRITE_BATCH) flush()
      },
      finish(): { name: string; count: number } {
        batch.push(encodeLine({ end: true, count }))
        flush()
        fsyncSync(fd!)
        closeSync(fd!)
        fd = null
        renameSync(temp, join(dir, name))
        syncDir(dir)
        for (const older of ownSnapshots()) {
          if (older.seq < seq) removeQuietly(join(dir, older.name))
        }
        syncDir(dir)
        return { name, count }
      },
      /** Closes and removes the unfinished file; the error to throw. */
      abort(error: unknown): MarginError {
        if (fd !== null) {
          try {
            closeSync(fd)
          } catch {
            // closing a file that failed to write may fail too
          }
        }
        removeQuietly(temp)
        return writeFailure(join(dir, name), error)
      },
    }
  }

  return {
    dir,

    exists: () => isDirectory(dir),

    writeSegments(lines, firstSeq) {
      if (!Number.isSafeInteger(firstSeq) || firstSeq < 1) {
        throw new Error(`Operations are numbered from 1; ${firstSeq} cannot be the first.`)
      }
      if (lines.length === 0) return []
      const onDisk = lastSeqOnDisk()
      if (firstSeq > onDisk + 1) {
        throw new Error(
          `Operation ${firstSeq} cannot be written: the folder holds ${deviceId}'s operations only through ${onDisk}, and readers would wait for ${onDisk + 1}–${firstSeq - 1} forever.`,
        )
      }
      const fresh = lines.slice(Math.max(0, onDisk + 1 - firstSeq))
      const start = Math.max(firstSeq, onDisk + 1)
      fresh.forEach((line, index) => checkLine(line, start + index))
      if (fresh.length === 0) return []
      ensure(ops)
      const written: string[] = []
      let from = 0
      while (from < fresh.length) {
        let to = from
        let bytes = 0
        while (to < fresh.length && to - from < SYNC_LIMITS.segmentOps) {
          const size = Buffer.byteLength(fresh[to]!) + 1
          if (to > from && bytes + size > SYNC_LIMITS.segmentBytes) break
          bytes += size
          to += 1
        }
        const name = segmentName(start + from, start + to - 1)
        const data = Buffer.from(fresh.slice(from, to).join('\n') + '\n')
        writeAtomic(ops, name, (fd) => writeAll(fd, data))
        written.push(name)
        from = to
      }
      return written
    },

    lastSeqOnDisk,

    writeDeviceFile(file) {
      const parsed = deviceFileSchema.safeParse(file)
      if (!parsed.success || file.id !== deviceId) {
        throw new Error(`device.json for ${deviceId} is not valid: ${problemOf(parsed, file.id)}.`)
      }
      ensure(dir)
      const data = Buffer.from(encodeLine(parsed.data) + '\n')
      writeAtomic(dir, DEVICE_FILE, (fd) => writeAll(fd, data))
    },

    writeAcks(acks) {
      const parsed = acksFileSchema.safeParse(acks)
      if (!parsed.success || acks.id !== deviceId) {
        throw new Error(`acks.json for ${deviceId} is not valid: ${problemOf(parsed, acks.id)}.`)
      }
      ensure(dir)
      const data = Buffer.from(encodeLine(parsed.data) + '\n')
      writeAtomic(dir, ACKS_FILE, (fd) => writeAll(fd, data))
    },

    writeSnapshot(header, entries) {
      const file = openSnapshot(header)
      try {
        for (const entry of entries) file.add(entry)
        return file.finish()
      } catch (error) {
        throw file.abort(error)
      }
    },

    async writeSnapshotInTurns(header, entries, sliceMs = 20) {
      const file = openSnapshot(header)
      try {
        let sliceStarted = performance.now()
        for (const entry of entries) {
          file.add(entry)
          if (performance.now() - sliceStarted >= sliceMs) {
            await nextTurn()
            sliceStarted = performance.now()
          }
        }
        return file.finish()
      } catch (error) {
        throw file.abort(error)
      }
    },

    removeSegmentsThrough(seq) {
      const removed: string[] = []
      for (const name of listDir(ops)) {
        const range = parseSegmentName(name)
        if (range && range.last <= seq) {
          try {
            unlinkSync(join(ops, name))
            removed.push(name)
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw writeFailure(ops, error)
          }
        }
      }
      if (removed.length > 0) syncDir(ops)
      return removed.sort()
    },

    async copyFile(sha256, sourcePath) {
      if (!SHA256.test(sha256)) throw new Error(`"${sha256.slice(0, 80)}" is not a SHA-256.`)
      const name = pdfName(sha256)
      const target = join(files, name)
      if (isFile(target)) return 'present'
      ensure(files)
      const temp = join(files, temporaryName(name))
      try {
        const source = await open(sourcePath, 'r')
        try {
          const out = await open(temp, 'wx')
          try {
            const hash = createHash('sha256')
            const buffer = Buffer.allocUnsafe(COPY_CHUNK)
            for (;;) {
              const { bytesRead } = await source.read(buffer, 0, COPY_CHUNK, null)
              if (bytesRead === 0) break
              hash.update(buffer.subarray(0, bytesRead))
              await out.write(buffer, 0, bytesRead)
            }
            const actual = hash.digest('hex')
            if (actual !== sha256) {
              throw new Error(`${sourcePath} has SHA-256 ${actual}, not ${sha256}`)
            }
            await out.sync()
          } finally {
            await out.close()
          }
        } finally {
          await source.close()
        }
        renameSync(temp, target)
      } catch (error) {
        removeQuietly(temp)
        throw writeFailure(target, error)
      }
      syncDir(files)
      return 'copied'
    },

    clearTemporary(nowMs, olderThanMs = 60 * 60 * 1000) {
      let removed = 0
      for (const where of [dir, ops, files]) {
        for (const name of listDir(where)) {
          if (classifyName(name) !== 'temporary') continue
          const path = join(where, name)
          try {
            if (nowMs - lstatSync(path).mtimeMs >= olderThanMs) {
              unlinkSync(path)
              removed += 1
            }
          } catch {
            // gone already
          }
        }
      }
      return removed
    },
  }
}

/** Writes a file whole under a temporary name in `dir`, flushes it, renames it to `name`. */
function writeAtomic(dir: string, name: string, write: (fd: number) => void): void {
  const temp = join(dir, temporaryName(name))
  const target = join(dir, name)
  try {
    const fd = openSync(temp, 'wx')
    try {
      write(fd)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    renameSync(temp, target)
  } catch (error) {
    removeQuietly(temp)
    throw writeFailure(target, error)
  }
  syncDir(dir)
}

function writeAll(fd: number, data: Buffer): void {
  let at = 0
  while (at < data.length) at += writeSync(fd, data, at, data.length - at)
}

function problemOf(
  parsed: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } },
  id: unknown,
): string {
  const issue = parsed.error?.issues[0]
  if (issue) return `${issue.path.map(String).join('.') || 'it'}: ${issue.message}`
  return `its id is ${String(id)}, another device's`
}

const REASONS: Record<string, string> = {
  ENOENT: 'its folder is gone',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the disk is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EIO: 'the disk reported an input/output error',
}

function writeFailure(path: string, error: unknown): MarginError {
  if (error instanceof MarginError) return error
  const reason = REASONS[(error as NodeJS.ErrnoException).code ?? '']
  return new MarginError(
    'WRITE_FAILED',
    `Could not write ${path} in the sync folder: ${reason ?? (error as Error).message}.`,
    { cause: error },
  )
}
