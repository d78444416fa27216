import type { Command } from '../types'
import { readerOpen } from './readerActive'

export const fitWidth: Command = {
  id: 'reader-fit-width',
  label: 'Fit the page width',
  group: 'PDF',
  keys: ['w', 'Mod+0'],
  when: readerOpen,
  perform: ({ store }) => store.readerHandle?.fitWidth(),
}
