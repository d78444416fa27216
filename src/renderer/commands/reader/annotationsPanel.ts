import type { Command } from '../types'
import { readerOpen } from './readerActive'

export const annotationsPanel: Command = {
  id: 'reader-annotations',
  label: "Show / hide the paper's annotations beside the PDF",
  group: 'PDF',
  keys: ['l'],
  when: readerOpen,
  perform: ({ store }) => store.setReaderAnnotationsOpen(!store.readerAnnotationsOpen),
}
