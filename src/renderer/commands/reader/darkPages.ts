import type { Command } from '../types'
import { readerOpen } from './readerActive'

export const darkPages: Command = {
  id: 'reader-dark-pages',
  label: 'Dark pages in the reader (figures keep their colours)',
  group: 'PDF',
  keys: ['I'],
  when: readerOpen,
  perform: ({ store }) => store.toggleReaderDarkPages(),
}
