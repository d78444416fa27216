import { closeSync, fstatSync, lstatSync, readdirSync, readSync } from 'node:fs'
import { join } from 'node:path'
import type { z } from 'zod'
import { isDirectory, isFile } from '../../files/fsQuiet'
import { SHA256 } from '../../files/pdfStore'
import { DEVICE_ID } from '../hlc'
import {
  acksFileSchema,
  deviceFileSchema,
  opBodySchema,
  snapshotEndSchema,
  snapshotHeaderSchema,
  SYNC_FORMAT_VERSION,
  SYNC_LIMITS,
  type AcksFile,
  type DeviceFile,
  type OpBody,
  type OpLine,
  type SnapshotHeader,
} from '../ops'
import {
  ACKS_FILE,
  classifyName,
  DEVICE_FILE,
  DEVICES_DIR,
  FILES_DIR,
  IGNORED_KINDS,
  OPS_DIR,
  parseSegmentName,
  parseSnapshotName,
  pdfName,
  SYNC_DIR,
  VERSION_DIR,
  type IgnoredKind,
  type NameKind,
} from './layout'
import { decodeLine } from './lineCodec'
import { countLines, lastLine, openNoFollow, readLines } from './lineReader'

/**
 * Reads other devices' files in the sync folder (docs/sync-format.md). Everything there is
 * untrusted: each line is verified (checksum, schema, its device and number), a bad line costs
 * that line only, names that are not exactly Margin's are left unread and counted, links are
 * never followed, and a device folder that vanishes is simply absent this time. Nothing here
 * throws for what the folder holds; a caller's mistake (a device id that is not one) does.
 */
export interface FolderReader {
  /** Every other device's folder: its device.json and acks.json (null when absent or bad). */
  listDevices(): DeviceListing[]
  /**
   * Up to `maxOps` of `deviceId`'s operations after `afterSeq`, in order (skipped lines count
   * toward `maxOps`).
   */
  readOps(deviceId: string, afterSeq: number, maxOps: number): OpsRead
  /** The device's newest complete snapshot, or null when none has fully arrived. */
  readSnapshot(deviceId: string): SnapshotRead | null
  /** `devices/<any>/files/<sha256>.pdf` when one is a regular file (the caller checks the hash). */
  findFile(sha256: string): string | null
  /** Names left unread by kind, since the last `listDevices()` (each path counted once). */
  ignored(): Record<IgnoredKind, number>
  /** What the reader could not use besides lines and device files (sentences), since the last listing. */
  problems(): string[]
  /** Format versions newer than this Margin's found beside `margin/v1` (`margin/v2`, …). */
  newerVersions(): number[]
}

export interface DeviceListing {
  id: string
  device: DeviceFile | null
  acks: AcksFile | null
  /** Why device.json or acks.json could not be used (sentences). */
  problems: string[]
}

export interface OpsRead {
  ops: OpLine[]
  /** The last seq read (applied or skipped): the next read starts after it. */
  consumedThrough: number
  /** Complete lines that failed, by the seq their place gives them (consumed). */
  skipped: Array<{ seq: number; reason: string }>
  /** Operations after `consumedThrough` exist but have not (fully) arrived: read again later. */
  waiting: boolean
  /** Why the read stopped short of the device's last operation (a sentence), or null. */
  stoppedBecause: string | null
  /** `maxOps` ended the read: more can be read now. */
  more: boolean
}

export type SnapshotEntry =
  | { ok: true; op: OpBody }
  /** `incomplete`: the snapshot was not whole after all; what was read of it should not count. */
  | { ok: false; reason: string; incomplete?: true }

export interface SnapshotRead {
  name: string
  path: string
  /** The device's own seq the snapshot covers (its name's number). */
  seq: number
  header: SnapshotHeader
  /** How many entries its end line says it holds. */
  count: number
  /** Streams the entries, each validated; one line at a time in memory. */
  entries(): Generator<SnapshotEntry, void, undefined>
}

/** device.json and acks.json are one short line; anything bigger is not read. */
const SMALL_FILE_BYTES = 1024 * 1024

