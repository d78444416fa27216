import { beforeEach, describe, expect, it, vi } from 'vitest'
import { create } from 'zustand'
import type { NoteConflict, PaperDetail, SyncStatus } from '../../shared/models'
import { ApiError } from '../api'
import { createSyncSlice, type SyncSlice } from './sync.slice'

const calls: Array<[string, unknown]> = []
const answers = new Map<string, (request: unknown) => Promise<unknown>>()
vi.mock('../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../api')>()),
  call: (channel: string, request: unknown) => {
    calls.push([channel, request])
    return answers.get(channel)?.(request) ?? Promise.resolve(null)
  },
}))

const status = (over: Partial<SyncStatus> = {}): SyncStatus => ({
  configured: true,
  folder: '/sync',
  deviceId: 'abcdefgh12345678',
  deviceName: 'Desk',
  syncing: false,
  lastSyncAt: 1,
  devices: [],
  conflicts: 0,
  pending: 0,
  filesWaiting: 0,
  fileSizeLimit: 50 * 1024 * 1024,
  notices: [],
  problem: null,
  folderWarning: null,
  ...over,
})

const conflict = (paperId: number): NoteConflict => ({
  paperId,
  title: `Paper ${paperId}`,
  since: 5,
})

type TestStore = SyncSlice & {
  message: string | null
  mode: 'papers' | 'triage' | 'stats'
  readerOpen: boolean
  detail: { id: number } | null
  shown: PaperDetail[]
  opened: number[]
  papersLoads: Array<{ keepSelected?: boolean } | undefined>
  refreshed: number[]
  guard: (action: () => Promise<void>) => Promise<void>
  loadPapers: (options?: { keepSelected?: boolean }) => Promise<void>
  refreshDetail: (id: number) => Promise<void>
  showPaper: (paper: PaperDetail) => Promise<void>
  openPaper: (id: number) => Promise<void>
  loadDetail: (id: number | null) => Promise<void>
  loaded: Array<number | null>
  setMode: (mode: 'papers' | 'stats') => void
  closeReader: () => void
}

/** The slice with what it takes from the rest of the store: guard, the views it refreshes. */
function syncStore() {
  return create<TestStore>()((set, get, api) => ({
    message: null,
    mode: 'papers',
    readerOpen: false,
    detail: null,
    shown: [],
    opened: [],
    papersLoads: [],
    refreshed: [],
    guard: async (action) => {
      try {
        await action()
      } catch (error) {
        set({ message: (error as Error).message })
      }
    },
    loadPapers: async (options) => set({ papersLoads: [...get().papersLoads, options] }),
    refreshDetail: async (id) => set({ refreshed: [...get().refreshed, id] }),
    showPaper: async (paper) => set({ shown: [...get().shown, paper] }),
    openPaper: async (id) => set({ opened: [...get().opened, id] }),
    loaded: [],
    loadDetail: async (id) => set({ loaded: [...get().loaded, id] }),
    setMode: (mode) => set({ mode }),
    closeReader: () => set({ readerOpen: false }),
    ...createSyncSlice(set as never, get as never, api as never),
  }))
}

beforeEach(() => {
  calls.length = 0
  answers.clear()
})

