import { useEffect, useMemo, useRef, useState } from 'react'
import type { PDFDocumentLoadingTask } from 'pdfjs-dist'
import type { PaperDetail, PdfAnnotation, ReaderZoom } from '../../../shared/models'
import { pdfUrl } from '../../api'
import { messageOf } from '../../errors'
import { registerPendingSave } from '../../pendingSaves'
import { useStore } from '../../store'
import { AnnotationComposer, type ComposerHandle } from './AnnotationComposer'
import { AnnotationsPanel } from '../annotations/AnnotationsPanel'
import type { Measured } from './measureAnnotation'
import { FindBar } from './FindBar'
import { OutlinePanel, type OutlineNode } from './OutlinePanel'
import { ensureWorker, loadedDocument, openPdf, PdfUnavailable } from './pdfjs'
import { PdfView, type FindState, type ViewState } from './pdfView'
import { createPositionSaver, positionFile, rememberedPosition } from './positions'
import { ReaderToolbar } from './ReaderToolbar'
import { extendSelection, type SelectionStep } from './textSelection'
import { useSelectionDraft } from './useSelectionDraft'
import './reader.css'

type Status = { kind: 'loading' } | { kind: 'ready' } | { kind: 'failed'; message: string }

const NO_FIND: FindState = { needles: [], total: 0, current: 0, searching: false }

/** Loads pdf.js's worker before the reader opens. */
export function prepareReader(): void {
  ensureWorker()
}

/**
 * The reading pane's PDF: toolbar, pages with the file's annotations (and the composer that
 * makes them), find bar, outline and the annotations panel. A paper with several PDFs opens
 * the one its reading position was taken in, or the newest when one was attached since; the
 * toolbar switches between them.
 */
