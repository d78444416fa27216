import type { PaperView } from '../../shared/ipc'
import type {
  DigestSummary,
  ListSort,
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
  /** The order of lists without a search (a search is ordered by relevance). */
  listSort: ListSort
  /** What the search box could not read in the query, said gently. */
  queryProblem: string | null
  /** Every paper of the list, in order. */
  paperIds: number[]
  /** A search found more papers than it lists. */
  moreThanListed: boolean
  /** Those of the list still new. */
  newIds: ReadonlySet<number>
  /** Summaries of the rows seen so far; the others load as they scroll into view. */
  summaries: ReadonlyMap<number, PaperSummary>
  papersLoaded: boolean
  selectedId: number | null
  /** Papers picked for a bulk action (x, Ctrl/Shift+click), in list order. */
  markedIds: number[]
  loadSidebar: () => Promise<void>
  /**
   * Loads the list. `keepSelected`: the paper shown stays shown even when it left the list (a
   * change another device made to it must not swap the paper being read for another).
   */
  loadPapers: (options?: { keepSelected?: boolean }) => Promise<void>
  /** Loads the summaries missing for rows `from` to `to` of the list (and a margin around). */
  loadSummaries: (from: number, to: number) => Promise<void>
  setView: (view: PaperView) => Promise<void>
  /** Shows a paper wherever it is: All papers, no search, that paper selected. */
  openPaper: (id: number) => Promise<void>
  /** The search box's text; the list follows after a pause in typing. */
  setSearchText: (text: string) => void
  /** Searches the whole library (All papers) for `text`, as if typed in the search box. */
  searchLibrary: (text: string) => Promise<void>
  setListSort: (sort: ListSort) => Promise<void>
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
/** The pause in typing after which the list follows the search box. */
const SEARCH_DEBOUNCE_MS = 120
let typedSearch: ReturnType<typeof setTimeout> | undefined
/** Rows loaded beyond those in view, so a scroll rarely meets an empty row. */
const SUMMARY_MARGIN = 40
/** Ids asked for in the current list, so a row is never asked for twice. */
let requestedSummaries = new Set<number>()

export const createLibrarySlice: SliceCreator<LibrarySlice> = (set, get) => ({
  digests: [],
  counts: null,
  tags: [],
  view: { kind: 'inbox' },
  searchText: '',
  listSort: 'listed',
  queryProblem: null,
  paperIds: [],
  moreThanListed: false,
  newIds: new Set(),
  summaries: new Map(),
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

  loadPapers: ({ keepSelected = false } = {}) =>
    get().guard(async () => {
      const { view, searchText, listSort } = get()
      const text = searchText.trim()
      const list = await call('papers:list', { view, ...(text ? { text } : { sort: listSort }) })
      // A newer request may have changed the view, text or order meanwhile; keep only the latest.
      if (get().view !== view || get().searchText !== searchText || get().listSort !== listSort) {
        return
      }
      const { ids, firstPage, queryProblem } = list
      const selected = get().selectedId
      const selectedId =
        ids.includes(selected ?? -1) || (keepSelected && selected !== null)
          ? selected
          : (ids[0] ?? null)
      requestedSummaries = new Set(firstPage.map((p) => p.id))
      set({
        paperIds: ids,
        moreThanListed: list.more,
        newIds: new Set(list.newIds),
        summaries: new Map(firstPage.map((p) => [p.id, p])),
        queryProblem,
        papersLoaded: true,
        selectedId,
      })
    }),

  loadSummaries: (from, to) =>
    get().guard(async () => {
      const { paperIds, view, searchText } = get()
      const rows = paperIds.slice(Math.max(0, from - SUMMARY_MARGIN), to + SUMMARY_MARGIN + 1)
      const ids = rows.filter((id) => !requestedSummaries.has(id))
      if (ids.length === 0) return
      const requested = requestedSummaries
      ids.forEach((id) => requested.add(id))
      const text = searchText.trim()
      const found = await call('papers:summaries', { view, ...(text ? { text } : {}), ids })
      if (requested !== requestedSummaries) return // the list changed meanwhile
      set({ summaries: new Map([...get().summaries, ...found.map((p) => [p.id, p] as const)]) })
    }),

  openPaper: async (id) => {
    clearTimeout(typedSearch)
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

  setSearchText: (searchText) => {
    set({ searchText })
    clearTimeout(typedSearch)
    typedSearch = setTimeout(() => void get().loadPapers(), SEARCH_DEBOUNCE_MS)
  },

  searchLibrary: async (searchText) => {
    clearTimeout(typedSearch)
    set({ view: { kind: 'all' }, searchText, papersLoaded: false, markedIds: [] })
    await get().loadPapers()
  },

  setListSort: async (listSort) => {
    set({ listSort })
    await get().loadPapers()
  },

  select: (selectedId) => set({ selectedId }),

  moveSelection: (delta) => {
    const { paperIds, selectedId } = get()
    if (paperIds.length === 0) return
    const index = selectedId === null ? -1 : paperIds.indexOf(selectedId)
    const next = Math.min(paperIds.length - 1, Math.max(0, index === -1 ? 0 : index + delta))
    set({ selectedId: paperIds[next]! })
  },

  toggleMarked: (id) => {
    const marked = new Set(get().markedIds)
    if (!marked.delete(id)) marked.add(id)
    set({ markedIds: get().paperIds.filter((p) => marked.has(p)) })
  },

  markRangeTo: (id) => {
    const { paperIds, selectedId, markedIds } = get()
    const from = selectedId === null ? -1 : paperIds.indexOf(selectedId)
    const to = paperIds.indexOf(id)
    if (to === -1) return
    const [start, end] = from === -1 ? [to, to] : [Math.min(from, to), Math.max(from, to)]
    const marked = new Set([...markedIds, ...paperIds.slice(start, end + 1)])
    set({ markedIds: paperIds.filter((p) => marked.has(p)) })
  },

  markAll: () => set({ markedIds: get().paperIds }),
  clearMarked: () => set({ markedIds: [] }),

  patchStatuses: (changes) =>
    set(
      patched(
        get(),
        changes.map(({ id, status }) => ({ id, change: { status } })),
      ),
    ),

  viewTitle: () => viewTitle(get().view),

  patchPaper: (paper) =>
    set(
      patched(get(), [
        {
          id: paper.id,
          change: { status: paper.status, hasNote: paper.note !== null, tags: paper.tags },
        },
      ]),
    ),
})

/** The summaries and new ids with these changes to loaded papers applied. */
function patched(
  state: Pick<LibrarySlice, 'summaries' | 'newIds'>,
  changes: ReadonlyArray<{ id: number; change: Partial<PaperSummary> }>,
): Pick<LibrarySlice, 'summaries' | 'newIds'> {
  const summaries = new Map(state.summaries)
  const newIds = new Set(state.newIds)
  for (const { id, change } of changes) {
    const summary = summaries.get(id)
    if (summary) summaries.set(id, { ...summary, ...change })
    if (change.status === 'new') newIds.add(id)
    else if (change.status) newIds.delete(id)
  }
  return { summaries, newIds }
}

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
