import type { Command } from '../types'
import { readerOpen } from './readerActive'

export const findInDocument: Command = {
  id: 'reader-find',
  label: 'Find in the PDF (Enter next, Shift+Enter previous)',
  group: 'PDF',
  keys: ['Mod+f'],
  inFields: true,
  when: readerOpen,
  perform: ({ store }) => store.setReaderFindOpen(true),
}
