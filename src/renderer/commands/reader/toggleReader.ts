import type { Command } from '../types'

export const toggleReader: Command = {
  id: 'toggle-reader',
  label: "Read the paper's PDF / back to the abstract",
  group: 'PDF',
  keys: ['v'],
  perform: ({ store }) => {
    if (store.mode === 'papers') store.toggleReader()
  },
}
