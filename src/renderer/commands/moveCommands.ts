import type { Command } from './types'

export const nextPaper: Command = {
  id: 'next',
  label: 'Next paper',
  group: 'Move',
  keys: ['j', 'ArrowDown'],
  perform: ({ store }) => store.moveSelection(1),
}

export const previousPaper: Command = {
  id: 'previous',
  label: 'Previous paper',
  group: 'Move',
  keys: ['k', 'ArrowUp'],
  perform: ({ store }) => store.moveSelection(-1),
}

/** Rows a page key moves: about one screen of the list. */
const PAGE_ROWS = 10

export const pageDown: Command = {
  id: 'page-down',
  label: 'Ten papers down',
  group: 'Move',
  keys: ['PageDown'],
  perform: ({ store }) => store.moveSelection(PAGE_ROWS),
}

export const pageUp: Command = {
  id: 'page-up',
  label: 'Ten papers up',
  group: 'Move',
  keys: ['PageUp'],
  perform: ({ store }) => store.moveSelection(-PAGE_ROWS),
}

export const firstPaper: Command = {
  id: 'first',
  label: 'First paper',
  group: 'Move',
  keys: ['Home'],
  perform: ({ store }) => store.moveSelection(-Infinity),
}

export const lastPaper: Command = {
  id: 'last',
  label: 'Last paper',
  group: 'Move',
  keys: ['End'],
  perform: ({ store }) => store.moveSelection(Infinity),
}
