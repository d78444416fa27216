import type { Db } from '../db/openLibrary'
import type { HybridClock } from './hlc'
import type { OpBody, OpLine } from './ops'
import type { PaperKeys } from './paperKey'

/**
 * How the rooms of sync meet (docs/sync-format.md has the folder's side). capture/ turns local
 * changes into operations, apply/ turns other devices' operations into local changes, folder/
 * reads and writes the sync folder, and syncLibrary.ts runs passes over them.
 */
export interface SyncContext {
  db: Db
  /** This library's device id. */
  deviceId: string
  clock: HybridClock
  now: () => number
  paperKeys: PaperKeys
}

/** What a pass applied, for its report and the window. */
export interface ApplyResult {
  applied: number
  papersAdded: number
  /** Notes whose text changed because another device's version met this one's. */
  notesMerged: number
  /** Notes that now hold a conflict (both texts between markers). */
  conflicts: number
  /** Operations that named something this library cannot have (a paper it lacks, …): skipped. */
  skipped: number
  /** Attached PDFs announced that this library does not have yet (sync_wanted_files). */
  filesWanted: number
}

/**
 * capture/emit.ts: turns `sync_pending` into operations numbered from sync_state 'nextSeq', stores
 * them in `sync_outbox`, updates the sync clock tables, empties `sync_pending`; one transaction.
 */
export type EmitPending = (ctx: SyncContext) => OpLine[]

/**
 * capture/adopt.ts: at setup, gives everything the library already holds its global ids and
 * clocks (status history, tags, notes, records), so the first snapshot carries it.
 */
export type AdoptLibrary = (ctx: SyncContext) => void

/** capture/dumpState.ts: the library's whole state as operations (a snapshot's entries), streamed. */
export type DumpState = (ctx: SyncContext) => Iterable<OpBody>

/**
 * apply/applyOps.ts: applies operations of other devices (or a snapshot's entries) inside the
 * caller's transaction, with `sync_applying` holding a row so capture ignores the writes.
 * Idempotent: applying the same operations again changes nothing.
 */
export type ApplyOps = (ctx: SyncContext, ops: readonly OpBody[]) => ApplyResult
