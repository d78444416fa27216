import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { SHA256 } from '../../files/pdfStore'
import { DEVICE_ID } from '../hlc'

/**
 * Where everything lives in a sync folder (docs/sync-format.md), and what a name found there is.
 * Readers take only names that match these patterns exactly; everything else (a sync engine's
 * conflict copies, placeholders and partial downloads, files a person put there) is left unread
 * and counted by kind.
 *
 * ```
 * <folder>/margin/v1/devices/<device id>/
 *   device.json, acks.json
 *   ops/<first seq, 12 digits>-<last seq, 12 digits>.jsonl
 *   snapshot-<own seq, 12 digits>.jsonl
 *   files/<sha256>.pdf
 * ```
 */
export const SYNC_DIR = 'margin'
export const VERSION_DIR = 'v1'
export const DEVICES_DIR = 'devices'
export const OPS_DIR = 'ops'
export const FILES_DIR = 'files'
export const DEVICE_FILE = 'device.json'
export const ACKS_FILE = 'acks.json'

/** The largest operation number a 12-digit name can hold. */
export const MAX_SEQ = 999_999_999_999

export const syncRoot = (folder: string): string => join(folder, SYNC_DIR, VERSION_DIR)
export const devicesDir = (folder: string): string => join(syncRoot(folder), DEVICES_DIR)
export const deviceDir = (folder: string, deviceId: string): string =>
  join(devicesDir(folder), checkedDevice(deviceId))
export const opsDir = (folder: string, deviceId: string): string =>
  join(deviceDir(folder, deviceId), OPS_DIR)
export const filesDir = (folder: string, deviceId: string): string =>
  join(deviceDir(folder, deviceId), FILES_DIR)

function checkedDevice(deviceId: string): string {
  if (!DEVICE_ID.test(deviceId)) {
    throw new Error(`"${deviceId.slice(0, 40)}" is not a device id (16 letters a-z and digits).`)
  }
  return deviceId
}

const twelve = (seq: number): string => {
  if (!Number.isSafeInteger(seq) || seq < 0 || seq > MAX_SEQ) {
    throw new Error(`${seq} is not an operation number a sync file name can hold.`)
  }
  return String(seq).padStart(12, '0')
}

/** A closed segment holding operations `first`…`last` (both included), in `ops/`. */
export function segmentName(first: number, last: number): string {
  if (first < 1 || last < first) {
    throw new Error(
      `A segment holds operations first…last with 1 ≤ first ≤ last, not ${first}…${last}.`,
    )
  }
  return `${twelve(first)}-${twelve(last)}.jsonl`
}

const SEGMENT = /^(\d{12})-(\d{12})\.jsonl$/

/** The operations a segment's name says it holds, or null when the name is not a segment's. */
export function parseSegmentName(name: string): { first: number; last: number } | null {
  const match = SEGMENT.exec(name)
  if (!match) return null
  const first = Number(match[1])
  const last = Number(match[2])
  return first >= 1 && first <= last ? { first, last } : null
}

/** A snapshot of the device's state covering its own operations through `seq`. */
export const snapshotName = (seq: number): string => `snapshot-${twelve(seq)}.jsonl`

const SNAPSHOT = /^snapshot-(\d{12})\.jsonl$/

export function parseSnapshotName(name: string): number | null {
  const match = SNAPSHOT.exec(name)
  return match ? Number(match[1]) : null
}

/** An attached PDF's bytes in `files/`, named by their SHA-256. */
export const pdfName = (sha256: string): string => {
  if (!SHA256.test(sha256)) throw new Error(`"${sha256.slice(0, 80)}" is not a SHA-256.`)
  return `${sha256}.pdf`
}

const PDF = /^([0-9a-f]{64})\.pdf$/

/** The SHA-256 a PDF's name gives, or null. */
export function parsePdfName(name: string): string | null {
  return PDF.exec(name)?.[1] ?? null
}

/** Where a file is written before it is renamed into place: `.<name>.tmp-<random>`. */
export const temporaryName = (name: string): string =>
  `.${name}.tmp-${randomBytes(6).toString('hex')}`

const TEMPORARY = /^\..+\.tmp-[0-9a-f]{12}$/

/**
 * What a name found in the sync folder is:
 * - `segment`, `snapshot`, `device` (device.json), `acks` (acks.json), `file` (`<sha256>.pdf`):
 *   Margin's own names, read as data (each only in its own place);
 * - `temporary`: a file Margin is still writing (`.<name>.tmp-<random>`);
 * - `conflict-copy`: a sync engine's copy of a file two machines changed (Dropbox, Nextcloud,
 *   Syncthing, Google Drive, OneDrive, iCloud; Margin's own files are never written by two
 *   machines, so these come from a copied library or a person);
 * - `placeholder`: a file the cloud has not downloaded yet (iCloud `.name.icloud`);
 * - `partial`: a download or upload in progress (Syncthing, Resilio, Nextcloud, browsers, …);
 * - `system`: what engines and operating systems put in folders (`.stfolder`, `.DS_Store`, …);
 * - `unknown`: anything else.
 *
 * A device's folder name is not classified here: it is a device id (`DEVICE_ID`).
 */