export function PdfReader({ paper }: { paper: PaperDetail }) {
  const readFile = () =>
    positionFile(paper.id, paper.files, rememberedPosition(paper.id, paper.position))!
  const [chosen, setChosen] = useState(() => readFile().sha256)
  // A file removed while shown gives way to the one read last.
  const file = paper.files.find((f) => f.sha256 === chosen) ?? readFile()
  // A file attached while the reader is open (a new version) is shown at once.
  const newest = paper.files.at(-1)?.sha256
  const seenNewest = useRef(newest)
  useEffect(() => {
    if (newest && newest !== seenNewest.current) setChosen(newest)
    seenNewest.current = newest
  }, [newest])
  const scrollerRef = useRef<HTMLDivElement>(null)
  const [pdfView, setPdfView] = useState<PdfView | null>(null)
  const [status, setStatus] = useState<Status>({ kind: 'loading' })
  const [viewState, setViewState] = useState<ViewState | null>(null)
  const [find, setFind] = useState<FindState>(NO_FIND)
  const [findText, setFindText] = useState('')
  const [outline, setOutline] = useState<OutlineNode[]>([])
  const darkPages = useStore((s) => s.readerDarkPages)
  const fullWindow = useStore((s) => s.readerFullWindow)
  const findOpen = useStore((s) => s.readerFindOpen)
  const outlineOpen = useStore((s) => s.readerOutlineOpen)
  const annotationsOpen = useStore((s) => s.readerAnnotationsOpen)
  const tool = useStore((s) => s.readerTool)
  const request = useStore((s) => s.readerRequest)
  const [draft, setDraft] = useSelectionDraft(pdfView, scrollerRef)
  const composer = useRef<ComposerHandle>(null)
  // Every annotation of the file shown (also of an older file the person switched to).
  const annotations = useMemo(
    () => paper.annotations.filter((a) => a.sha256 === file.sha256),
    [paper.annotations, file.sha256],
  )
  const annotationsRef = useRef(annotations)
  annotationsRef.current = annotations

  /** Saves a new annotation of the file shown; the draft and the selection go once it is made. */
  const create = async (
    type: PdfAnnotation['type'],
    measured: Measured,
    comment = '',
    image?: Uint8Array,
  ) => {
    const store = useStore.getState()
    const trimmed = comment.trim()
    const made = await store.createPdfAnnotation({
      paperId: paper.id,
      sha256: file.sha256,
      type,
      color: store.readerAnnotationColor,
      ...measured,
      ...(trimmed ? { comment: trimmed } : {}),
      ...(image ? { image } : {}),
    })
    if (!made) return
    window.getSelection()?.removeAllRanges()
    setDraft(null)
    scrollerRef.current?.focus({ preventScroll: true })
  }
  const createRef = useRef(create)
  createRef.current = create

  // One document per paper and file: opened at the remembered place, saved as it moves.
  useEffect(() => {
    const store = useStore.getState
    const scroller = scrollerRef.current!
    const saver = createPositionSaver(
      paper.id,
      ({ page, pageCount }) => showProgress(paper.id, page, pageCount),
      file.sha256,
    )
    let cancelled = false
    let task: PDFDocumentLoadingTask | null = null
    let view: PdfView | null = null
    let zoom: ReaderZoom = 'fit-width'
    let latest = { page: 1, offset: 0 }
    setStatus({ kind: 'loading' })
    setFind(NO_FIND)
    setOutline([])

    const open = async () => {
      task = await openPdf(pdfUrl(file.sha256))
      const doc = await loadedDocument(task)
      if (cancelled) return
      // One position per paper: it applies to the file it was taken in; another starts at page 1.
      const saved = rememberedPosition(paper.id, paper.position)
      const remembered =
        saved && positionFile(paper.id, paper.files, saved)?.sha256 === file.sha256 ? saved : null
      const asked = store().readerRequest
      const opening = asked?.paperId === paper.id ? asked : null
      zoom = remembered?.zoom ?? 'fit-width'
      view = await PdfView.create(
        doc,
        scroller,
        { zoom, dark: store().readerDarkPages },
        {
          onState: (state) => {
            setViewState(state)
            if (state.zoom !== zoom) {
              zoom = state.zoom
              saver.update({ ...latest, pageCount: state.pageCount, zoom })
            }
          },
          onPosition: (position) => {
            latest = position
            saver.update({ ...position, pageCount: doc.numPages, zoom })
          },
          onFind: setFind,
          openWeb: (url) => void store().openLink(url),
          onNote: (id) => {
            store().setReaderAnnotationsOpen(true)
            void view?.showAnnotation(id)
          },
          onNotePlace: (page, x, y) => {
            void view?.tools
              .measureNote(page, x, y)
              .then((note) => setDraft({ kind: 'note', ...note }))
          },
          tool: () => store().readerTool,
          onArea: async (page, rect) => {
            try {
              const { measured, image } = await view!.tools.measureArea(page, rect)
              await createRef.current('area', measured, '', image)
            } catch (error) {
              await store().guard(() => Promise.reject(error))
            }
          },
        },
      )
      if (cancelled) return view.destroy()
      view.setAnnotations(annotationsRef.current)
      const start = opening?.page
        ? { page: opening.page, offset: 0 }
        : remembered
          ? { page: remembered.page, offset: remembered.offset }
          : { page: 1, offset: 0 }
      latest = start
      saver.opened({ ...start, pageCount: doc.numPages, zoom })
      await view.open(start)
      if (cancelled) return
      // Taken before the view is shown, so the effect for later requests does not redo it; but
      // an annotation of another file is left to that effect, which opens that file.
      const elsewhere =
        opening?.annotationId !== undefined &&
        !annotationsRef.current.some((a) => a.id === opening.annotationId)
      if (opening && !elsewhere) store().takeReaderRequest(opening.nonce)
      setPdfView(view)
      setStatus({ kind: 'ready' })
      // Opened to read: the arrows and Space scroll the pages now (j and k still move papers).
      const focus = document.activeElement
      // (Not from the toolbar: choosing another file with the arrows keeps the choice focused.)
      if (
        !focus ||
        focus === document.body ||
        (focus.closest('.paper-list, .reading-pane') && !focus.closest('.pdf-toolbar'))
      ) {
        scroller.focus({ preventScroll: true })
      }
      if (opening?.highlight) {
        setFindText(opening.highlight.join(' '))
        store().setReaderFindOpen(true)
        void view.findText(opening.highlight, opening.page)
      }
      if (opening?.annotationId !== undefined) void view.showAnnotation(opening.annotationId)
      const items = await doc.getOutline().catch(() => null)
      if (!cancelled && items) setOutline(items as OutlineNode[])
    }
    open().catch((error: unknown) => {
      if (!cancelled) setStatus({ kind: 'failed', message: openingProblem(error) })
    })

    const flushNow = () => void saver.flush()
    const unregister = registerPendingSave(saver.flush)
    window.addEventListener('pagehide', flushNow)
    window.addEventListener('beforeunload', flushNow)
    return () => {
      cancelled = true
      unregister()
      window.removeEventListener('pagehide', flushNow)
      window.removeEventListener('beforeunload', flushNow)
      void saver.flush()
      view?.destroy()
      void task?.destroy()
      setPdfView(null)
      setViewState(null)
      setDraft(null)
    }
    // The place is read once, when the paper's PDF opens: a later detail must not move it.
  }, [paper.id, file.sha256])

  // The keys act on this reader while it is open.
  useEffect(() => {
    if (!pdfView) return
    const { setReaderHandle } = useStore.getState()
    setReaderHandle({
      paperId: paper.id,
      zoomIn: () => pdfView.zoomBy(1),
      zoomOut: () => pdfView.zoomBy(-1),
      fitWidth: () => pdfView.setZoom('fit-width'),
      fitPage: () => pdfView.setZoom('fit-page'),
      scroll: (step) => pdfView.scroll(step),
      findAgain: (backwards) => pdfView.findAgain(backwards),
      hasSelection: () => pdfView.tools.hasSelection(),
      annotateSelection: (type, withComment) => {
        void pdfView.tools.measureSelection().then((selected) => {
          if (!selected) return
          if (withComment) setDraft({ kind: 'text', ...selected, commenting: type })
          else void createRef.current(type, selected.measured)
        })
      },
      pinNote: () => {
        void pdfView.tools.measureNoteHere().then((note) => setDraft({ kind: 'note', ...note }))
      },
      startArea: () => {
        setDraft(null)
        scrollerRef.current?.focus({ preventScroll: true })
        pdfView.tools.startArea()
      },
      showAnnotation: (id) => void pdfView.showAnnotation(id),
    })
    return () => setReaderHandle(null)
  }, [pdfView, paper.id])

  useEffect(() => pdfView?.setAnnotations(annotations), [pdfView, annotations])

  // An area being drawn with the Area tool goes when the tool is put down.
  useEffect(() => {
    if (tool !== 'area') pdfView?.tools.cancelArea()
  }, [pdfView, tool])

  useEffect(() => pdfView?.setDark(darkPages), [pdfView, darkPages])

  // A request for this paper while it is open (another full-text result of the same paper).
  useEffect(() => {
    // (A view being replaced by another file's is closed: the request waits for the new one.)
    if (!pdfView || pdfView.closed || !request || request.paperId !== paper.id) return
    if (request.annotationId !== undefined) {
      const wanted = paper.annotations.find((a) => a.id === request.annotationId)
      // An annotation of another of the paper's files: that file opens, and goes to it.
      if (
        wanted &&
        wanted.sha256 !== file.sha256 &&
        paper.files.some((f) => f.sha256 === wanted.sha256)
      ) {
        setChosen(wanted.sha256)
        return
      }
      useStore.getState().takeReaderRequest(request.nonce)
      void pdfView.showAnnotation(request.annotationId)
      return
    }
    useStore.getState().takeReaderRequest(request.nonce)
    if (request.page) void pdfView.goTo(request.page)
    if (request.highlight) {
      setFindText(request.highlight.join(' '))
      useStore.getState().setReaderFindOpen(true)
      void pdfView.findText(request.highlight, request.page)
    }
  }, [pdfView, request, paper.id, paper.annotations, paper.files, file.sha256])

  const closeDraft = () => {
    setDraft(null)
    window.getSelection()?.removeAllRanges()
    scrollerRef.current?.focus({ preventScroll: true })
  }

  const search = (text: string) => {
    setFindText(text)
    void pdfView?.findText(text.trim() ? [text] : [])
  }

  const closeFind = () => {
    useStore.getState().setReaderFindOpen(false)
    void pdfView?.findText([])
    scrollerRef.current?.focus()
  }

  return (
    <div
      className={`pdf-reader${fullWindow ? ' full-window' : ''}${darkPages ? ' dark-pages' : ''}`}
      aria-label="PDF reader"
      role="region"
    >
      <ReaderToolbar
        paper={paper}
        file={file}
        onFile={setChosen}
        view={pdfView}
        state={viewState}
        hasOutline={outline.length > 0}
      />
      {findOpen && (
        <FindBar
          text={findText}
          state={find}
          onText={search}
          onAgain={(backwards) => pdfView?.findAgain(backwards)}
          onClose={closeFind}
        />
      )}
      <div className="pdf-body">
        {outlineOpen && outline.length > 0 && (
          <OutlinePanel items={outline} onFollow={(target) => void pdfView?.follow(target)} />
        )}
        <div
          className="pdf-scroller"
          ref={scrollerRef}
          tabIndex={0}
          role="region"
          aria-label={`${paper.title}: PDF pages`}
          onKeyDown={(event) => {
            // Shift+Space reads back a screen (the key commands see Space alone).
            if (event.key === ' ' && event.shiftKey && !event.ctrlKey && !event.metaKey) {
              event.preventDefault()
              pdfView?.scroll('screen-up')
              return
            }
            // An area being placed takes the arrows, Enter and Esc.
            if (pdfView?.tools.areaKey(event)) {
              event.preventDefault()
              return
            }
            const step = selectionStep(event)
            if (step && extendSelection(scrollerRef.current!, step)) {
              event.preventDefault()
              return
            }
            // Tab goes from the selected text to its toolbar (colour, then the actions).
            if (event.key === 'Tab' && !event.shiftKey && draft) {
              event.preventDefault()
              composer.current?.focus()
              return
            }
            if (event.key === 'Escape' && draft) {
              event.preventDefault()
              closeDraft()
            } else if (event.key === 'Escape' && tool !== 'select') {
              event.preventDefault()
              useStore.getState().setReaderTool('select')
            }
          }}
          data-status={status.kind}
          data-tool={tool}
        >
          {status.kind === 'loading' && <p className="pdf-status">Opening the PDF…</p>}
          {status.kind === 'failed' && (
            <p className="pdf-status" role="alert">
              {status.message}
            </p>
          )}
        </div>
        {annotationsOpen && <AnnotationsPanel paper={paper} />}
      </div>
      {draft && (
        <AnnotationComposer
          ref={composer}
          key={draft.kind}
          draft={draft}
          onCreate={(type, comment) => void create(type, draft.measured, comment)}
          onComment={(type) =>
            setDraft((current) =>
              current?.kind === 'text' ? { ...current, commenting: type } : current,
            )
          }
          onClose={closeDraft}
        />
      )}
    </div>
  )
}

