import type { Command } from '../types'
import { readerOpen } from './readerActive'

// Ctrl+= and Ctrl+- are also View › Zoom In / Out in the desktop app's menu, whose
// accelerators zoom the whole window before the page sees the keys: there + and - zoom the PDF.

export const zoomIn: Command = {
  id: 'reader-zoom-in',
  label: 'Zoom in',
  group: 'PDF',
  keys: ['+', '=', 'Mod+=', 'Mod++'],
  repeats: true,
  when: readerOpen,
  perform: ({ store }) => store.readerHandle?.zoomIn(),
}
