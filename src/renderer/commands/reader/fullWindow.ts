import type { Command } from '../types'
import { readerOpen } from './readerActive'

export const fullWindow: Command = {
  id: 'reader-full-window',
  label: 'Read the PDF in the whole window (Esc leaves)',
  group: 'PDF',
  keys: ['f'],
  when: readerOpen,
  perform: ({ store }) => store.setReaderFullWindow(!store.readerFullWindow),
}
