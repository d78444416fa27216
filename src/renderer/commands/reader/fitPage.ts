import type { Command } from '../types'
import { readerOpen } from './readerActive'

export const fitPage: Command = {
  id: 'reader-fit-page',
  label: 'Fit the whole page',
  group: 'PDF',
  keys: ['p', 'Mod+9'],
  when: readerOpen,
  perform: ({ store }) => store.readerHandle?.fitPage(),
}
