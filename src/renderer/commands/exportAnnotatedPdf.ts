import { call } from '../api'
import type { Store } from '../store'
import type { Command } from './types'

/** The paper shown, when it is a paper with a PDF (or its detail is still on its way). */
function paperWithPdf(store: Store): { id: number; hasPdf: boolean } | null {
  const id = store.selectedId
  if (store.mode !== 'papers' || id === null) return null
  const detail = store.detail?.id === id ? store.detail : null
  return { id, hasPdf: detail === null || detail.files.length > 0 }
}

const annotations = (n: number) => `${n} annotation${n === 1 ? '' : 's'}`

/** What the export did, for the toast. */
export function savedMessage(path: string, written = 0, leftOut = 0): string {
  const detached = leftOut ? ` (${annotations(leftOut)} not on this PDF left out)` : ''
  return `Saved ${path} with ${annotations(written)}${detached}.`
}

/**
 * A copy of the paper's PDF with its annotations, where the person chooses (File › Export PDF
 * with Annotations… in the desktop app runs it too); the stored PDF stays as it is.
 */
export const exportAnnotatedPdf: Command = {
  id: 'export-annotated-pdf',
  label: 'Export the PDF with its annotations…',
  group: 'PDF',
  keys: ['E'],
  when: (store) => paperWithPdf(store)?.hasPdf === true,
  perform: ({ store }) => {
    const paper = paperWithPdf(store)
    if (!paper) return store.showMessage('Select a paper first: its PDF is exported.')
    if (!paper.hasPdf) {
      return store.showMessage('This paper has no PDF yet: attach or download it first.')
    }
    void store.guard(async () => {
      const { path, written, leftOut } = await call('annotations:exportPdf', { paperId: paper.id })
      if (path !== null) store.notify(savedMessage(path, written, leftOut))
    })
  },
}