/** Shift+arrows select text on the pages; with Ctrl, a word at a time. */
function selectionStep(event: React.KeyboardEvent): SelectionStep | null {
  if (!event.shiftKey || event.altKey || event.metaKey) return null
  const direction = event.key === 'ArrowRight' || event.key === 'ArrowDown' ? 'forward' : 'backward'
  if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
    return { direction, unit: event.ctrlKey ? 'word' : 'character' }
  }
  if (event.key === 'ArrowUp' || event.key === 'ArrowDown') return { direction, unit: 'line' }
  return null
}

function openingProblem(error: unknown): string {
  if (error instanceof PdfUnavailable) return error.message
  if (error instanceof Error && error.name === 'InvalidPDFException') {
    return 'This file is not a readable PDF.'
  }
  if (error instanceof Error && error.name === 'PasswordException') {
    return 'This PDF is protected by a password; Margin cannot open it.'
  }
  return `The PDF could not be opened: ${messageOf(error).replace(/^Something went wrong: /, '')}`
}

/** The list's row says how far the reader is ("p. 7/24") without reloading the list. */
function showProgress(paperId: number, page: number, pageCount: number): void {
  useStore.setState((state) => {
    const summary = state.summaries.get(paperId)
    const progress = summary?.progress
    if (!summary || (progress?.page === page && progress.pageCount === pageCount)) return {}
    const summaries = new Map(state.summaries)
    summaries.set(paperId, { ...summary, progress: { page, pageCount } })
    return { summaries }
  })
}
