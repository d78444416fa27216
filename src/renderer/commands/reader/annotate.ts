import type { Store } from '../../store'
import type { Command } from '../types'
import { readerOpen } from './readerActive'

/** Text is selected on the open reader's pages. */
function selectionInReader(store: Store): boolean {
  return readerOpen(store) && store.readerHandle!.hasSelection()
}

function markCommand(
  id: string,
  label: string,
  key: string,
  type: 'highlight' | 'underline',
  withComment: boolean,
): Command {
  return {
    id,
    label,
    group: 'PDF',
    keys: [key],
    when: selectionInReader,
    perform: ({ store }) => store.readerHandle?.annotateSelection(type, withComment),
  }
}

/** The keys that mark the text selected on a PDF page (h is also the abstract's highlight). */
export const annotateCommands = {
  highlight: markCommand(
    'reader-highlight',
    'Highlight the text selected in the PDF',
    'h',
    'highlight',
    false,
  ),
  underline: markCommand(
    'reader-underline',
    'Underline the text selected in the PDF',
    'u',
    'underline',
    false,
  ),
  comment: markCommand(
    'reader-comment',
    'Highlight the selected text with a comment',
    'c',
    'highlight',
    true,
  ),
}
