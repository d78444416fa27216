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
