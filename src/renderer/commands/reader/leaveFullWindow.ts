import type { Command } from '../types'

export const leaveFullWindow: Command = {
  id: 'reader-leave-full-window',
  label: 'Leave the full-window reader',
  group: 'PDF',
  keys: ['Escape'],
  inFields: true,
  when: (store) => store.readerFullWindow && !store.readerFindOpen,
  perform: ({ store }) => store.setReaderFullWindow(false),
}
