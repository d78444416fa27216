import type { Command } from './types'

/** The hidden file input of Attach PDF… (always in the window: see DropZone). */
export const ATTACH_PDF_INPUT_ID = 'attach-pdf-input'

const NO_PAPER = 'Select a paper first: a PDF is attached to the paper shown.'

export const attachPdf: Command = {
  id: 'attach-pdf',
  label: 'Attach a PDF file to the paper…',
  group: 'PDF',
  keys: ['A'],
  perform: ({ store }) => {
    if (store.mode !== 'papers' || store.selectedId === null) return store.showMessage(NO_PAPER)
    document.getElementById(ATTACH_PDF_INPUT_ID)?.click()
  },
}

/**
 * File › Attach PDF…: a file picker opens only in answer to a click or key in the window, which
 * a menu item is not, so a button in the window asks for that press.
 */
export const attachPdfFromMenu: Command = {
  ...attachPdf,
  id: 'attach-pdf-menu',
  perform: ({ store }) => {
    if (store.mode !== 'papers' || store.selectedId === null) return store.showMessage(NO_PAPER)
    store.setAttachPromptOpen(true)
  },
}

export const downloadPdf: Command = {
  id: 'download-pdf',
  label: "Download the paper's PDF from arXiv",
  group: 'PDF',
  keys: ['D'],
  perform: ({ store }) => {
    const id = store.selectedId
    if (store.mode !== 'papers' || id === null) return
    const detail = store.detail?.id === id ? store.detail : null
    if (detail && !detail.arxivId) {
      return store.showMessage(
        'This paper has no arXiv id, so Margin cannot download it: attach its PDF instead.',
      )
    }
    if (detail && detail.files.length > 0) return store.notify('This paper has its PDF already.')
    void store.downloadPdf(id)
  },
}

export const makeOffline: Command = {
  id: 'make-offline',
  label: 'Make this list available offline (download its PDFs)',
  group: 'PDF',
  keys: ['O'],
  perform: ({ store }) => {
    if (store.mode === 'papers' && store.paperIds.length > 0) void store.makeViewOffline()
  },
}
