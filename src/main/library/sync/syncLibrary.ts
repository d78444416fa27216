import { randomInt } from 'node:crypto'
import { realpathSync, statSync, watch as fsWatch, type FSWatcher } from 'node:fs'
import { resolve } from 'node:path'
import { MarginError } from '../../../shared/errors'
import type {
  NoteConflict,
  PaperDetail,
  SyncDevice,
  SyncPassReport,
  SyncStatus,
} from '../../../shared/models'
import { hasConflictMarkers } from '../../../shared/noteTextMerge'
import type { Db } from '../db/openLibrary'
import type { PdfLibrary } from '../files/pdfLibrary'
import { adoptLibrary } from './capture/adopt'
import { createSyncState, type SyncDeviceRow } from './capture/syncState'
import { checkSyncFolder, folderWarning } from './folderChecks'
import { syncRoot } from './folder/layout'
import { hlcWall } from './hlc'
import { contextFor, emptyPassReport, runPass, writeOwnSnapshot, type SyncPassResult } from './pass'

/** Folder events come in bursts (a segment, then device.json): one pass after they settle. */
export const FOLDER_DEBOUNCE_MS = 500
/** How often the count of local changes not yet written is looked at (one cheap query). */
export const LOCAL_POLL_MS = 2_000
/** A pass now and then even when nothing was seen (a watcher can miss events on some disks). */
export const PERIODIC_PASS_MS = 5 * 60_000
/** A device's clock this far ahead of this machine's is said in the status. */
const CLOCK_AHEAD_SHOWN_MS = 60_000

export interface SyncTimers {
  setTimeout: (run: () => void, ms: number) => unknown
  clearTimeout: (handle: unknown) => void
  setInterval: (run: () => void, ms: number) => unknown
  clearInterval: (handle: unknown) => void
}

