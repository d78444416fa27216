import type { Command } from '../types'
import { readerOpen } from './readerActive'

export const drawArea: Command = {
  id: 'reader-area',
  label: 'Mark an area (arrows move, Shift+arrows size, Enter makes it, Esc cancels)',
  group: 'PDF',
  keys: ['r'],
  when: readerOpen,
  perform: ({ store }) => store.readerHandle?.startArea(),
}
