import type { PaperDetail } from '../../shared/models'
import { call } from '../api'
import type { SliceCreator } from './types'

/** A selection in the abstract waiting for a colour; top/left place the composer. */
export interface HighlightDraft {
  paperId: number
  start: number
  end: number
  top: number
  left: number
  /** Move the keyboard focus into the composer (when opened by key). */
  focus?: boolean
}

export interface PaperSlice {
  detail: PaperDetail | null
  highlightDraft: HighlightDraft | null
  setHighlightDraft: (draft: HighlightDraft | null) => void
  /** Shows a changed paper everywhere it appears, then refreshes the sidebar counts. */
  showPaper: (paper: PaperDetail) => Promise<void>
  loadDetail: (id: number | null) => Promise<void>
  addTag: (name: string) => Promise<void>
  removeTag: (name: string) => Promise<void>
  /** Resolves true once the note is stored; false when it could not be (the message says why). */
  saveNote: (id: number, body: string) => Promise<boolean>
}

export const createPaperSlice: SliceCreator<PaperSlice> = (set, get) => {
  // Acts on the selected paper, which the reading pane may not have finished loading yet.
  const changeSelectedPaper = (change: (id: number) => Promise<PaperDetail>) =>
    get().guard(async () => {
      const id = get().selectedId
      if (id !== null) await get().showPaper(await change(id))
    })

  return {
    detail: null,
    highlightDraft: null,

    setHighlightDraft: (highlightDraft) => set({ highlightDraft }),

    showPaper: async (paper) => {
      if (get().detail?.id === paper.id) set({ detail: paper })
      get().patchPaper(paper)
      await get().loadSidebar()
    },

    loadDetail: (id) =>
      get().guard(async () => {
        set({ highlightDraft: null })
        if (id === null) return set({ detail: null })
        const detail = await call('papers:get', { id })
        if (get().selectedId === id) set({ detail })
      }),

    addTag: (name) => changeSelectedPaper((id) => call('tags:add', { id, tags: [name] })),
    removeTag: (name) => changeSelectedPaper((id) => call('tags:remove', { id, tags: [name] })),

    saveNote: async (id, body) => {
      let saved = false
      await get().guard(async () => {
        await get().showPaper(await call('notes:save', { id, body }))
        saved = true
      })
      return saved
    },
  }
}