describe('sync in the window', () => {
  it('loads the status and the conflicts', async () => {
    answers.set('sync:status', async () => status({ conflicts: 1 }))
    answers.set('sync:conflicts', async () => [conflict(7)])
    const store = syncStore()
    await store.getState().loadSync()
    expect(store.getState().sync?.conflicts).toBe(1)
    expect(store.getState().syncConflicts).toEqual([conflict(7)])
  })

  it('follows pushed statuses, and asks for the conflicts when their number changed', async () => {
    answers.set('sync:conflicts', async () => [conflict(3), conflict(4)])
    const store = syncStore()
    store.getState().syncChanged(status({ syncing: true }))
    expect(store.getState().sync?.syncing).toBe(true)
    expect(calls.map(([channel]) => channel)).toEqual([])
    store.getState().syncChanged(status({ conflicts: 2 }))
    await vi.waitFor(() => expect(store.getState().syncConflicts).toHaveLength(2))
  })

  it('keeps a status pushed while Sync now was answered (the pass ended first)', async () => {
    const store = syncStore()
    let answer: (value: SyncStatus) => void = () => {}
    answers.set('sync:now', () => new Promise((resolve) => (answer = resolve)))
    answers.set('sync:status', async () => status({ syncing: false, lastSyncAt: 99 }))
    const asked = store.getState().syncNow()
    store.getState().syncChanged(status({ syncing: false, lastSyncAt: 99 }))
    answer(status({ syncing: true, lastSyncAt: 1 }))
    await asked
    expect(store.getState().sync).toMatchObject({ syncing: false, lastSyncAt: 99 })
  })

  it('answers why the folder was refused, in the library’s words, and stays off', async () => {
    const store = syncStore()
    answers.set('sync:status', async () => status({ configured: false }))
    await store.getState().loadSync()
    answers.set('sync:setup', async () => {
      throw new ApiError({
        code: 'INVALID_ARGUMENT',
        message: 'That folder is the library’s own: choose a folder outside it.',
      })
    })
    const refused = await store.getState().setUpSync('/lib', 'Desk')
    expect(refused).toBe('That folder is the library’s own: choose a folder outside it.')
    expect(store.getState().sync?.configured).toBe(false)
    expect(store.getState().message).toBeNull()
  })

  it('sets up, renames and sets the size limit, showing each answer', async () => {
    const store = syncStore()
    answers.set('sync:setup', async () => status({ deviceName: 'Desk' }))
    answers.set('sync:conflicts', async () => [])
    expect(await store.getState().setUpSync('/sync', 'Desk')).toBeNull()
    expect(calls[0]).toEqual(['sync:setup', { folder: '/sync', deviceName: 'Desk' }])
    answers.set('sync:rename', async () => status({ deviceName: 'Laptop' }))
    expect(await store.getState().renameSyncDevice('Laptop')).toBeNull()
    expect(store.getState().sync?.deviceName).toBe('Laptop')
    answers.set('sync:setFileSizeLimit', async (request) =>
      status({ fileSizeLimit: (request as { bytes: number }).bytes }),
    )
    expect(await store.getState().setSyncFileSizeLimit(2 * 1024 * 1024)).toBeNull()
    expect(store.getState().sync?.fileSizeLimit).toBe(2 * 1024 * 1024)
  })

  it('remembers the folder after Stop syncing, to offer it again', async () => {
    const store = syncStore()
    answers.set('sync:setup', async () => status({ folder: '/sync' }))
    answers.set('sync:conflicts', async () => [])
    await store.getState().setUpSync('/sync', 'Desk')
    answers.set('sync:stop', async () => status({ configured: false, folder: null }))
    await store.getState().stopSync()
    expect(store.getState().sync?.configured).toBe(false)
    expect(store.getState().lastSyncFolder).toBe('/sync')
  })

  it('says why no folder could be chosen (outside the app)', async () => {
    const store = syncStore()
    answers.set('sync:chooseFolder', async () => {
      throw new ApiError({ code: 'INTERNAL', message: 'Choosing a folder needs the desktop app.' })
    })
    expect(await store.getState().chooseSyncFolder()).toEqual({
      problem: 'Choosing a folder needs the desktop app.',
    })
    answers.set('sync:chooseFolder', async () => ({ folder: null }))
    expect(await store.getState().chooseSyncFolder()).toEqual({ folder: null })
  })

  it('shows another device’s changes: the list, the paper shown, the conflicts', async () => {
    const store = syncStore()
    store.setState({ detail: { id: 12 } })
    answers.set('sync:conflicts', async () => [conflict(12)])
    await store.getState().syncApplied()
    // The paper being read stays shown even if the change took it out of the list.
    expect(store.getState().papersLoads).toEqual([{ keepSelected: true }])
    expect(store.getState().refreshed).toEqual([12])
    expect(store.getState().syncConflicts).toEqual([conflict(12)])
  })

  it('opens the Conflicts view once it knows them, closing Settings', async () => {
    const store = syncStore()
    store.setState({ syncSettingsOpen: true })
    let answer: (value: NoteConflict[]) => void = () => {}
    answers.set('sync:conflicts', () => new Promise((resolve) => (answer = resolve)))
    const opening = store.getState().showConflicts()
    expect(store.getState()).toMatchObject({ syncSettingsOpen: false, conflictsOpen: false })
    answer([conflict(9)])
    await opening
    expect(store.getState()).toMatchObject({ conflictsOpen: true, syncConflicts: [conflict(9)] })
  })

  it('opens a conflicted paper in the list, out of triage and the reader', async () => {
    const store = syncStore()
    store.setState({ conflictsOpen: true, mode: 'stats', readerOpen: true })
    await store.getState().openConflict(4)
    expect(store.getState()).toMatchObject({
      conflictsOpen: false,
      mode: 'papers',
      readerOpen: false,
      opened: [4],
      loaded: [4],
    })
  })

  it('marks a conflict resolved: the paper shows the note, the list and status follow', async () => {
    const store = syncStore()
    const paper = { id: 4, note: 'kept' } as PaperDetail
    answers.set('sync:resolveConflict', async () => paper)
    answers.set('sync:status', async () => status({ conflicts: 0 }))
    answers.set('sync:conflicts', async () => [])
    store.setState({ syncConflicts: [conflict(4)] })
    expect(await store.getState().resolveConflict(4, 'kept')).toBe(true)
    expect(calls[0]).toEqual(['sync:resolveConflict', { paperId: 4, body: 'kept' }])
    expect(store.getState().shown).toEqual([paper])
    expect(store.getState().syncConflicts).toEqual([])
  })

  it('says why a resolve failed and answers false, keeping the conflict listed', async () => {
    const store = syncStore()
    answers.set('sync:resolveConflict', async () => {
      throw new ApiError({ code: 'NOT_FOUND', message: 'That paper is no longer in the library.' })
    })
    store.setState({ syncConflicts: [conflict(4)] })
    expect(await store.getState().resolveConflict(4, 'kept')).toBe(false)
    expect(store.getState().message).toBe('That paper is no longer in the library.')
    expect(store.getState().syncConflicts).toEqual([conflict(4)])
  })
})
