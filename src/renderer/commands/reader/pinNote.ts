import type { Command } from '../types'
import { readerOpen } from './readerActive'

export const pinNote: Command = {
  id: 'reader-note',
  label: 'Pin a note (at the selection, or the top of the page in view)',
  group: 'PDF',
  keys: ['N'],
  when: readerOpen,
  perform: ({ store }) => store.readerHandle?.pinNote(),
}
