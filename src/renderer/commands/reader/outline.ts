import type { Command } from '../types'
import { readerOpen } from './readerActive'

export const outline: Command = {
  id: 'reader-outline',
  label: "Show / hide the PDF's outline",
  group: 'PDF',
  keys: ['o'],
  when: readerOpen,
  perform: ({ store }) => store.setReaderOutlineOpen(!store.readerOutlineOpen),
}