export function createFolderReader(
  folder: string,
  { thisDevice }: { thisDevice: string },
): FolderReader {
  const margin = join(folder, SYNC_DIR)
  const root = join(margin, VERSION_DIR)
  const devices = join(root, DEVICES_DIR)
  let tally = new Map<string, IgnoredKind>()
  let readerProblems: string[] = []
  let newer: number[] = []

  const note = (path: string, kind: IgnoredKind) => tally.set(path, kind)
  const problem = (sentence: string) => {
    if (!readerProblems.includes(sentence)) readerProblems.push(sentence)
  }

  /** The names in `dir` (a real folder, not a link), or null when it is not there. */
  const names = (dir: string): string[] | null => {
    try {
      if (!lstatSync(dir).isDirectory()) return null
      return readdirSync(dir)
    } catch (error) {
      if (!gone(error)) problem(`Margin cannot read ${dir}: ${describe(error)}.`)
      return null
    }
  }

  /** Lists `dir`, counting every name `keep` does not take; links are counted, never kept. */
  const scan = (dir: string, keep: (name: string, kind: NameKind) => boolean): string[] => {
    const kept: string[] = []
    for (const name of names(dir) ?? []) {
      const path = join(dir, name)
      const kind = classifyName(name)
      let link = false
      try {
        link = lstatSync(path).isSymbolicLink()
      } catch {
        continue // removed meanwhile
      }
      if (!link && keep(name, kind)) kept.push(name)
      else note(path, link || !isIgnoredKind(kind) ? 'unknown' : kind)
    }
    return kept
  }

  /** The device folders (real folders named by a device id), this device's included. */
  const deviceIds = (): string[] =>
    scan(devices, (name) => DEVICE_ID.test(name) && isDirectory(join(devices, name))).sort()

  const rootsAreFolders = (): boolean => {
    for (const dir of [margin, root, devices]) {
      try {
        if (lstatSync(dir).isSymbolicLink()) {
          problem(`${dir} is a link; Margin does not follow links in the sync folder.`)
          return false
        }
      } catch {
        return false
      }
    }
    return true
  }

  const deviceDirOf = (deviceId: string): string => {
    if (!DEVICE_ID.test(deviceId)) {
      throw new Error(`"${deviceId.slice(0, 40)}" is not a device id (16 letters a-z and digits).`)
    }
    return join(devices, deviceId)
  }

  const segmentsOf = (deviceId: string): Segment[] =>
    scan(join(deviceDirOf(deviceId), OPS_DIR), (_, kind) => kind === 'segment')
      .flatMap((name) => {
        const range = parseSegmentName(name)
        return range && isFile(join(deviceDirOf(deviceId), OPS_DIR, name))
          ? [{ name, ...range }]
          : []
      })
      .sort((a, b) => a.first - b.first || b.last - a.last)

  const readDeviceFile = <T>(
    deviceId: string,
    fileName: string,
    schema: z.ZodType<T>,
    problems: string[],
  ): T | null => {
    const path = join(deviceDirOf(deviceId), fileName)
    const text = readSmallFile(path)
    if (text === null) return null
    if ('problem' in text) {
      problems.push(`${fileName} of ${deviceId} ${text.problem}.`)
      return null
    }
    const lines = text.text.split('\n')
    if (lines.at(-1) === '') lines.pop()
    if (lines.length !== 1) {
      problems.push(`${fileName} of ${deviceId} holds ${lines.length} lines, not one.`)
      return null
    }
    const decoded = decodeLine(lines[0]!.replace(/\r$/, ''))
    if (!decoded.ok) {
      problems.push(`${fileName} of ${deviceId} is not used: ${decoded.reason}.`)
      return null
    }
    const version = newerVersionOf(decoded.value)
    if (version !== null) {
      problems.push(
        `${fileName} of ${deviceId} is in sync format version ${version}; this Margin reads version ${SYNC_FORMAT_VERSION}: update Margin to read it.`,
      )
      return null
    }
    const parsed = schema.safeParse(decoded.value)
    if (!parsed.success) {
      problems.push(`${fileName} of ${deviceId} is not used: ${issueOf(parsed.error)}.`)
      return null
    }
    const id = (parsed.data as { id: string }).id
    if (id !== deviceId) {
      problems.push(`${fileName} in ${deviceId}'s folder says it is ${id}'s: not used.`)
      return null
    }
    return parsed.data
  }

  return {
    listDevices() {
      tally = new Map()
      readerProblems = []
      newer = []
      scan(margin, (name) => {
        const version = /^v(\d{1,6})$/.exec(name)
        if (!version) return false
        if (Number(version[1]) > SYNC_FORMAT_VERSION) newer.push(Number(version[1]))
        return true
      })
      newer.sort((a, b) => a - b)
      if (!rootsAreFolders()) return []
      scan(root, (name) => name === DEVICES_DIR)
      const listed: DeviceListing[] = []
      for (const id of deviceIds()) {
        const dir = join(devices, id)
        const present = scan(dir, (name, kind) =>
          name === OPS_DIR || name === FILES_DIR
            ? isDirectory(join(dir, name))
            : kind === 'device' || kind === 'acks' || kind === 'snapshot',
        )
        if (present.includes(OPS_DIR)) scan(join(dir, OPS_DIR), (_, kind) => kind === 'segment')
        if (present.includes(FILES_DIR)) scan(join(dir, FILES_DIR), (_, kind) => kind === 'file')
        if (id === thisDevice) continue
        const problems: string[] = []
        const device = readDeviceFile(id, DEVICE_FILE, deviceFileSchema, problems)
        const acks = readDeviceFile(id, ACKS_FILE, acksFileSchema, problems)
        listed.push({ id, device, acks, problems })
      }
      return listed
    },

    readOps(deviceId, afterSeq, maxOps) {
      const dir = deviceDirOf(deviceId)
      const result: OpsRead = {
        ops: [],
        consumedThrough: afterSeq,
        skipped: [],
        waiting: false,
        stoppedBecause: null,
        more: false,
      }
      if (!rootsAreFolders() || !isDirectory(dir)) return result
      const segments = segmentsOf(deviceId)
      const stop = (waiting: boolean, because: string): OpsRead =>
        Object.assign(result, { waiting, stoppedBecause: because })

      for (;;) {
        const next = result.consumedThrough + 1
        const budget = maxOps - result.ops.length - result.skipped.length
        const holding = segments.filter((segment) => segment.first <= next && next <= segment.last)
        const segment = holding.sort((a, b) => b.last - a.last)[0]
        if (!segment) {
          const later = segments.find((candidate) => candidate.first > next)
          if (later) {
            return stop(
              true,
              `${deviceId}'s operations ${next}–${later.first - 1} have not arrived (their segment is missing; ${later.name} is there).`,
            )
          }
          const announced = readDeviceFile(deviceId, DEVICE_FILE, deviceFileSchema, [])?.lastSeq
          if (announced !== undefined && announced >= next) {
            return stop(
              true,
              `${deviceId}'s operations ${next}–${announced} have not arrived yet (its device.json names them).`,
            )
          }
          return result
        }
        if (budget <= 0) {
          result.more = true
          return result
        }
        const outcome = readSegment(deviceId, join(dir, OPS_DIR), segment, next, budget, result)
        if (outcome === 'budget') {
          result.more = true
          return result
        }
        if (outcome !== 'done') return stop(outcome.waiting, outcome.because)
      }
    },

    readSnapshot(deviceId) {
      const dir = deviceDirOf(deviceId)
      if (!rootsAreFolders() || !isDirectory(dir)) return null
      const candidates = (names(dir) ?? [])
        .flatMap((name) => {
          const seq = parseSnapshotName(name)
          return seq !== null && isFile(join(dir, name)) ? [{ name, seq }] : []
        })
        .sort((a, b) => b.seq - a.seq)
      for (const { name, seq } of candidates) {
        const path = join(dir, name)
        const opened = openSnapshot(deviceId, path, name, seq)
        if (opened === null) continue // still arriving
        if ('problem' in opened) {
          problem(opened.problem)
          continue
        }
        return opened
      }
      return null
    },

    findFile(sha256) {
      if (!SHA256.test(sha256) || !rootsAreFolders()) return null
      const name = pdfName(sha256)
      const ids = (names(devices) ?? []).filter((id) => DEVICE_ID.test(id)).sort()
      // Other devices first: this device's own copy is the last resort.
      const ordered = [
        ...ids.filter((id) => id !== thisDevice),
        ...ids.filter((id) => id === thisDevice),
      ]
      for (const id of ordered) {
        const files = join(devices, id, FILES_DIR)
        if (isDirectory(join(devices, id)) && isDirectory(files) && isFile(join(files, name))) {
          return join(files, name)
        }
      }
      return null
    },

    ignored() {
      const counts = Object.fromEntries(IGNORED_KINDS.map((kind) => [kind, 0])) as Record<
        IgnoredKind,
        number
      >
      for (const kind of tally.values()) counts[kind] += 1
      return counts
    },

    problems: () => [...readerProblems],

    newerVersions: () => [...newer],
  }
}

