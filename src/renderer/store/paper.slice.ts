import type { HighlightColor, PaperDetail } from '../../shared/models'
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
  createHighlight: (draft: HighlightDraft, color: HighlightColor, comment: string) => Promise<void>
  updateHighlight: (
    id: number,
    change: { color?: HighlightColor; comment?: string | null },
  ) => Promise<void>
  deleteHighlight: (id: number) => Promise<void>
  loadDetail: (id: number | null) => Promise<void>
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
    highlightDraft: null,

    setHighlightDraft: (highlightDraft) => set({ highlightDraft }),

    createHighlight: (draft, color, comment) =>
      get().guard(async () => {
        set({ highlightDraft: null })
        window.getSelection()?.removeAllRanges()
        const { paperId, start, end } = draft
        const trimmed = comment.trim()
        await applyChange(
          await call('highlights:create', {
            paperId,
            start,
            end,
            color,
            ...(trimmed ? { comment: trimmed } : {}),
          }),
        )
      }),

    updateHighlight: (id, change) =>
      get().guard(async () => applyChange(await call('highlights:update', { id, ...change }))),

    deleteHighlight: (id) =>
      get().guard(async () => applyChange(await call('highlights:delete', { id }))),

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
        await applyChange(await call('notes:save', { id, body }))
        saved = true
      })
      return saved
    },
  }
}
