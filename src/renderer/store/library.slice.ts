import type { PaperView } from '../../shared/ipc'
import type {
  DigestSummary,
  PaperDetail,
  PaperSummary,
  StatusAssignment,
  StatusCounts,
  TagCount,
} from '../../shared/models'
import { call } from '../api'
import { digestLabel } from '../format'
import { STATUS_LABELS } from '../statusLabels'
import type { SliceCreator } from './types'

export interface LibrarySlice {
  digests: DigestSummary[]
  counts: StatusCounts | null
  tags: TagCount[]
  view: PaperView
  searchText: string
  /** What the search box could not read in the query, said gently. */
  queryProblem: string | null
  papers: PaperSummary[]
  papersLoaded: boolean
  selectedId: number | null
  /** Papers picked for a bulk action (x, Ctrl/Shift+click), in list order. */
  markedIds: number[]
  loadSidebar: () => Promise<void>
  loadPapers: () => Promise<void>
  setView: (view: PaperView) => Promise<void>
  /** Shows a paper wherever it is: All papers, no search, that paper selected. */
  openPaper: (id: number) => Promise<void>
  setSearchText: (text: string) => void
  select: (id: number | null) => void
  moveSelection: (delta: number) => void
  toggleMarked: (id: number) => void
  markRangeTo: (id: number) => void
  markAll: () => void
  clearMarked: () => void
  /** Shows a change made in the reading pane in the list without reloading it. */
  patchPaper: (paper: PaperDetail) => void
  patchStatuses: (changes: StatusAssignment[]) => void
  /** The name of the current list, as the sidebar shows it. */
  viewTitle: () => string
}

let sidebarRequests = 0

export const createLibrarySlice: SliceCreator<LibrarySlice> = (set, get) => ({
  digests: [],
  counts: null,
  tags: [],
  view: { kind: 'inbox' },
  searchText: '',
  queryProblem: null,
  papers: [],
  papersLoaded: false,
  selectedId: null,
  markedIds: [],

  loadSidebar: () =>
    get().guard(async () => {
      const request = ++sidebarRequests
      const [digests, counts, tags] = await Promise.all([
        call('digests:list', {}),
        call('library:counts', {}),
        call('tags:list', {}),
      ])
      // Answers can arrive out of order; an older one must not overwrite newer counts.
      if (request === sidebarRequests) set({ digests, counts, tags })
    }),

  loadPapers: () =>
    get().guard(async () => {
      const { view, searchText } = get()
      const text = searchText.trim()
      const { papers, queryProblem } = await call('papers:list', {
        view,
        ...(text ? { text } : {}),
      })
      // A newer request may have changed the view or the text meanwhile; keep only the latest.
      if (get().view !== view || get().searchText !== searchText) return
      const selectedId = papers.some((p) => p.id === get().selectedId)
        ? get().selectedId
        : (papers[0]?.id ?? null)
      set({ papers, queryProblem, papersLoaded: true, selectedId })
    }),

  openPaper: async (id) => {
    set({
      view: { kind: 'all' },
      searchText: '',
      papersLoaded: false,
      markedIds: [],
      selectedId: id,
    })
    await get().loadPapers()
  },

  setView: async (view) => {
    set({ view, papersLoaded: false, markedIds: [] })
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

  toggleMarked: (id) => {
    const marked = new Set(get().markedIds)
    if (!marked.delete(id)) marked.add(id)
    set({
      markedIds: get()
        .papers.filter((p) => marked.has(p.id))
        .map((p) => p.id),
    })
  },

  markRangeTo: (id) => {
    const { papers, selectedId, markedIds } = get()
    const from = papers.findIndex((p) => p.id === selectedId)
    const to = papers.findIndex((p) => p.id === id)
    if (to === -1) return
    const [start, end] = from === -1 ? [to, to] : [Math.min(from, to), Math.max(from, to)]
    const marked = new Set([...markedIds, ...papers.slice(start, end + 1).map((p) => p.id)])
    set({ markedIds: papers.filter((p) => marked.has(p.id)).map((p) => p.id) })
  },

  markAll: () => set({ markedIds: get().papers.map((p) => p.id) }),
  clearMarked: () => set({ markedIds: [] }),

  patchStatuses: (changes) => {
    const status = new Map(changes.map((c) => [c.id, c.status]))
    set({
      papers: get().papers.map((p) => (status.has(p.id) ? { ...p, status: status.get(p.id)! } : p)),
    })
  },

  viewTitle: () => viewTitle(get().view),

  patchPaper: (paper) =>
    set({
      papers: get().papers.map((p) =>
        p.id === paper.id
          ? { ...p, status: paper.status, hasNote: paper.note !== null, tags: paper.tags }
          : p,
      ),
    }),
})

function viewTitle(view: PaperView): string {
  switch (view.kind) {
    case 'inbox':
      return 'Inbox'
    case 'all':
      return 'All papers'
    case 'digest':
      return digestLabel(view.date)
    case 'status':
      return STATUS_LABELS[view.status]
    case 'tag':
      return `#${view.tag}`
  }
}