interface Segment {
  name: string
  first: number
  last: number
}

type SegmentOutcome = 'done' | 'budget' | { waiting: boolean; because: string }

/**
 * Reads `segment` from operation `from` into `result`. A segment whose name promises more lines
 * than it holds is still arriving: its good lines are taken, but a bad one is waited on (it may
 * be a piece still being written), not skipped. In a whole segment a bad line is skipped.
 */
function readSegment(
  deviceId: string,
  opsPath: string,
  segment: Segment,
  from: number,
  budget: number,
  result: OpsRead,
): SegmentOutcome {
  const path = join(opsPath, segment.name)
  const expected = segment.last - segment.first + 1
  let taken = 0
  try {
    const whole = countLines(path).lines >= expected
    const arriving = (seq: number): SegmentOutcome => ({
      waiting: true,
      because: `${deviceId}'s segment ${segment.name} is still arriving (operation ${seq} is not whole yet).`,
    })
    const skip = (seq: number, reason: string): void => {
      result.skipped.push({ seq, reason })
      result.consumedThrough = seq
      taken += 1
    }
    for (const event of readLines(path)) {
      const seq = segment.first + event.index
      if (seq > segment.last) break
      if (seq < from) continue
      if (taken >= budget) return 'budget'
      if (event.kind === 'torn') return arriving(seq)
      if (event.kind === 'oversize') {
        if (!whole) return arriving(seq)
        skip(
          seq,
          `its line is ${event.bytes} bytes, longer than the ${SYNC_LIMITS.lineBytes} a line may be; skipped unread`,
        )
        continue
      }
      const checked = checkOpLine(event.text, deviceId, seq, segment.name)
      if ('newer' in checked) {
        return {
          waiting: true,
          because: `${deviceId}'s operation ${seq} is in sync format version ${checked.newer}; this Margin reads version ${SYNC_FORMAT_VERSION}: update Margin to read the rest of ${deviceId}'s changes.`,
        }
      }
      if ('reason' in checked) {
        if (!whole) return arriving(seq)
        skip(seq, checked.reason)
        continue
      }
      result.ops.push(checked.op)
      result.consumedThrough = seq
      taken += 1
    }
  } catch (error) {
    if (gone(error)) {
      return {
        waiting: false,
        because: `${deviceId}'s segment ${segment.name} vanished while it was read (the device's folder was removed or replaced).`,
      }
    }
    return {
      waiting: true,
      because: `Margin cannot read ${path}: ${describe(error)}.`,
    }
  }
  if (result.consumedThrough < segment.last) {
    return {
      waiting: true,
      because: `${deviceId}'s segment ${segment.name} holds operations only through ${result.consumedThrough} so far (still arriving).`,
    }
  }
  return 'done'
}

