import type { PaperView } from '../../shared/ipc'
import { READING_STATUSES } from '../../shared/models'
import type { Store } from '../store'
import { selectedRange } from '../selection'
import { ELEMENT_IDS, focusElement } from './focus'
import type { Command } from './types'

export const focusSearch: Command = {
  id: 'focus-search',
  label: 'Search',
  group: 'Go to',
  keys: ['/'],
  perform: () => focusElement(ELEMENT_IDS.search),
}

export const focusNote: Command = {
  id: 'focus-note',
  label: 'Write a note',
  group: 'Go to',
  keys: ['n'],
  perform: () => focusElement(ELEMENT_IDS.note),
}

export const leaveField: Command = {
  id: 'leave-field',
  label: 'Leave the field / close',
  group: 'Go to',
  keys: ['Escape'],
  inFields: true,
  perform: ({ store }) => {
    if (store.mode !== 'papers') return store.setMode('papers')
    if (store.markedIds.length > 0) return store.clearMarked()
    focusElement(ELEMENT_IDS.list)
  },
}

/** The sidebar entries in order, for moving between them by key. */
export function sidebarViews(store: Store): PaperView[] {
  return [
    { kind: 'inbox' },
    ...store.digests.map((d) => ({ kind: 'digest' as const, date: d.date })),
    ...READING_STATUSES.filter((s) => s !== 'new').map((status) => ({
      kind: 'status' as const,
      status,
    })),
    { kind: 'all' },
    ...store.tags.map((t) => ({ kind: 'tag' as const, tag: t.name })),
  ]
}

function moveView(store: Store, delta: number): void {
  const views = sidebarViews(store)
  const index = views.findIndex((v) => JSON.stringify(v) === JSON.stringify(store.view))
  const next = views[(index + delta + views.length) % views.length]
  if (next) void store.setView(next)
}

export const nextView: Command = {
  id: 'next-view',
  label: 'Next list in the sidebar',
  group: 'Go to',
  keys: [']'],
  perform: ({ store }) => moveView(store, 1),
}

export const previousView: Command = {
  id: 'previous-view',
  label: 'Previous list in the sidebar',
  group: 'Go to',
  keys: ['['],
  perform: ({ store }) => moveView(store, -1),
}

export const highlightSelection: Command = {
  id: 'highlight',
  label: 'Highlight the text selected in the abstract',
  group: 'Go to',
  keys: ['h'],
  perform: ({ store }) => {
    const abstract = document.getElementById(ELEMENT_IDS.abstract)
    const range = abstract && selectedRange(abstract)
    if (range && store.detail)
      store.setHighlightDraft({ paperId: store.detail.id, ...range, focus: true })
  },
}
