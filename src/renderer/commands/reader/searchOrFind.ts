import { focusSearch } from '../goCommands'
import type { Command } from '../types'
import { findInDocument } from './findInDocument'
import { readerOpen } from './readerActive'

/**
 * Edit › Search Papers (Ctrl+F, a menu accelerator: in Electron the window never sees that
 * key): with the PDF open it finds in the document, as Ctrl+F does in the window; else it goes
 * to the search box.
 */
export const searchOrFind: Command = {
  ...focusSearch,
  id: 'search-or-find',
  perform: (context) =>
    readerOpen(context.store) ? findInDocument.perform(context) : focusSearch.perform(context),
}