const realTimers: SyncTimers = {
  setTimeout: (run, ms) => setTimeout(run, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  setInterval: (run, ms) => setInterval(run, ms).unref(),
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
}

export interface SyncLibraryDeps {
  db: Db
  now: () => number
  /** The library's folder: never a sync folder, nor inside one's reach. */
  libraryDir: string
  /** Where PDFs announced by other devices are attached once their bytes are in the folder. */
  pdfs: Pick<PdfLibrary, 'attach'>
  /** Told after a pass applied changes (the search layer caches its vocabulary). */
  indexChanged: () => void
  /** Saves a note as the window does (a conflict resolved is a local edit like any other). */
  saveNote: (paperId: number, body: string) => PaperDetail
  /** For tests: the watcher and the timers of start(). */
  watch?: (
    root: string,
    onEvent: (path: string | null) => void,
    onEnd: () => void,
  ) => { close(): void }
  timers?: SyncTimers
}

export type SyncLibrary = ReturnType<typeof createSyncLibrary>

const DEVICE_ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789'

/** A new device id: 16 characters a-z0-9 from the system's secure random source. */
export function newDeviceId(): string {
  let id = ''
  for (let i = 0; i < 16; i++) id += DEVICE_ID_ALPHABET[randomInt(DEVICE_ID_ALPHABET.length)]
  return id
}

/** A device's name as a person typed it: trimmed, 1 to 100 characters. */
function checkDeviceName(name: string): string {
  const trimmed = name.trim()
  if (trimmed === '' || trimmed.length > 100) {
    throw new MarginError(
      'INVALID_ARGUMENT',
      trimmed === ''
        ? 'A device needs a name (the other computers show it); type one.'
        : `A device name is at most 100 characters; this one has ${trimmed.length}.`,
    )
  }
  return trimmed
}

/** Which folder is at `path`: one made anew in its place may reuse the number, not the birth. */
function identityOf(path: string): string | null {
  try {
    const info = statSync(path)
    return `${info.dev}:${info.ino}:${info.birthtimeMs}`
  } catch {
    return null
  }
}

function realFolder(folder: string): string {
  try {
    return realpathSync.native(folder)
  } catch {
    return resolve(folder)
  }
}

/** Watches the sync root, recursively; `null` paths are events without a name. */
function watchFolder(
  root: string,
  onEvent: (path: string | null) => void,
  onEnd: () => void,
): { close(): void } {
  const watcher: FSWatcher = fsWatch(root, { recursive: true, persistent: false }, (_, name) =>
    onEvent(name === null ? null : String(name)),
  )
  // A folder that goes away (emptied, a drive removed) ends the watch: watched again later.
  watcher.on('error', () => {
    watcher.close()
    onEnd()
  })
  return watcher
}

/**
 * `library.sync`: sync through a folder another program keeps in step (docs/sync-format.md).
 * setup() chooses the folder and names this device; pass() writes this library's new changes
 * there and applies the other devices'; start() runs passes when the folder changes, after local
 * changes and every few minutes, until stop(). Nothing here ever deletes local data because
 * of what the folder holds or lacks.
 */
export function createSyncLibrary(deps: SyncLibraryDeps) {
  const { db, now, libraryDir } = deps
  const timers = deps.timers ?? realTimers
  const watch = deps.watch ?? watchFolder
  const state = createSyncState(db)
  const counts = {
    outbox: db.prepare<[], number>('SELECT count(*) FROM sync_outbox').pluck(),
    wanted: db.prepare<[], number>('SELECT count(*) FROM sync_wanted_files').pluck(),
  }
  const peers = db.prepare<
    [],
    {
      device: string
      name: string | null
      last_seen_at: number | null
      max_hlc: string | null
    }
  >('SELECT device, name, last_seen_at, max_hlc FROM sync_peers ORDER BY name, device')
  const conflictRows = db.prepare<
    [],
    { paper_id: number; since: number; title: string; body: string | null }
  >(`
    SELECT c.paper_id, c.since, p.title, n.body
    FROM sync_note_conflicts c
    JOIN papers p ON p.id = c.paper_id
    LEFT JOIN notes n ON n.paper_id = c.paper_id
    ORDER BY c.since, c.paper_id`)
  const forgetConflict = db.prepare<[number], never>(
    'DELETE FROM sync_note_conflicts WHERE paper_id = ?',
  )

  const changeListeners = new Set<(status: SyncStatus) => void>()
  const appliedListeners = new Set<(report: SyncPassResult) => void>()
  const tell = <T>(listeners: Set<(value: T) => void>, value: T) => {
    for (const listener of listeners) {
      try {
        listener(value)
      } catch (error) {
        // A listener's failure is not the sync's.
        console.error('Margin: a sync listener failed:', error)
      }
    }
  }
  const changed = () => {
    if (changeListeners.size > 0) tell(changeListeners, status())
  }

  let running: Promise<SyncPassResult> | null = null
  /** Someone asked for a pass while one ran: it may not have seen what they saw. */
  let again = false

  /** The device and folder, when sync is set up with a folder. */
  const configured = (): (SyncDeviceRow & { folder: string }) | null => {
    const device = state.device()
    return device && device.folder !== null ? { ...device, folder: device.folder } : null
  }

  /**
   * Papers whose note holds both texts of overlapping edits. A note edited since so that no
   * marker is left is resolved: its row goes.
   */
  const conflicts = (): NoteConflict[] => {
    const found: NoteConflict[] = []
    for (const row of conflictRows.all()) {
      if (row.body !== null && hasConflictMarkers(row.body)) {
        found.push({ paperId: row.paper_id, title: row.title, since: row.since })
      } else {
        forgetConflict.run(row.paper_id)
      }
    }
    return found
  }

  const devices = (device: SyncDeviceRow | null): SyncDevice[] => {
    const at = now()
    const list: SyncDevice[] = []
    if (device) {
      list.push({
        id: device.id,
        name: device.name,
        thisDevice: true,
        lastPassAt: state.get('lastPassAt'),
        clockAheadMs: null,
      })
    }
    for (const peer of peers.all()) {
      const ahead = peer.max_hlc === null ? 0 : hlcWall(peer.max_hlc) - at
      list.push({
        id: peer.device,
        name: peer.name ?? peer.device,
        thisDevice: false,
        lastPassAt: peer.last_seen_at,
        clockAheadMs: ahead > CLOCK_AHEAD_SHOWN_MS ? ahead : null,
      })
    }
    return list
  }

  const status = (): SyncStatus => {
    const device = state.device()
    const folder = device?.folder ?? null
    return {
      configured: folder !== null,
      folder,
      deviceId: device?.id ?? null,
      deviceName: device?.name ?? null,
      syncing: running !== null,
      lastSyncAt: state.get('lastPassAt'),
      devices: devices(device),
      conflicts: conflicts().length,
      pending: state.pendingCount() + counts.outbox.get()!,
      filesWaiting: counts.wanted.get()!,
      fileSizeLimit: state.get('fileSizeLimit'),
      notices: state.get('notices'),
      problem: state.get('problem'),
      folderWarning: folder === null ? null : folderWarning(folder),
    }
  }

  /** Passes, setups and stops, one at a time in the order asked. */
  let queue: Promise<unknown> = Promise.resolve()
  const exclusive = <T>(task: () => Promise<T>): Promise<T> => {
    const result = queue.then(task)
    queue = result.catch(() => {})
    return result
  }

  /** One pass, never two at once: a call while one runs (or waits to) gets that one's report. */
  const pass = (): Promise<SyncPassResult> => {
    if (running) return running
    if (!configured()) {
      return Promise.reject(
        new MarginError(
          'INVALID_ARGUMENT',
          'Sync is not set up for this library; choose a folder first (Settings › Sync, or `margin sync --folder DIR`).',
        ),
      )
    }
    const run = exclusive(async () => {
      try {
        // Set up as it is now (a setup or a stop may have come first).
        const setUp = configured()
        if (!setUp) return emptyPassReport()
        const report = await runPass({
          db,
          now,
          libraryDir,
          folder: setUp.folder,
          device: setUp,
          state,
          pdfs: deps.pdfs,
        })
        if (report.applied > 0 || report.filesFetched > 0) {
          deps.indexChanged()
          tell(appliedListeners, report)
        }
        return report
      } catch (error) {
        // Never out of a pass: what went wrong is the status's problem, in a sentence.
        console.error('Margin: a sync pass failed:', error)
        try {
          state.set('problem', `The last sync failed: ${(error as Error).message}`)
        } catch {
          // The library closed under the pass: nothing to record it in.
        }
        return emptyPassReport()
      } finally {
        running = null
        try {
          changed()
        } catch {
          // as above
        }
      }
    })
    running = run
    changed()
    return run
  }

  // The background schedule (start/stop).
  let started = false
  let watcher: { close(): void } | null = null
  let watchedRoot: string | null = null
  let watchedIdentity: string | null = null
  let debounce: unknown = null
  let poll: unknown = null
  let periodic: unknown = null
  let lastPending = 0
  let askedFor = -1

  /** A pass soon: now when none runs, else right after the one that does. */
  const requestPass = () => {
    if (!started || !configured()) return
    if (running) {
      again = true
      return
    }
    pass()
      .then(() => {
        // The folder may have been emptied and written again: watch what is there now, and look
        // once more for what landed before the new watch began.
        if (started && ensureWatcher() === 'new') again = true
        if (again && started) {
          again = false
          requestPass()
        }
      })
      .catch(() => {
        // pass() records its failures as the status's problem.
      })
  }

  /** Watches the folder set up now (again after a new setup, or when it came back). */
  const ensureWatcher = (): 'same' | 'new' | 'none' => {
    const setUp = configured()
    const root = setUp ? syncRoot(setUp.folder) : null
    // The same folder, not one made anew in its place (an emptied folder written again).
    if (watchedRoot === root && watcher && root !== null && identityOf(root) === watchedIdentity) {
      return 'same'
    }
    watcher?.close()
    watcher = null
    watchedRoot = null
    if (!setUp || !root) return 'none'
    const own = `devices/${setUp.id}`
    try {
      const ended = () => {
        if (watcher !== current) return
        watcher = null
        watchedRoot = null
      }
      const current = watch(
        root,
        (path) => {
          const name = path?.replaceAll('\\', '/') ?? null
          // This device's own writes are not news.
          if (name !== null && (name === own || name.startsWith(`${own}/`))) return
          if (debounce !== null) timers.clearTimeout(debounce)
          debounce = timers.setTimeout(() => {
            debounce = null
            requestPass()
          }, FOLDER_DEBOUNCE_MS)
        },
        ended,
      )
      watcher = current
      watchedRoot = root
      watchedIdentity = identityOf(root)
      return 'new'
    } catch {
      // The folder is not there now: the periodic pass says so, and watches again once it is.
      return 'none'
    }
  }

  const start = () => {
    if (started) return
    started = true
    ensureWatcher()
    lastPending = 0
    askedFor = -1
    poll = timers.setInterval(() => {
      if (!configured()) return
      const pending = state.pendingCount()
      if (pending === 0) askedFor = -1
      // Local changes, and none for two seconds (typing a note makes one row, edited often);
      // asked once per count, so a folder that cannot be reached is not tried every 2 s.
      if (pending > 0 && pending === lastPending && pending !== askedFor) {
        askedFor = pending
        requestPass()
      }
      lastPending = pending
    }, LOCAL_POLL_MS)
    periodic = timers.setInterval(() => {
      ensureWatcher()
      requestPass()
    }, PERIODIC_PASS_MS)
    requestPass()
  }

  const stop = async () => {
    started = false
    again = false
    watcher?.close()
    watcher = null
    watchedRoot = null
    if (debounce !== null) timers.clearTimeout(debounce)
    if (poll !== null) timers.clearInterval(poll)
    if (periodic !== null) timers.clearInterval(periodic)
    debounce = poll = periodic = null
    await queue
  }

  return {
    status,

    /** Whether sync is set up for `folder` (the same folder, links resolved). */
    isSetUpFor: (folder: string): boolean => {
      const setUp = configured()
      return setUp !== null && realFolder(folder) === setUp.folder
    },

    /**
     * Syncs this library through `folder` as `deviceName`. The first time, this library becomes
     * a device (a new id) and writes its whole state to the folder so others can join; with a
     * new folder later it keeps its id and writes its state into that folder. Then a pass,
     * unless `pass: false`. Refuses the library's own folder (and one inside or around it)
     * and a folder that does not exist, with a sentence.
     */
    setup: async (
      folder: string,
      deviceName: string,
      { pass: thenPass = true }: { pass?: boolean } = {},
    ): Promise<SyncStatus> => {
      const name = checkDeviceName(deviceName)
      const chosen = checkSyncFolder(folder, libraryDir)
      await exclusive(async () => {
        const existing = state.device()
        if (existing === null) {
          const device: SyncDeviceRow = {
            id: newDeviceId(),
            name,
            folder: chosen,
            createdAt: now(),
          }
          // One transaction: capture starts exactly when what was there has its ids.
          db.transaction(() => {
            state.setDevice(device)
            adoptLibrary(contextFor(db, device.id, now, state))
          })()
        } else {
          state.setDevice({ ...existing, name, folder: chosen })
        }
        if (existing?.folder !== chosen) {
          state.set('problem', null)
          state.set('notices', [])
          const device = configured()!
          await writeOwnSnapshot({ db, now, folder: chosen, device, state })
        }
      })
      changed()
      if (started) ensureWatcher()
      if (thenPass) await pass()
      return status()
    },

    /** Names this device anew (other devices see it after the next pass). */
    rename: (deviceName: string): SyncStatus => {
      const name = checkDeviceName(deviceName)
      const device = state.device()
      if (!device) {
        throw new MarginError(
          'INVALID_ARGUMENT',
          'Sync is not set up for this library; choose a folder first.',
        )
      }
      state.setDevice({ ...device, name })
      changed()
      requestPass()
      return status()
    },

    /**
     * Stops syncing: the folder is forgotten and the watcher stops. Nothing is deleted, here or
     * in the folder; this device keeps its id, and changes made meanwhile sync when a folder is
     * chosen again.
     */
    stopSyncing: async (): Promise<SyncStatus> => {
      await exclusive(async () => {
        const device = state.device()
        if (device && device.folder !== null) {
          state.setDevice({ ...device, folder: null })
          state.set('problem', null)
          state.set('notices', [])
        }
      })
      watcher?.close()
      watcher = null
      watchedRoot = null
      changed()
      return status()
    },

    /** One pass now (or the one running): this library's changes written, the others' applied. */
    pass,

    /** Starts a pass unless one runs, and answers at once (onChange follows). */
    passNow: (): SyncStatus => {
      if (configured() && !running) pass().catch(() => {})
      return status()
    },

    conflicts,

    /** Saves the note the person resolved; its paper leaves the conflicts when no marker is left. */
    resolveConflict: (paperId: number, body: string): PaperDetail => {
      const detail = deps.saveNote(paperId, body)
      if (!hasConflictMarkers(body)) forgetConflict.run(paperId)
      changed()
      return detail
    },

    /** Attached PDFs up to `bytes` are copied into the folder (larger ones are only announced). */
    setFileSizeLimit: (bytes: number): SyncStatus => {
      if (!Number.isSafeInteger(bytes) || bytes < 0) {
        throw new MarginError(
          'INVALID_ARGUMENT',
          `A file size limit is a whole number of bytes, not ${bytes}.`,
        )
      }
      state.set('fileSizeLimit', bytes)
      changed()
      return status()
    },

    /** Runs passes when the folder changes, after local changes, and every 5 minutes. */
    start,
    /** Stops the schedule; resolves when the pass that runs (if any) has ended. */
    stop,

    /** Tells `listener` the status whenever it changes; returns the function that stops it. */
    onChange: (listener: (status: SyncStatus) => void): (() => void) => {
      changeListeners.add(listener)
      return () => changeListeners.delete(listener)
    },

    /** Tells `listener` after a pass applied other devices' changes; returns the unsubscribe. */
    onApplied: (listener: (report: SyncPassReport) => void): (() => void) => {
      appliedListeners.add(listener)
      return () => appliedListeners.delete(listener)
    },
  }
}
