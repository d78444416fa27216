import type { PaperView } from '../../shared/ipc'
import type {
  DigestSummary,
  PaperDetail,
  PaperSummary,
  StatusCounts,
  TagCount,
} from '../../shared/models'
import { call } from '../api'
import type { SliceCreator } from './types'

export interface LibrarySlice {
  digests: DigestSummary[]
  counts: StatusCounts | null
  tags: TagCount[]
  view: PaperView
  searchText: string
  papers: PaperSummary[]
  papersLoaded: boolean
  selectedId: number | null
  loadSidebar: () => Promise<void>
  loadPapers: () => Promise<void>
  setView: (view: PaperView) => Promise<void>
  setSearchText: (text: string) => void
  select: (id: number | null) => void
  moveSelection: (delta: number) => void
  /** Shows a change made in the reading pane in the list without reloading it. */
  patchPaper: (paper: PaperDetail) => void
}

export const createLibrarySlice: SliceCreator<LibrarySlice> = (set, get) => ({
  digests: [],
  counts: null,
  tags: [],
  view: { kind: 'inbox' },
  searchText: '',
  papers: [],
  papersLoaded: false,
  selectedId: null,

  loadSidebar: () =>
    get().guard(async () => {
      const [digests, counts, tags] = await Promise.all([
        call('digests:list', {}),
        call('library:counts', {}),
        call('tags:list', {}),
      ])
      set({ digests, counts, tags })
    }),

  loadPapers: () =>
    get().guard(async () => {
      const { view, searchText } = get()
      const text = searchText.trim()
      const papers = await call('papers:list', { view, ...(text ? { text } : {}) })
      // A newer request may have changed the view or the text meanwhile; keep only the latest.
      if (get().view !== view || get().searchText !== searchText) return
      const selectedId = papers.some((p) => p.id === get().selectedId)
        ? get().selectedId
        : (papers[0]?.id ?? null)
      set({ papers, papersLoaded: true, selectedId })
    }),

  setView: async (view) => {
    set({ view, papersLoaded: false })
    await get().loadPapers()
  },

  setSearchText: (searchText) => set({ searchText }),

  select: (selectedId) => set({ selectedId }),

  moveSelection: (delta) => {
    const { papers, selectedId } = get()
    if (papers.length === 0) return
    const index = papers.findIndex((p) => p.id === selectedId)
    const next = Math.min(papers.length - 1, Math.max(0, index === -1 ? 0 : index + delta))
    set({ selectedId: papers[next]!.id })
  },

  patchPaper: (paper) =>
    set({
      papers: get().papers.map((p) =>
        p.id === paper.id
          ? { ...p, status: paper.status, hasNote: paper.note !== null, tags: paper.tags }
          : p,
      ),
    }),
})
