import type { Command } from './types'

export const undo: Command = {
  id: 'undo',
  label: 'Undo the last change (a status, an annotation)',
  group: 'Status',
  keys: ['Mod+z'],
  perform: ({ store }) => void store.undo(),
}

export const startTriage: Command = {
  id: 'triage',
  label: 'Triage the new papers of this list, one at a time',
  group: 'Triage',
  keys: ['t'],
  perform: ({ store }) => {
    if (store.mode !== 'triage') store.startTriage()
  },
}

export const toggleMark: Command = {
  id: 'mark',
  label: 'Pick the paper for a bulk action',
  group: 'Triage',
  keys: ['x'],
  perform: ({ store }) => {
    if (store.mode === 'papers' && store.selectedId !== null) store.toggleMarked(store.selectedId)
  },
}

export const markAll: Command = {
  id: 'mark-all',
  label: 'Pick every paper of the list',
  group: 'Triage',
  keys: ['Mod+a'],
  perform: ({ store }) => {
    if (store.mode === 'papers') store.markAll()
  },
}

export const showStats: Command = {
  id: 'stats',
  label: 'Reading stats',
  group: 'Go to',
  keys: ['S'],
  perform: ({ store }) => store.setMode(store.mode === 'stats' ? 'papers' : 'stats'),
}