/** One segment line checked: its checksum, format version, device, place and schema. */
function checkOpLine(
  text: string,
  deviceId: string,
  seq: number,
  segment: string,
): { op: OpLine } | { reason: string } | { newer: number } {
  const decoded = decodeLine(text)
  if (!decoded.ok) return { reason: decoded.reason }
  const value = decoded.value as { v?: unknown; dev?: unknown; seq?: unknown }
  const version = newerVersionOf(value)
  if (version !== null) return { newer: version }
  if (value.dev !== deviceId) {
    return {
      reason: `it names device ${JSON.stringify(value.dev)?.slice(0, 40)} but lies in ${deviceId}'s folder (forged or misplaced)`,
    }
  }
  if (value.seq !== seq) {
    return {
      reason: `it says it is operation ${JSON.stringify(value.seq)?.slice(0, 20)} but stands at ${seq} in ${segment}`,
    }
  }
  if (value.v !== SYNC_FORMAT_VERSION) {
    return { reason: `its format version "v" is ${JSON.stringify(value.v) ?? 'missing'}, not 1` }
  }
  // The body is checked on its own: opLineSchema's intersection lets unknown keys through.
  const body: Record<string, unknown> = { ...value }
  delete body.v
  delete body.dev
  delete body.seq
  const parsed = opBodySchema.safeParse(body)
  if (!parsed.success) return { reason: `it is not a valid operation: ${issueOf(parsed.error)}` }
  return { op: { v: SYNC_FORMAT_VERSION, dev: deviceId, seq, ...parsed.data } }
}

