import type { Command } from '../types'
import { readerOpen } from './readerActive'

export const zoomOut: Command = {
  id: 'reader-zoom-out',
  label: 'Zoom out',
  group: 'PDF',
  keys: ['-', 'Mod+-'],
  repeats: true,
  when: readerOpen,
  perform: ({ store }) => store.readerHandle?.zoomOut(),
}
