import { HIGHLIGHT_COLORS, type HighlightColor, type PdfAnnotationType } from '../../shared/models'
import type { SliceCreator } from './types'

/** Where the reader should go once the paper's PDF is open: a page, terms, an annotation. */
export interface ReaderRequest {
  paperId: number
  page?: number
  highlight?: string[]
  /** A PDF annotation to bring into view and mark. */
  annotationId?: number
  /** Tells two requests for the same place apart, so asking twice goes there twice. */
  nonce: number
}

/** What the open reader can do, for the keyboard commands (the PdfReader registers it). */
export interface ReaderHandle {
  paperId: number
  zoomIn: () => void
  zoomOut: () => void
  fitWidth: () => void
  fitPage: () => void
  /** Scrolls by a step: a line (arrows), a screen (PageUp/PageDown/Space), or to an end. */
  scroll: (step: 'line-down' | 'line-up' | 'screen-down' | 'screen-up' | 'top' | 'bottom') => void
  /** Finds the next (or previous) match of the find bar's text. */
  findAgain: (backwards: boolean) => void
  /** Text is selected on the pages (what `h`, `u` and `c` mark). */
  hasSelection: () => boolean
  /** Marks the selected text; `withComment` opens the comment box first. */
  annotateSelection: (
    type: Extract<PdfAnnotationType, 'highlight' | 'underline'>,
    withComment: boolean,
  ) => void
  /** Pins a note at the selection's start, or at the top left of the page in view. */
  pinNote: () => void
  /** Starts an area over the page in view, to be moved and sized with the keys. */
  startArea: () => void
  /** Brings an annotation of the shown file into view and marks it. */
  showAnnotation: (id: number) => void
}

/** How the pointer acts on the pages: select text, pin a note, or draw an area. */
export type ReaderTool = 'select' | 'note' | 'area'

const DARK_PAGES_KEY = 'margin.reader.darkPages'
const ANNOTATION_COLOR_KEY = 'margin.reader.annotationColor'

export interface ReaderSlice {
  /** The reading pane shows the paper's PDF rather than its abstract (when it has one). */
  readerOpen: boolean
  /** The PDF fills the window: sidebar and list hidden. */
  readerFullWindow: boolean
  /** Pages drawn dark (text light, figures kept in their colours). */
  readerDarkPages: boolean
  readerFindOpen: boolean
  /** Bumped to move the keyboard focus into the find field (Ctrl+F when it is open already). */
  readerFindFocus: number
  readerOutlineOpen: boolean
  /** The side panel with the paper's annotations. */
  readerAnnotationsOpen: boolean
  readerTool: ReaderTool
  /** The colour new PDF annotations get: the one chosen last. */
  readerAnnotationColor: HighlightColor
  readerRequest: ReaderRequest | null
  readerHandle: ReaderHandle | null
  /**
   * Opens the paper's PDF in the reading pane (selecting the paper), at `page` with `highlight`
   * terms marked on the text layer, e.g. from a full-text search result, or at an annotation.
   */
  openReader: (
    paperId: number,
    options?: { page?: number; highlight?: string[]; annotationId?: number },
  ) => void
  /** Back to the abstract. */
  closeReader: () => void
  /** Abstract <-> PDF for the selected paper; says so when it has no PDF. */
  toggleReader: () => void
  setReaderFullWindow: (full: boolean) => void
  toggleReaderDarkPages: () => void
  setReaderFindOpen: (open: boolean) => void
  setReaderOutlineOpen: (open: boolean) => void
  setReaderAnnotationsOpen: (open: boolean) => void
  setReaderTool: (tool: ReaderTool) => void
  setReaderAnnotationColor: (color: HighlightColor) => void
  /** The reader took the request (went to its page). */
  takeReaderRequest: (nonce: number) => void
  setReaderHandle: (handle: ReaderHandle | null) => void
}

let nonces = 0

export const createReaderSlice: SliceCreator<ReaderSlice> = (set, get) => ({
  readerOpen: false,
  readerFullWindow: false,
  readerDarkPages: localStorage.getItem(DARK_PAGES_KEY) === 'true',
  readerFindOpen: false,
  readerFindFocus: 0,
  readerOutlineOpen: false,
  readerAnnotationsOpen: false,
  readerTool: 'select',
  readerAnnotationColor: storedColor(),
  readerRequest: null,
  readerHandle: null,

  openReader: (paperId, options = {}) => {
    const request: ReaderRequest = { paperId, nonce: ++nonces }
    if (options.page !== undefined) request.page = options.page
    if (options.highlight?.length) request.highlight = options.highlight
    if (options.annotationId !== undefined) request.annotationId = options.annotationId
    if (get().selectedId !== paperId) get().select(paperId)
    set({ readerOpen: true, readerRequest: request })
  },

  closeReader: () =>
    set({ readerOpen: false, readerFullWindow: false, readerFindOpen: false, readerRequest: null }),

  toggleReader: () => {
    if (get().readerOpen) return get().closeReader()
    const paper = get().detail
    if (!paper) return
    if (paper.files.length === 0) {
      set({ message: 'This paper has no PDF yet: download it from arXiv or attach a file.' })
      return
    }
    set({ readerOpen: true })
  },

  setReaderFullWindow: (readerFullWindow) => set({ readerFullWindow }),

  toggleReaderDarkPages: () => {
    const readerDarkPages = !get().readerDarkPages
    localStorage.setItem(DARK_PAGES_KEY, String(readerDarkPages))
    set({ readerDarkPages })
  },

  setReaderFindOpen: (open) =>
    set((state) => ({
      readerFindOpen: open,
      readerFindFocus: open ? state.readerFindFocus + 1 : state.readerFindFocus,
    })),

  setReaderOutlineOpen: (readerOutlineOpen) => set({ readerOutlineOpen }),

  setReaderAnnotationsOpen: (readerAnnotationsOpen) => set({ readerAnnotationsOpen }),

  setReaderTool: (readerTool) => set({ readerTool }),

  setReaderAnnotationColor: (readerAnnotationColor) => {
    localStorage.setItem(ANNOTATION_COLOR_KEY, readerAnnotationColor)
    set({ readerAnnotationColor })
  },

  takeReaderRequest: (nonce) => {
    if (get().readerRequest?.nonce === nonce) set({ readerRequest: null })
  },

  setReaderHandle: (readerHandle) => set({ readerHandle }),
})

function storedColor(): HighlightColor {
  const stored = localStorage.getItem(ANNOTATION_COLOR_KEY)
  return HIGHLIGHT_COLORS.find((color) => color === stored) ?? 'yellow'
}