/** The snapshot at `path` ready to stream; null while it is still arriving; or why not usable. */
function openSnapshot(
  deviceId: string,
  path: string,
  name: string,
  seq: number,
): SnapshotRead | { problem: string } | null {
  let endText: string | null
  try {
    endText = lastLine(path)
  } catch {
    return null
  }
  if (endText === null) return null
  const endDecoded = decodeLine(endText)
  const end = endDecoded.ok ? snapshotEndSchema.safeParse(endDecoded.value) : null
  if (!end?.success) return null
  const count = end.data.count
  let headerText: string | null = null
  try {
    for (const event of readLines(path)) {
      if (event.kind === 'line') headerText = event.text
      break
    }
  } catch {
    return null
  }
  const unusable = (why: string) => ({
    problem: `${deviceId}'s snapshot ${name} ${why}; not used.`,
  })
  if (headerText === null) return unusable('has no readable first line')
  const decoded = decodeLine(headerText)
  if (!decoded.ok) return unusable(`has a bad first line: ${decoded.reason}`)
  const version = newerVersionOf(decoded.value)
  if (version !== null) {
    return {
      problem: `${deviceId}'s snapshot ${name} is in sync format version ${version}; this Margin reads version ${SYNC_FORMAT_VERSION}: update Margin to read it.`,
    }
  }
  const parsed = snapshotHeaderSchema.safeParse(decoded.value)
  if (!parsed.success) return unusable(`has a bad header: ${issueOf(parsed.error)}`)
  const header = parsed.data
  if (header.dev !== deviceId) return unusable(`says it is ${header.dev}'s`)
  const covers = header.covers[deviceId] ?? 0
  if (covers !== seq)
    return unusable(`covers ${deviceId}'s operations through ${covers}, not ${seq} as named`)
  return {
    name,
    path,
    seq,
    header,
    count,
    *entries() {
      let seen = 0
      try {
        for (const event of readLines(path)) {
          if (event.index === 0) continue
          if (event.kind === 'torn') break
          seen += 1
          if (event.kind === 'oversize') {
            yield {
              ok: false,
              reason: `entry ${seen}'s line is ${event.bytes} bytes, longer than the ${SYNC_LIMITS.lineBytes} a line may be; skipped unread`,
            }
            continue
          }
          const line = decodeLine(event.text)
          if (!line.ok) {
            yield { ok: false, reason: `entry ${seen}: ${line.reason}` }
            continue
          }
          if ((line.value as { end?: unknown }).end === true) {
            seen -= 1
            if (seen !== count) {
              yield {
                ok: false,
                reason: `the snapshot holds ${seen} entries where its end line says ${count}`,
                incomplete: true,
              }
            }
            return
          }
          const op = opBodySchema.safeParse(line.value)
          yield op.success
            ? { ok: true, op: op.data }
            : { ok: false, reason: `entry ${seen} is not a valid operation: ${issueOf(op.error)}` }
        }
      } catch (error) {
        yield {
          ok: false,
          reason: `the snapshot could not be read to its end: ${describe(error)}`,
          incomplete: true,
        }
        return
      }
      yield { ok: false, reason: 'the snapshot ended before its end line', incomplete: true }
    },
  }
}

/** A file of at most SMALL_FILE_BYTES read whole; null when absent. */
function readSmallFile(path: string): { text: string } | { problem: string } | null {
  let fd: number
  try {
    fd = openNoFollow(path)
  } catch (error) {
    if (gone(error)) return null
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') {
      return { problem: 'is a link; Margin does not follow links in the sync folder' }
    }
    return { problem: `cannot be read (${describe(error)})` }
  }
  try {
    const info = fstatSync(fd)
    if (!info.isFile()) return { problem: 'is not a file' }
    if (info.size > SMALL_FILE_BYTES) {
      return {
        problem: `is ${info.size} bytes, more than the ${SMALL_FILE_BYTES} it may be; not read`,
      }
    }
    const buffer = Buffer.alloc(info.size)
    let got = 0
    while (got < info.size) {
      const read = readSync(fd, buffer, got, info.size - got, got)
      if (read === 0) break
      got += read
    }
    return { text: buffer.subarray(0, got).toString('utf8') }
  } catch (error) {
    return { problem: `cannot be read (${describe(error)})` }
  } finally {
    closeSync(fd)
  }
}

/** The format version a line claims when it is newer than this Margin's, else null. */
function newerVersionOf(value: unknown): number | null {
  const version = (value as { v?: unknown }).v
  return typeof version === 'number' && Number.isInteger(version) && version > SYNC_FORMAT_VERSION
    ? version
    : null
}

function issueOf(error: z.ZodError): string {
  const issue = error.issues[0]
  if (!issue) return 'it does not match the format'
  const path = issue.path.map(String).join('.')
  return path ? `${path}: ${issue.message}` : issue.message
}

const isIgnoredKind = (kind: NameKind): kind is IgnoredKind =>
  (IGNORED_KINDS as readonly string[]).includes(kind)

function gone(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code
  return code === 'ENOENT' || code === 'ENOTDIR'
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied'
  if (code === 'EIO') return 'the disk reported an input/output error'
  if (code === 'ELOOP') return 'it is a link, which Margin does not follow'
  return (error as Error).message
}
