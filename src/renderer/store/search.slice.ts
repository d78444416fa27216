import type { PaperSummary, SavedSearch } from '../../shared/models'
import { call } from '../api'
import type { SliceCreator } from './types'

export interface SearchSlice {
  savedSearches: SavedSearch[]
  related: PaperSummary[]
  loadSavedSearches: () => Promise<void>
  saveSearch: (name: string, query: string) => Promise<void>
  deleteSearch: (id: number) => Promise<void>
  runSavedSearch: (search: SavedSearch) => Promise<void>
  loadRelated: (id: number | null) => Promise<void>
}

export const createSearchSlice: SliceCreator<SearchSlice> = (set, get) => ({
  savedSearches: [],
  related: [],

  loadSavedSearches: () =>
    get().guard(async () => set({ savedSearches: await call('searches:list', {}) })),

  saveSearch: (name, query) =>
    get().guard(async () => set({ savedSearches: await call('searches:save', { name, query }) })),

  deleteSearch: (id) =>
    get().guard(async () => set({ savedSearches: await call('searches:delete', { id }) })),

  runSavedSearch: (search) => get().searchLibrary(search.query),

  loadRelated: (id) =>
    get().guard(async () => {
      set({ related: [] })
      if (id === null) return
      const related = await call('papers:related', { id })
      if (get().selectedId === id) set({ related })
    }),
})
