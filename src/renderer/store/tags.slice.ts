import { call } from '../api'
import type { SliceCreator } from './types'

export interface TagsSlice {
  tagsDialogOpen: boolean
  setTagsDialogOpen: (open: boolean) => void
  /** Renaming onto an existing tag merges the two. */
  renameTag: (from: string, to: string) => Promise<void>
  deleteTag: (name: string) => Promise<void>
}

export const createTagsSlice: SliceCreator<TagsSlice> = (set, get) => {
  const refresh = async () => {
    const { view, selectedId } = get()
    if (view.kind === 'tag' && !get().tags.some((t) => t.name === view.tag)) {
      await get().setView({ kind: 'all' })
    } else {
      await get().loadPapers()
    }
    await get().loadDetail(selectedId)
  }

  return {
    tagsDialogOpen: false,
    setTagsDialogOpen: (tagsDialogOpen) => set({ tagsDialogOpen }),

    renameTag: (from, to) =>
      get().guard(async () => {
        set({ tags: await call('tags:rename', { from, to }) })
        await refresh()
      }),

    deleteTag: (name) =>
      get().guard(async () => {
        set({ tags: await call('tags:delete', { name }) })
        await refresh()
      }),
  }
}
