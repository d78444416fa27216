import type { NoteConflict, SyncStatus } from '../../shared/models'
import { call } from '../api'
import { messageOf } from '../errors'
import type { SliceCreator } from './types'

export interface SyncSlice {
  /** Sync as the main process last said; null before the first answer. */
  sync: SyncStatus | null
  /** Papers whose note holds both texts of edits that overlapped, oldest conflict first. */
  syncConflicts: NoteConflict[]
  /** The folder synced through last, offered again after Stop syncing (this session only). */
  lastSyncFolder: string | null
  syncSettingsOpen: boolean
  conflictsOpen: boolean
  setSyncSettingsOpen: (open: boolean) => void
  setConflictsOpen: (open: boolean) => void
  /** Opens the Conflicts view once it knows the conflicts (so Enter opens the first). */
  showConflicts: () => Promise<void>
  /** Sync's status and the conflicts, as they are now. */
  loadSync: () => Promise<void>
  loadConflicts: () => Promise<void>
  /** Sync moved on ('sync:changed'). */
  syncChanged: (status: SyncStatus) => void
  /**
   * Another device's changes were applied (library:changed 'sync'): the list, the paper shown
   * and the conflicts follow (the sidebar follows every library:changed).
   */
  syncApplied: () => Promise<void>
  /** The folder picked (null: cancelled), or why none could be. */
  chooseSyncFolder: () => Promise<{ folder: string | null } | { problem: string }>
  /** Each answers why it was refused, or null when it was done. */
  setUpSync: (folder: string, deviceName: string) => Promise<string | null>
  renameSyncDevice: (deviceName: string) => Promise<string | null>
  setSyncFileSizeLimit: (bytes: number) => Promise<string | null>
  stopSync: () => Promise<void>
  /** Sync now: a pass unless one is running (the status line says how it goes). */
  syncNow: () => Promise<void>
  /**
   * Shows a conflicted paper: All papers, that paper selected and loaded in the reading pane
   * (its note holding both texts).
   */
  openConflict: (paperId: number) => Promise<void>
  /** Saves `body` as the paper's resolved note; false when it could not (the message says why). */
  resolveConflict: (paperId: number, body: string) => Promise<boolean>
}

export const createSyncSlice: SliceCreator<SyncSlice> = (set, get) => {
  /** Statuses pushed so far: an answer older than one of them must not replace it. */
  let pushed = 0
  let conflictRequests = 0

  const setStatus = (sync: SyncStatus) =>
    set(sync.folder === null ? { sync } : { sync, lastSyncFolder: sync.folder })

  /**
   * Shows the status a call answers, unless the main process pushed one while it ran (a pass may
   * end before its Sync now is answered): then the status as it is now.
   */
  const show = async (request: () => Promise<SyncStatus>) => {
    let seen = pushed
    let sync = await request()
    while (seen !== pushed) {
      seen = pushed
      sync = await call('sync:status', {})
    }
    setStatus(sync)
  }

  /** Runs a change; its refusal (a folder Margin cannot use, …) is answered as a sentence. */
  const attempt = async (change: () => Promise<void>): Promise<string | null> => {
    try {
      await change()
      return null
    } catch (error) {
      return messageOf(error)
    }
  }

  return {
    sync: null,
    syncConflicts: [],
    lastSyncFolder: null,
    syncSettingsOpen: false,
    conflictsOpen: false,
    setSyncSettingsOpen: (syncSettingsOpen) => set({ syncSettingsOpen }),
    setConflictsOpen: (conflictsOpen) => set({ conflictsOpen }),
    showConflicts: async () => {
      set({ syncSettingsOpen: false })
      await get().loadConflicts()
      set({ conflictsOpen: true })
    },

    loadSync: () =>
      get().guard(async () => {
        await Promise.all([show(() => call('sync:status', {})), get().loadConflicts()])
      }),

    loadConflicts: () =>
      get().guard(async () => {
        const request = ++conflictRequests
        const syncConflicts = await call('sync:conflicts', {})
        // Answers can arrive out of order; an older one must not replace a newer list.
        if (request === conflictRequests) set({ syncConflicts })
      }),

    syncChanged: (sync) => {
      pushed++
      setStatus(sync)
      if (sync.conflicts !== get().syncConflicts.length) void get().loadConflicts()
    },

    syncApplied: async () => {
      const shown = get().detail?.id
      await Promise.all([
        get().loadPapers({ keepSelected: true }),
        get().loadConflicts(),
        shown === undefined ? Promise.resolve() : get().refreshDetail(shown),
      ])
    },

    chooseSyncFolder: async () => {
      try {
        return await call('sync:chooseFolder', {})
      } catch (error) {
        return { problem: messageOf(error) }
      }
    },

    setUpSync: (folder, deviceName) =>
      attempt(async () => {
        await show(() => call('sync:setup', { folder, deviceName }))
        await get().loadConflicts()
      }),

    renameSyncDevice: (deviceName) =>
      attempt(() => show(() => call('sync:rename', { deviceName }))),

    setSyncFileSizeLimit: (bytes) =>
      attempt(() => show(() => call('sync:setFileSizeLimit', { bytes }))),

    stopSync: () => get().guard(() => show(() => call('sync:stop', {}))),

    syncNow: () => get().guard(() => show(() => call('sync:now', {}))),

    openConflict: async (paperId) => {
      set({ conflictsOpen: false, syncSettingsOpen: false })
      if (get().mode !== 'papers') get().setMode('papers')
      if (get().readerOpen) get().closeReader()
      await get().openPaper(paperId)
      await get().loadDetail(paperId)
    },

    resolveConflict: async (paperId, body) => {
      let resolved = false
      await get().guard(async () => {
        await get().showPaper(await call('sync:resolveConflict', { paperId, body }))
        resolved = true
        await get().loadSync()
      })
      return resolved
    },
  }
}
