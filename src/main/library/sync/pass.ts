import { readdirSync, readFileSync, statSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { isMarginError } from '../../../shared/errors'
import type { SyncPassReport } from '../../../shared/models'
import type { Db } from '../db/openLibrary'
import type { PdfLibrary } from '../files/pdfLibrary'
import { createPdfStore, sha256OfInTurns } from '../files/pdfStore'
import { applyOps, type AppliedOps } from './apply/applyOps'
import { dumpState } from './capture/dumpState'
import { emitPending } from './capture/emit'
import { createSyncState, type SyncDeviceRow, type SyncState } from './capture/syncState'
import type { SyncContext } from './contracts'
import { EMPTIED_FOLDER_NOTICE, unreachableReason } from './folderChecks'
import { createDeviceWriter, type DeviceWriter } from './folder/deviceWriter'
import { createFolderReader, type FolderReader, type SnapshotRead } from './folder/folderReader'
import {
  ACKS_FILE,
  DEVICE_FILE,
  deviceDir,
  parseSnapshotName,
  type IgnoredKind,
} from './folder/layout'
import { decodeLine, encodeLine } from './folder/lineCodec'
import { createHybridClock, hlcWall, maxHlc, type Hlc } from './hlc'
import {
  acksFileSchema,
  deviceFileSchema,
  SYNC_FORMAT_VERSION,
  type OpBody,
  type OpLine,
} from './ops'
import { createPaperKeys } from './paperKey'
import { preparedOnce } from '../db/preparedOnce'

/** What a pass did, with how many devices it applied changes of (for "applied 40 from 1 device"). */
export type SyncPassResult = SyncPassReport & { devicesApplied: number }

/** A slice of applying: at most this many operations in one transaction… */
export const SLICE_MAX_OPS = 2_000
/** …and about this long, so the window (same thread) never waits long for the database. */
export const SLICE_TARGET_MS = 20
/** Operations given to applyOps at most at once (a slice is several such batches). */
const BATCH_MAX_OPS = 500
/** Operations read from a log, or a snapshot, before they are applied. */
const READ_OPS = 200
/** A new own snapshot after this many own operations since the last one (then compaction). */
export const SNAPSHOT_EVERY_OPS = 5_000
/** A device's clock further ahead than this is said (the hybrid clock keeps order all the same). */
export const CLOCK_AHEAD_NOTICE_MS = 10 * 60_000
/** device.json is rewritten when something in it changed, else after this long (last synced). */
export const DEVICE_FILE_REFRESH_MS = 4 * 60_000
/** The status says that the folder was found emptied for this long after. */
export const EMPTIED_NOTICE_MS = 24 * 60 * 60_000
/** Operations about papers not here yet, kept to apply again; beyond this the oldest are dropped. */
export const DEFERRED_MAX = 50_000

export interface PassEnv {
  db: Db
  now: () => number
  libraryDir: string
  folder: string
  device: SyncDeviceRow & { folder: string }
  state: SyncState
  pdfs: Pick<PdfLibrary, 'attach'>
}

/** The context capture/ and apply/ work in, its clock continuing from the persisted one. */
export function contextFor(db: Db, deviceId: string, now: () => number, state: SyncState) {
  return {
    db,
    deviceId,
    clock: createHybridClock(deviceId, now, state.get('hlc')),
    now,
    paperKeys: createPaperKeys(db),
  } satisfies SyncContext
}

/** "12 minutes", "5 hours", "3 days": how far a clock runs ahead. */
export function durationText(ms: number): string {
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`
  const minutes = Math.round(ms / 60_000)
  if (minutes < 120) return plural(minutes, 'minute')
  const hours = Math.round(minutes / 60)
  if (hours < 48) return plural(hours, 'hour')
  return plural(Math.round(hours / 24), 'day')
}

const IGNORED_WORDS: Record<IgnoredKind, [string, string]> = {
  'conflict-copy': ['conflict copy', 'conflict copies'],
  placeholder: [
    'cloud placeholder (not downloaded yet)',
    'cloud placeholders (not downloaded yet)',
  ],
  partial: ['partial download', 'partial downloads'],
  temporary: ['file still being written', 'files still being written'],
  system: ['', ''],
  unknown: ['file Margin does not know', 'files Margin does not know'],
}

/** "2 conflict copies left unread" and the like, from what the reader left alone. */
function ignoredNotices(ignored: Record<IgnoredKind, number>): string[] {
  const parts: string[] = []
  for (const [kind, [one, many]] of Object.entries(IGNORED_WORDS) as Array<
    [IgnoredKind, [string, string]]
  >) {
    const count = ignored[kind]
    // The engines' own files (.stfolder, .DS_Store) and Margin's writes in progress are normal.
    if (kind === 'system' || kind === 'temporary' || count === 0) continue
    parts.push(`${count} ${count === 1 ? one : many}`)
  }
  return parts.length === 0
    ? []
    : [`The sync folder holds ${parts.join(', ')}: left unread (Margin's data is never in them).`]
}

/** Whether this device's folder holds a snapshot of it (the one others join by). */
function hasOwnSnapshot(folder: string, deviceId: string): boolean {
  try {
    return readdirSync(deviceDir(folder, deviceId)).some((name) => parseSnapshotName(name) !== null)
  } catch {
    return false
  }
}

/** Own device.json or acks.json as last written, or null (absent, unreadable). */
function readOwn<T>(path: string, parse: (value: unknown) => T | null): T | null {
  try {
    const decoded = decodeLine(readFileSync(path, 'utf8').trimEnd())
    return decoded.ok ? parse(decoded.value) : null
  } catch {
    return null
  }
}

function statements(db: Db) {
  return {
    state: createSyncState(db),
    outbox: db.prepare<[], { seq: number; line: string }>(
      'SELECT seq, line FROM sync_outbox ORDER BY seq',
    ),
    outboxFirst: db.prepare<[], number | null>('SELECT min(seq) FROM sync_outbox').pluck(),
    clearOutbox: db.prepare<[number], never>('DELETE FROM sync_outbox WHERE seq <= ?'),
    peers: db.prepare<
      [],
      {
        device: string
        name: string | null
        applied_seq: number
        max_hlc: string | null
      }
    >('SELECT device, name, applied_seq, max_hlc FROM sync_peers'),
    seePeer: db.prepare<
      {
        device: string
        name: string | null
        seen: number | null
        hlc: string | null
      },
      never
    >(`
      INSERT INTO sync_peers (device, name, last_seen_at, max_hlc)
      VALUES (@device, @name, @seen, @hlc)
      ON CONFLICT (device) DO UPDATE SET
        name = coalesce(excluded.name, name),
        last_seen_at = coalesce(excluded.last_seen_at, last_seen_at),
        max_hlc = CASE WHEN max_hlc IS NULL OR excluded.max_hlc > max_hlc
          THEN coalesce(excluded.max_hlc, max_hlc) ELSE max_hlc END`),
    advance: db.prepare<{ device: string; seq: number; hlc: string | null }, never>(`
      INSERT INTO sync_peers (device, applied_seq, max_hlc) VALUES (@device, @seq, @hlc)
      ON CONFLICT (device) DO UPDATE SET
        applied_seq = max(applied_seq, excluded.applied_seq),
        max_hlc = CASE WHEN max_hlc IS NULL OR excluded.max_hlc > max_hlc
          THEN coalesce(excluded.max_hlc, max_hlc) ELSE max_hlc END`),
    // Operations about papers not here yet: one sync_state key per slice that had some.
    deferredKeys: db.prepare<[], { key: string; value: string }>(
      `SELECT key, value FROM sync_state WHERE key LIKE 'deferred:%'
         ORDER BY CAST(substr(key, 10) AS INTEGER)`,
    ),
    deferredCount: db
      .prepare<[], number>(
        `SELECT coalesce(sum(json_array_length(value)), 0) FROM sync_state
         WHERE key LIKE 'deferred:%' AND json_valid(value)`,
      )
      .pluck(),
    nextDeferredKey: db
      .prepare<[], number>(
        `SELECT coalesce(max(CAST(substr(key, 10) AS INTEGER)), 0) + 1 FROM sync_state
         WHERE key LIKE 'deferred:%'`,
      )
      .pluck(),
    putDeferred: db.prepare<[string, string], never>(`
      INSERT INTO sync_state (key, value) VALUES (?, ?)
      ON CONFLICT (key) DO UPDATE SET value = excluded.value`),
    dropDeferred: db.prepare<[string], never>('DELETE FROM sync_state WHERE key = ?'),
    // When a pass last found this device's files gone from the folder.
    emptiedAt: db
      .prepare<[], string>("SELECT value FROM sync_state WHERE key = 'emptiedAt'")
      .pluck(),
    setEmptiedAt: db.prepare<[string], never>(`
      INSERT INTO sync_state (key, value) VALUES ('emptiedAt', ?)
      ON CONFLICT (key) DO UPDATE SET value = excluded.value`),
    // The devices joined by a snapshot: 'joined:<device>' holds the snapshot's seq.
    joined: db.prepare<[string], string>('SELECT value FROM sync_state WHERE key = ?').pluck(),
    setJoined: db.prepare<[string, string], never>(`
      INSERT INTO sync_state (key, value) VALUES (?, ?)
      ON CONFLICT (key) DO UPDATE SET value = excluded.value`),
    wanted: db.prepare<[], { sha256: string; paper_id: number; name: string; size: number }>(
      'SELECT sha256, paper_id, name, size FROM sync_wanted_files ORDER BY paper_id, sha256',
    ),
    wantedDone: db.prepare<[string, number], never>(
      'DELETE FROM sync_wanted_files WHERE sha256 = ? AND paper_id = ?',
    ),
    wantedProblem: db.prepare<[string | null, string, number], never>(
      'UPDATE sync_wanted_files SET problem = ? WHERE sha256 = ? AND paper_id = ?',
    ),
    fileId: db.prepare<[string], number>('SELECT id FROM pdf_files WHERE sha256 = ?').pluck(),
    forgetPending: db.prepare<[string], never>(
      "DELETE FROM sync_pending WHERE entity = 'file' AND ref = ?",
    ),
  }
}
type Statements = ReturnType<typeof statements>

const statementsOf = preparedOnce(statements)

/** Keeps operations applyOps put aside (about a paper not here yet) under a key of their own. */
function keepDeferred(s: Statements, ops: readonly OpBody[]): void {
  if (ops.length > 0) s.putDeferred.run(`deferred:${s.nextDeferredKey.get()!}`, JSON.stringify(ops))
}

function parseDeferred(text: string): OpBody[] {
  try {
    const value: unknown = JSON.parse(text)
    return Array.isArray(value) ? (value as OpBody[]) : []
  } catch {
    return []
  }
}

/** Totals of a pass as it goes. */
interface Tally extends SyncPassResult {
  /** The largest clock applied per device (for the clock-ahead notice). */
  clocks: Map<string, Hlc>
}

/** The report of a pass that did nothing. */
export const emptyPassReport = (): SyncPassResult => ({
  wrote: 0,
  applied: 0,
  skipped: 0,
  papersAdded: 0,
  notesMerged: 0,
  conflicts: 0,
  filesFetched: 0,
  notices: [],
  devicesApplied: 0,
})

const emptyTally = (): Tally => ({ ...emptyPassReport(), clocks: new Map() })

function add(tally: Tally, result: AppliedOps): void {
  tally.applied += result.applied
  tally.papersAdded += result.papersAdded
  tally.notesMerged += result.notesMerged
  tally.conflicts += result.conflicts
  // Put aside is not skipped: those are applied when their paper comes.
  tally.skipped += result.skipped - result.deferred.length
}

/**
 * Writes this device's whole state as a snapshot (so a device can join without its whole log),
 * covering its own operations through the last one made, and other devices' as far as applied.
 * Older own snapshots go once it is in place.
 */
export async function writeOwnSnapshot(
  env: Pick<PassEnv, 'db' | 'now' | 'folder' | 'device' | 'state'>,
  writer: DeviceWriter = createDeviceWriter(env.folder, env.device.id),
): Promise<number> {
  const { db, device, state } = env
  const s = statementsOf(db)
  const ctx = contextFor(db, device.id, env.now, state)
  const own = state.get('nextSeq') - 1
  const covers: Record<string, number> = {}
  for (const peer of s.peers.all()) {
    if (peer.device !== device.id) covers[peer.device] = peer.applied_seq
  }
  covers[device.id] = own
  // The event loop turns while it is written (the window shares it); entries read after a
  // local write may include that write, which applying again leaves as it is.
  await writer.writeSnapshotInTurns(
    {
      format: 'margin-sync-snapshot',
      v: SYNC_FORMAT_VERSION,
      dev: device.id,
      covers,
      hlc: state.get('hlc'),
      createdAt: env.now(),
    },
    dumpState(ctx),
  )
  state.set('snapshotSeq', own)
  return own
}

/**
 * One pass (syncLibrary runs one at a time): this library's new changes made into operations and
 * written to its own files in the folder; every other device's new operations read and applied
 * in slices; PDFs they announced fetched; how far this device has read written; a new snapshot
 * and the removal of old segments when due. An unreachable folder changes nothing. Nothing is
 * ever deleted here because the folder lacks something.
 */
export async function runPass(env: PassEnv): Promise<SyncPassResult> {
  const { db, now, folder, device, state } = env
  const tally = emptyTally()
  const unreachable = unreachableReason(folder)
  if (unreachable !== null) {
    state.set('problem', unreachable)
    return strip(tally)
  }
  const s = statementsOf(db)
  const notices: string[] = []
  // emit adds what it could not make into operations to the notices: this pass's, from here.
  state.set('notices', [])
  const ctx = contextFor(db, device.id, now, state)
  const writer = createDeviceWriter(folder, device.id)
  const reader = createFolderReader(folder, { thisDevice: device.id })
  try {
    writer.clearTemporary(now())

    // 1. This device's new operations; then what local changes alone settle (a saved search's
    // name that another device's search waited for, freed here).
    emitPending(ctx)
    applyOps(ctx, [])
    const rows = s.outbox.all()
    const onDisk = writer.lastSeqOnDisk()
    const written = (s.outboxFirst.get() ?? state.get('nextSeq')) - 1
    const lost = !writer.exists() || onDisk < written
    if (lost || !hasOwnSnapshot(folder, device.id)) {
      // The folder lost what this device wrote (emptied, replaced, restored from an old copy),
      // or its snapshot (which devices join by): its whole state again, which covers every
      // operation it made.
      if (lost && (state.get('lastPassAt') !== null || onDisk > 0)) {
        notices.push(EMPTIED_FOLDER_NOTICE)
      }
      await copyOwnFiles(env, writer, rows, notices, true)
      await writeOwnSnapshot(env, writer)
    } else {
      await copyOwnFiles(env, writer, rows, notices, false)
    }
    const fresh = rows.filter((row) => row.seq > writer.lastSeqOnDisk())
    if (fresh.length > 0) {
      writer.writeSegments(
        fresh.map((row) => encodeLine(JSON.parse(row.line) as object)),
        fresh[0]!.seq,
      )
      tally.wrote = fresh.length
    }
    s.clearOutbox.run(writer.lastSeqOnDisk())
    writeDeviceFile(env, writer)

    // 2. The other devices' operations.
    const listed = reader.listDevices()
    const known = new Map(s.peers.all().map((peer) => [peer.device, peer]))
    for (const listing of listed) {
      s.seePeer.run({
        device: listing.id,
        name: listing.device?.name ?? null,
        seen: listing.device?.lastPassAt ?? null,
        hlc: listing.device?.hlc ?? null,
      })
      notices.push(...listing.problems)
    }
    let papersRetried = tally.papersAdded
    for (const listing of listed) {
      const before = tally.applied
      const peer = known.get(listing.id)
      await applyDevice(env, ctx, reader, listing.id, peer?.applied_seq ?? 0, tally, notices)
      if (tally.applied > before) tally.devicesApplied += 1
      // Another device's operations may have waited for the papers this one brought.
      if (tally.papersAdded > papersRetried) {
        papersRetried = tally.papersAdded
        await applyDeferred(ctx, s, tally, notices)
      }
    }
    state.set('hlc', ctx.clock.last())
    notices.push(...clockNotices(env, listed, tally))
    notices.push(...reader.problems(), ...ignoredNotices(reader.ignored()))
    for (const version of reader.newerVersions()) {
      notices.push(
        `The sync folder holds margin/v${version}, written by a newer Margin: update Margin on this computer to read it.`,
      )
    }

    // 3. PDFs other devices announced, once their bytes are in the folder.
    tally.filesFetched = await fetchWantedFiles(env, reader, s, notices)

    // 4. How far this device has read, its snapshot and old segments when due.
    writeAcks(env, writer)
    if (state.get('nextSeq') - 1 - state.get('snapshotSeq') >= SNAPSHOT_EVERY_OPS) {
      await writeOwnSnapshot(env, writer)
    }
    compact(env, writer, reader.listDevices(), s)

    state.set('lastPassAt', now())
    state.set('problem', null)
  } catch (error) {
    state.set('hlc', ctx.clock.last())
    if (!isMarginError(error)) throw error
    // The folder refused a write (full, read-only, gone mid-pass): what was applied stays.
    state.set('problem', `${error.message} Sync tries again on the next pass.`)
  } finally {
    const seen = [...new Set([...state.get('notices'), ...notices])]
    tally.notices = seen
    // The status keeps saying that the folder was emptied for a day, not only until the next pass.
    if (seen.includes(EMPTIED_FOLDER_NOTICE)) s.setEmptiedAt.run(String(now()))
    const emptiedAt = Number(s.emptiedAt.get() ?? Number.NaN)
    const recent = now() - emptiedAt < EMPTIED_NOTICE_MS && !seen.includes(EMPTIED_FOLDER_NOTICE)
    state.set('notices', recent ? [EMPTIED_FOLDER_NOTICE, ...seen] : seen)
  }
  return strip(tally)
}

const strip = ({ clocks: _clocks, ...report }: Tally): SyncPassResult => report

/** Copies the bytes of attached PDFs this device announced as copied (all of them: `all`). */
async function copyOwnFiles(
  env: PassEnv,
  writer: DeviceWriter,
  rows: ReadonlyArray<{ seq: number; line: string }>,
  notices: string[],
  all: boolean,
): Promise<void> {
  const store = createPdfStore(env.libraryDir)
  const shas = new Set<string>()
  if (all) {
    const attached = env.db
      .prepare<[number], string>(
        `SELECT DISTINCT f.sha256 FROM paper_files pf JOIN pdf_files f ON f.id = pf.file_id
         WHERE pf.origin NOT LIKE 'http://%' AND pf.origin NOT LIKE 'https://%' AND f.size <= ?`,
      )
      .pluck()
    for (const sha of attached.all(env.state.get('fileSizeLimit'))) shas.add(sha)
  }
  const onDisk = writer.lastSeqOnDisk()
  for (const row of rows) {
    if (row.seq <= onDisk) continue
    const op = JSON.parse(row.line) as OpLine
    if (op.kind === 'file' && op.copied) shas.add(op.sha256)
  }
  for (const sha of shas) {
    try {
      await writer.copyFile(sha, store.pathOf(sha))
    } catch (error) {
      notices.push(
        `The PDF ${sha.slice(0, 12)}… could not be copied to the sync folder: ${(error as Error).message}`,
      )
    }
  }
}

/** device.json, when what it says changed or it is getting old (other devices show "last synced"). */
function writeDeviceFile(env: PassEnv, writer: DeviceWriter): void {
  const { device, state, now } = env
  const lastSeq = writer.lastSeqOnDisk()
  const hlc = state.get('hlc')
  const current = readOwn(join(deviceDir(env.folder, device.id), DEVICE_FILE), (value) => {
    const parsed = deviceFileSchema.safeParse(value)
    return parsed.success ? parsed.data : null
  })
  if (
    current &&
    current.name === device.name &&
    current.lastSeq === lastSeq &&
    current.lastPassAt !== null &&
    now() - current.lastPassAt < DEVICE_FILE_REFRESH_MS
  ) {
    return
  }
  writer.writeDeviceFile({
    format: 'margin-sync-device',
    v: SYNC_FORMAT_VERSION,
    id: device.id,
    name: device.name,
    createdAt: device.createdAt,
    lastPassAt: now(),
    lastSeq,
    hlc,
  })
}

/** acks.json, when this device has read further than it last said. */
function writeAcks(env: PassEnv, writer: DeviceWriter): void {
  const s = statementsOf(env.db)
  const acks: Record<string, number> = {}
  for (const peer of s.peers.all()) {
    if (peer.device !== env.device.id && peer.applied_seq > 0) acks[peer.device] = peer.applied_seq
  }
  const current = readOwn(join(deviceDir(env.folder, env.device.id), ACKS_FILE), (value) => {
    const parsed = acksFileSchema.safeParse(value)
    return parsed.success ? parsed.data : null
  })
  const same =
    current !== null &&
    Object.keys(current.acks).length === Object.keys(acks).length &&
    Object.entries(acks).every(([id, seq]) => current.acks[id] === seq)
  if (same) return
  writer.writeAcks({
    format: 'margin-sync-acks',
    v: SYNC_FORMAT_VERSION,
    id: env.device.id,
    acks,
    at: env.now(),
  })
}

/**
 * Removes own segments every known device has applied and the own snapshot covers: a device
 * that joins later starts from the snapshot. A device known here but silent keeps them all.
 */
function compact(
  env: PassEnv,
  writer: DeviceWriter,
  listed: ReturnType<FolderReader['listDevices']>,
  s: Statements,
): void {
  let through = env.state.get('snapshotSeq')
  const devices = new Set([...s.peers.all().map((peer) => peer.device), ...listed.map((l) => l.id)])
  devices.delete(env.device.id)
  const acks = new Map(listed.map((listing) => [listing.id, listing.acks]))
  for (const id of devices) {
    through = Math.min(through, acks.get(id)?.acks[env.device.id] ?? 0)
  }
  if (through > 0) writer.removeSegmentsThrough(through)
}

/**
 * Applies operations in slices of about SLICE_TARGET_MS: small batches (sized by how long the
 * last one took) inside one transaction that ends when its time is up (or after SLICE_MAX_OPS),
 * then a turn of the event loop (the window shares it). What a slice applied and the cursor
 * that says so are committed together.
 */
function createApplier(ctx: SyncContext, s: Statements, tally: Tally) {
  let batch = 8
  let sliceStarted = performance.now()
  /**
   * How long a slice applies before it commits. Committing costs too (the full-text indexes
   * write what they gathered then), so this shrinks when whole slices run long.
   */
  let applyMs = SLICE_TARGET_MS / 2
  return {
    /**
     * Applies `ops` from index `from` in one transaction until its time is up; `after(upto,
     * newest)` runs inside it (the cursor). Returns the index it reached.
     */
    slice(
      ops: readonly OpBody[],
      from: number,
      after: (upto: number, newest: Hlc | null) => void,
    ): number {
      const reached = ctx.db.transaction(() => {
        let at = from
        let newest: Hlc | null = null
        while (at < ops.length && at - from < SLICE_MAX_OPS) {
          const part = ops.slice(at, at + batch)
          const started = performance.now()
          const result = applyOps(ctx, part)
          const took = performance.now() - started
          add(tally, result)
          keepDeferred(s, result.deferred)
          for (const op of part) newest = maxHlc(newest, op.hlc)
          at += part.length
          // A quarter of the time per batch: slow kinds (notes, papers) shrink it, quick ones grow it.
          const fit = Math.round((batch * applyMs) / 4 / Math.max(took, 0.05))
          batch = Math.max(1, Math.min(BATCH_MAX_OPS, fit, batch * 2))
          if (performance.now() - sliceStarted >= applyMs) break
        }
        after(at, newest)
        // The clock has moved past what was applied; kept with it, so a crash cannot take it back.
        s.state.set('hlc', ctx.clock.last())
        return at
      })()
      const whole = performance.now() - sliceStarted
      if (whole > SLICE_TARGET_MS) applyMs = Math.max(1, (applyMs * SLICE_TARGET_MS) / whole)
      else if (whole < SLICE_TARGET_MS * 0.75) applyMs = Math.min(SLICE_TARGET_MS, applyMs * 1.25)
      return reached
    },
    receive: (hlc: Hlc) => ctx.clock.receive(hlc),
    /** The slice's time is up. */
    due: () => performance.now() - sliceStarted >= applyMs,
    /** Lets the event loop turn when the slice's time is up (reading counts too). */
    async breathe(): Promise<void> {
      if (performance.now() - sliceStarted < applyMs) return
      await nextTurn()
      sliceStarted = performance.now()
    },
  }
}
type Applier = ReturnType<typeof createApplier>

/**
 * Applies the deferred operations again (their papers may have come), each kept batch in one
 * transaction with what still waits kept in its place. Beyond DEFERRED_MAX waiting operations
 * (forged ones about papers no device has) the oldest are let go, and a notice says so.
 */
async function applyDeferred(
  ctx: SyncContext,
  s: Statements,
  tally: Tally,
  notices: string[],
): Promise<void> {
  const applier = createApplier(ctx, s, tally)
  for (const { key, value } of s.deferredKeys.all()) {
    const ops = parseDeferred(value)
    let at = 0
    do {
      // What still waits stays under its key; what waits again was kept under a new one.
      at = applier.slice(ops, at, (upto) => {
        if (upto >= ops.length) s.dropDeferred.run(key)
        else s.putDeferred.run(key, JSON.stringify(ops.slice(upto)))
      })
      await applier.breathe()
    } while (at < ops.length)
  }
  let waiting = s.deferredCount.get()!
  if (waiting <= DEFERRED_MAX) return
  let dropped = 0
  for (const { key, value } of s.deferredKeys.all()) {
    if (waiting <= DEFERRED_MAX) break
    const count = parseDeferred(value).length
    s.dropDeferred.run(key)
    waiting -= count
    dropped += count
  }
  notices.push(
    `${dropped} operations about papers no device has sent were let go (more than ${DEFERRED_MAX} waited).`,
  )
}

/**
 * Applies one device's new operations. A device this library has not joined yet is joined by its
 * snapshot first (its state when it set up, which its log does not repeat), so it waits until a
 * whole snapshot of it has arrived; then its log after the snapshot. A log that starts after the
 * cursor (removed once every device known then had read it) is covered by its newer snapshot.
 */
async function applyDevice(
  env: PassEnv,
  ctx: SyncContext,
  reader: FolderReader,
  deviceId: string,
  appliedSeq: number,
  tally: Tally,
  notices: string[],
): Promise<void> {
  const s = statementsOf(env.db)
  let cursor = appliedSeq
  const applier = createApplier(ctx, s, tally)
  const skippedReasons: string[] = []
  const joined = s.joined.get(`joined:${deviceId}`) !== undefined
  const joinBySnapshot = async (): Promise<boolean> => {
    const snapshot = reader.readSnapshot(deviceId)
    if (!snapshot || (joined && snapshot.seq <= cursor)) return false
    const done = await applySnapshot(applier, snapshot, tally, skippedReasons)
    if (done) {
      cursor = Math.max(cursor, snapshot.seq)
      env.db.transaction(() => {
        s.advance.run({ device: deviceId, seq: cursor, hlc: snapshot.header.hlc })
        s.setJoined.run(`joined:${deviceId}`, String(snapshot.seq))
      })()
    }
    return done
  }
  // Not joined yet and no whole snapshot: its snapshot is still arriving.
  if (!joined && !(await joinBySnapshot())) return
  let triedSnapshot = !joined
  for (;;) {
    const read = reader.readOps(deviceId, cursor, READ_OPS)
    for (const skip of read.skipped) skippedReasons.push(`operation ${skip.seq}: ${skip.reason}`)
    tally.skipped += read.skipped.length
    if (read.ops.length === 0 && read.consumedThrough === cursor) {
      if (read.waiting && !triedSnapshot) {
        triedSnapshot = true
        if (await joinBySnapshot()) continue
      }
      if (read.waiting && read.stoppedBecause) notices.push(read.stoppedBecause)
      break
    }
    let at = 0
    do {
      at = applier.slice(read.ops, at, (upto, newest) => {
        // Through the last operation applied; all read (skipped lines too) once all are.
        const seq = upto >= read.ops.length ? read.consumedThrough : read.ops[upto - 1]!.seq
        s.advance.run({ device: deviceId, seq, hlc: newest })
        if (newest !== null) {
          tally.clocks.set(deviceId, maxHlc(tally.clocks.get(deviceId) ?? null, newest)!)
        }
      })
      await applier.breathe()
    } while (at < read.ops.length)
    cursor = read.consumedThrough
    if (!read.more && read.waiting) break
  }
  if (skippedReasons.length > 0) {
    const shown = skippedReasons.slice(0, 3).join('; ')
    const more = skippedReasons.length > 3 ? ` (and ${skippedReasons.length - 3} more)` : ''
    notices.push(
      `${skippedReasons.length} of ${deviceName(env, deviceId)}'s lines could not be used and were skipped: ${shown}${more}.`,
    )
  }
}

function deviceName(env: PassEnv, deviceId: string): string {
  const row = env.db
    .prepare<[string], string | null>('SELECT name FROM sync_peers WHERE device = ?')
    .pluck()
    .get(deviceId)
  return row ?? deviceId
}

/**
 * Applies a snapshot's entries in slices; true when all of it was read (a snapshot that turns
 * out not to be whole leaves what it applied, which is harmless, and is not counted as joined).
 */
async function applySnapshot(
  applier: Applier,
  snapshot: SnapshotRead,
  tally: Tally,
  skippedReasons: string[],
): Promise<boolean> {
  let batch: OpBody[] = []
  const flush = async () => {
    let at = 0
    while (at < batch.length) {
      at = applier.slice(batch, at, () => {})
      await applier.breathe()
    }
    batch = []
  }
  for (const entry of snapshot.entries()) {
    if (!entry.ok) {
      if (entry.incomplete) return false
      tally.skipped += 1
      skippedReasons.push(`snapshot ${snapshot.name}: ${entry.reason}`)
      continue
    }
    batch.push(entry.op)
    // Reading (each entry checked against the schema) takes its share of the slice too.
    if (batch.length >= READ_OPS || applier.due()) await flush()
  }
  await flush()
  // The snapshot's own clock counts too: the device has seen that far.
  if (snapshot.header.hlc !== null) applier.receive(snapshot.header.hlc)
  return true
}

/** "<name>'s clock is 3 days ahead of this computer's", for each device far ahead. */
function clockNotices(
  env: PassEnv,
  listed: ReturnType<FolderReader['listDevices']>,
  tally: Tally,
): string[] {
  const at = env.now()
  const notices: string[] = []
  const ids = new Set([...listed.map((l) => l.id), ...tally.clocks.keys()])
  for (const id of ids) {
    const listing = listed.find((l) => l.id === id)
    let newest = maxHlc(listing?.device?.hlc ?? null, tally.clocks.get(id) ?? null)
    if (newest === null) continue
    newest = newest as Hlc
    const ahead = hlcWall(newest) - at
    if (ahead > CLOCK_AHEAD_NOTICE_MS) {
      const name = listing?.device?.name ?? deviceName(env, id)
      notices.push(
        `${name}'s clock is ${durationText(ahead)} ahead of this computer's; its changes are still applied in order.`,
      )
    }
  }
  return notices
}

/**
 * Fetches the attached PDFs other devices announced once their bytes are in the folder: size
 * within the limit, SHA-256 checked, then attached like a PDF the person chose. What cannot be
 * fetched yet stays wanted (its problem noted); nothing else is tried here.
 */
async function fetchWantedFiles(
  env: PassEnv,
  reader: FolderReader,
  s: Statements,
  notices: string[],
): Promise<number> {
  const limit = env.state.get('fileSizeLimit')
  let fetched = 0
  for (const wanted of s.wanted.all()) {
    const path = reader.findFile(wanted.sha256)
    if (path === null) continue
    const problem = (sentence: string) => {
      s.wantedProblem.run(sentence, wanted.sha256, wanted.paper_id)
      notices.push(sentence)
    }
    try {
      const size = statSync(path).size
      if (size > limit) {
        problem(
          `The PDF ${wanted.name} is ${size} bytes, more than this device's limit of ${limit}; not fetched (Settings › Sync sets the limit).`,
        )
        continue
      }
      const data = await readFile(path)
      const sha = await sha256OfInTurns(data)
      if (sha !== wanted.sha256) {
        // Still being copied by the sync engine, or damaged: looked at again next pass.
        s.wantedProblem.run(
          `its copy in the sync folder does not match its SHA-256 yet`,
          wanted.sha256,
          wanted.paper_id,
        )
        continue
      }
      await env.pdfs.attach(wanted.paper_id, { name: wanted.name, data }, { origin: wanted.name })
      env.db.transaction(() => {
        s.wantedDone.run(wanted.sha256, wanted.paper_id)
        // Attached from the folder, not by the person: no need to announce it again.
        const fileId = s.fileId.get(wanted.sha256)
        if (fileId !== undefined) s.forgetPending.run(`${wanted.paper_id}:${fileId}`)
      })()
      fetched += 1
    } catch (error) {
      problem(
        `The PDF ${wanted.name} from the sync folder could not be attached: ${(error as Error).message}`,
      )
    }
  }
  return fetched
}
