import type { PaperDetail, ReadingStatus } from '../../shared/models'
import { call } from '../api'
import type { SliceCreator } from './types'

export interface PaperSlice {
  detail: PaperDetail | null
  loadDetail: (id: number | null) => Promise<void>
  setStatus: (status: ReadingStatus) => Promise<void>
  addTag: (name: string) => Promise<void>
  removeTag: (name: string) => Promise<void>
  /** Resolves true once the note is stored; false when it could not be (the message says why). */
  saveNote: (id: number, body: string) => Promise<boolean>
}

export const createPaperSlice: SliceCreator<PaperSlice> = (set, get) => {
  /** Applies a changed paper everywhere it shows, then refreshes the sidebar counts. */
  const applyChange = async (paper: PaperDetail) => {
    if (get().detail?.id === paper.id) set({ detail: paper })
    get().patchPaper(paper)
    await get().loadSidebar()
  }
  // Acts on the selected paper, which the reading pane may not have finished loading yet.
  const changeSelectedPaper = (change: (id: number) => Promise<PaperDetail>) =>
    get().guard(async () => {
      const id = get().selectedId
      if (id !== null) await applyChange(await change(id))
    })

  return {
    detail: null,

    loadDetail: (id) =>
      get().guard(async () => {
        if (id === null) return set({ detail: null })
        const detail = await call('papers:get', { id })
        if (get().selectedId === id) set({ detail })
      }),

    setStatus: (status) => changeSelectedPaper((id) => call('papers:setStatus', { id, status })),
    addTag: (name) => changeSelectedPaper((id) => call('tags:add', { id, tags: [name] })),
    removeTag: (name) => changeSelectedPaper((id) => call('tags:remove', { id, tags: [name] })),

    saveNote: async (id, body) => {
      let saved = false
      await get().guard(async () => {
        await applyChange(await call('notes:save', { id, body }))
        saved = true
      })
      return saved
    },
  }
}
