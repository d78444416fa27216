import type { PaperSummary, SavedSearch, SearchRule } from '../../shared/models'
import { call } from '../api'
import { messageOf } from '../errors'
import type { SliceCreator } from './types'

export interface SearchSlice {
  savedSearches: SavedSearch[]
  related: PaperSummary[]
  /** The saved search whose rule is being edited (its dialog is open). */
  ruleSearchId: number | null
  setRuleSearchId: (id: number | null) => void
  loadSavedSearches: () => Promise<void>
  saveSearch: (name: string, query: string) => Promise<void>
  deleteSearch: (id: number) => Promise<void>
  /** What the saved search does to new fetched papers that match it (null: nothing); answers
   * why it was refused, or null when it was set. */
  setSearchRule: (id: number, rule: SearchRule | null) => Promise<string | null>
  runSavedSearch: (search: SavedSearch) => Promise<void>
  loadRelated: (id: number | null) => Promise<void>
}

export const createSearchSlice: SliceCreator<SearchSlice> = (set, get) => ({
  savedSearches: [],
  related: [],
  ruleSearchId: null,
  setRuleSearchId: (ruleSearchId) => set({ ruleSearchId }),

  loadSavedSearches: () =>
    get().guard(async () => set({ savedSearches: await call('searches:list', {}) })),

  saveSearch: (name, query) =>
    get().guard(async () => set({ savedSearches: await call('searches:save', { name, query }) })),

  deleteSearch: (id) =>
    get().guard(async () => set({ savedSearches: await call('searches:delete', { id }) })),

  setSearchRule: async (id, rule) => {
    try {
      set({ savedSearches: await call('searches:setRule', { id, rule }) })
      return null
    } catch (error) {
      return messageOf(error)
    }
  },

  runSavedSearch: (search) => get().searchLibrary(search.query),

  loadRelated: (id) =>
    get().guard(async () => {
      set({ related: [] })
      if (id === null) return
      const related = await call('papers:related', { id })
      if (get().selectedId === id) set({ related })
    }),
})
