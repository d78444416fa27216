import type { Command } from '../types'
import { readerOpen } from './readerActive'

export const zoomIn: Command = {
  id: 'reader-zoom-in',
  label: 'Zoom in',
  group: 'PDF',
  keys: ['Mod+=', 'Mod++'],
  inFields: true,
  repeats: true,
  when: readerOpen,
  perform: ({ store }) => store.readerHandle?.zoomIn(),
}