export type NameKind =
  | 'segment'
  | 'snapshot'
  | 'device'
  | 'acks'
  | 'file'
  | 'temporary'
  | 'conflict-copy'
  | 'placeholder'
  | 'partial'
  | 'system'
  | 'unknown'

/** The kinds of names readers leave unread (and count). */
export type IgnoredKind = Exclude<NameKind, 'segment' | 'snapshot' | 'device' | 'acks' | 'file'>
export const IGNORED_KINDS: readonly IgnoredKind[] = [
  'conflict-copy',
  'placeholder',
  'partial',
  'temporary',
  'system',
  'unknown',
]

const CONFLICT_MARKERS = [
  // Dropbox, Nextcloud, ownCloud: "name (conflicted copy 2024-05-01).ext",
  // "name (Anna's conflicted copy 2024-05-01).ext", "name (conflicted copy 2024-05-01 101010).ext"
  /\(.*conflicted copy.*\)/i,
  // Dropbox: names that differ only in case, and selective-sync leftovers
  /\(case conflict( \d+)?\)/i,
  /\(selective sync conflict( \d+)?\)/i,
  // Syncthing: "name.sync-conflict-20240501-101010-ABCDEFG.ext"
  /\.sync-conflict-\d{8}-\d{6}(-[A-Z0-9]{7})?/,
  // Resilio Sync, Box: "name.Conflict.ext", "name (Conflict).ext"
  /\.conflict(\.|$)|\(conflict\)/i,
  // Seafile: "name (SFConflict user 2024-05-01-10-10-10).ext"
  /\(SFConflict /,
]

/**
 * A copy an engine made of one of Margin's names with something added before the extension:
 * Google Drive and Windows `name (1).ext`, iCloud `name 2.ext`, OneDrive `name-COMPUTER.ext` and
 * `name-COMPUTER-2.ext`.
 */
const COPY_SUFFIX = String.raw`(?: \(\d+\)| \d+|-[A-Za-z0-9][A-Za-z0-9_-]*)`
const COPIES_OF_OWN_NAMES = [
  String.raw`\d{12}-\d{12}${COPY_SUFFIX}\.jsonl`,
  String.raw`snapshot-\d{12}${COPY_SUFFIX}\.jsonl`,
  String.raw`(?:device|acks)${COPY_SUFFIX}\.json`,
  String.raw`[0-9a-f]{64}${COPY_SUFFIX}\.pdf`,
].map((pattern) => new RegExp(`^${pattern}$`))

const PARTIALS = [
  /^\.syncthing\..+\.tmp$/, // Syncthing (Unix)
  /^~syncthing~.+\.tmp$/, // Syncthing (Windows)
  /\.!sync$/, // Resilio Sync
  /^\..+\.~[0-9a-f]+$/i, // Nextcloud, ownCloud: ".name.~1a2b3c"
  /^~\$/, // Office and OneDrive lock and owner files
  /^\.~lock\./, // LibreOffice locks
  /\.(partial|part|crdownload|download|tmp|temp)$/i, // Dropbox, OneDrive, Drive, browsers
  /^\.dropbox\.cache$/, // Dropbox's downloads in progress
  /\.tmp\.drivedownload$|\.tmp\.driveupload$/i, // Google Drive
]

const SYSTEM = [
  /^\.stfolder$/,
  /^\.stignore$/,
  /^\.stversions$/,
  /^\.dropbox$/,
  /^\.dropbox\.attr$/,
  /^\.DS_Store$/,
  /^\._/, // macOS resource forks on foreign file systems
  /^Icon\r$/,
  /^desktop\.ini$/i,
  /^thumbs\.db$/i,
  /^\.sync$/, // Resilio
  /^\.(nextcloud|owncloud)sync\.log$/,
  /^\._sync_[0-9a-f]+\.db(-wal|-shm)?$/, // Nextcloud, ownCloud client state
  /^\.sync_[0-9a-f]+\.db(-wal|-shm)?$/,
  /^\.trash-\d+$/i,
]

export function classifyName(name: string): NameKind {
  if (TEMPORARY.test(name)) return 'temporary'
  if (SEGMENT.test(name)) return parseSegmentName(name) ? 'segment' : 'unknown'
  if (SNAPSHOT.test(name)) return 'snapshot'
  if (name === DEVICE_FILE) return 'device'
  if (name === ACKS_FILE) return 'acks'
  if (PDF.test(name)) return 'file'
  // iCloud keeps a file it has not downloaded as ".name.icloud".
  if (/^\..+\.icloud$/.test(name)) return 'placeholder'
  if (PARTIALS.some((pattern) => pattern.test(name))) return 'partial'
  if ([...CONFLICT_MARKERS, ...COPIES_OF_OWN_NAMES].some((pattern) => pattern.test(name))) {
    return 'conflict-copy'
  }
  if (SYSTEM.some((pattern) => pattern.test(name))) return 'system'
  return 'unknown'
}
