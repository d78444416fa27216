import type { Command } from '../types'
import { readerOpen } from './readerActive'

/** The reader toolbar's page field. */
export const READER_PAGE_FIELD_ID = 'reader-page'

export const goToPage: Command = {
  id: 'reader-go-to-page',
  label: 'Go to a page of the PDF',
  group: 'PDF',
  keys: ['g'],
  when: readerOpen,
  perform: () => {
    const field = document.getElementById(READER_PAGE_FIELD_ID)
    if (field instanceof HTMLInputElement) {
      field.focus()
      field.select()
    }
  },
}
