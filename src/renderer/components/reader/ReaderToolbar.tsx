import { useEffect, useState } from 'react'
import type { PaperDetail, PdfFile, ReaderZoom } from '../../../shared/models'
import { keyLabel } from '../../commands/registry'
import { annotationsPanel } from '../../commands/reader/annotationsPanel'
import { darkPages } from '../../commands/reader/darkPages'
import { drawArea } from '../../commands/reader/drawArea'
import { findInDocument } from '../../commands/reader/findInDocument'
import { fullWindow } from '../../commands/reader/fullWindow'
import { READER_PAGE_FIELD_ID } from '../../commands/reader/goToPage'
import { outline } from '../../commands/reader/outline'
import { pinNote } from '../../commands/reader/pinNote'
import { toggleReader } from '../../commands/reader/toggleReader'
import { zoomIn } from '../../commands/reader/zoomIn'
import { zoomOut } from '../../commands/reader/zoomOut'
import { count } from '../../format'
import { originLabel } from '../../pdfFormat'
import { useStore } from '../../store'
import type { ReaderTool } from '../../store/reader.slice'
import type { PdfView, ViewState } from './pdfView'
import { zoomLabel } from './zoom'

interface Props {
  paper: PaperDetail
  /** The PDF shown, one of the paper's files. */
  file: PdfFile
  onFile: (sha256: string) => void
  view: PdfView | null
  state: ViewState | null
  hasOutline: boolean
}

const ZOOM_CHOICES: Array<{ value: ReaderZoom; label: string }> = [
  { value: 'fit-width', label: 'Fit width' },
  { value: 'fit-page', label: 'Fit page' },
  ...[0.5, 0.75, 1, 1.25, 1.5, 2, 3, 4].map((scale) => ({
    value: scale,
    label: `${scale * 100}%`,
  })),
]

const key = (command: { keys: string[] }) => keyLabel(command.keys[0]!)

/** The reader's controls: back to the abstract, page, zoom, find, outline, dark pages, full window. */
export function ReaderToolbar({ paper, file, onFile, view, state, hasOutline }: Props) {
  const dark = useStore((s) => s.readerDarkPages)
  const full = useStore((s) => s.readerFullWindow)
  const outlineOpen = useStore((s) => s.readerOutlineOpen)
  const annotationsOpen = useStore((s) => s.readerAnnotationsOpen)
  const tool = useStore((s) => s.readerTool)
  const [pageText, setPageText] = useState('')
  const [editing, setEditing] = useState(false)
  const page = state?.page ?? 1
  const pageCount = state?.pageCount ?? file.pageCount

  useEffect(() => {
    if (!editing) setPageText(String(page))
  }, [page, editing])

  const zoomValue = (zoom: ReaderZoom | undefined) => (zoom === undefined ? '' : String(zoom))
  const choices = ZOOM_CHOICES.some((c) => zoomValue(c.value) === zoomValue(state?.zoom))
    ? ZOOM_CHOICES
    : [
        ...ZOOM_CHOICES,
        ...(state ? [{ value: state.zoom, label: zoomLabel(state.zoom, state.scale) }] : []),
      ]

  const goTo = () => {
    const number = Number.parseInt(pageText, 10)
    if (Number.isFinite(number) && view) void view.goTo(number)
    setEditing(false)
    document.querySelector<HTMLElement>('.pdf-scroller')?.focus()
  }

  return (
    <div className="pdf-toolbar" role="toolbar" aria-label="PDF reader">
      <button
        type="button"
        onClick={() => useStore.getState().closeReader()}
        title={`Back to the abstract (${key(toggleReader)})`}
      >
        ← Abstract
      </button>
      {/* Beside the list the title is in its row; in the whole window it is said here. */}
      <span className="pdf-title" title={paper.title}>
        {full ? paper.title : ''}
      </span>
      {paper.files.length > 1 && (
        <select
          className="pdf-file-choice"
          aria-label="PDF file"
          value={file.sha256}
          onChange={(event) => onFile(event.target.value)}
        >
          {paper.files.map((choice) => (
            <option key={choice.sha256} value={choice.sha256}>
              {fileLabel(choice)}
            </option>
          ))}
        </select>
      )}
      <label className="pdf-page-field">
        Page{' '}
        <input
          id={READER_PAGE_FIELD_ID}
          inputMode="numeric"
          size={4}
          value={pageText}
          aria-label={`Page (of ${pageCount})`}
          onFocus={() => setEditing(true)}
          onBlur={() => setEditing(false)}
          onChange={(event) => setPageText(event.target.value.replace(/\D/g, ''))}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault()
              goTo()
            } else if (event.key === 'Escape') {
              event.preventDefault()
              setEditing(false)
              document.querySelector<HTMLElement>('.pdf-scroller')?.focus()
            }
          }}
        />{' '}
        <span className="pdf-page-count">of {pageCount}</span>
      </label>
      <span className="pdf-zoom">
        <button
          type="button"
          onClick={() => view?.zoomBy(-1)}
          aria-label="Zoom out"
          title={`Zoom out (${key(zoomOut)})`}
        >
          −
        </button>
        <select
          aria-label="Zoom"
          value={zoomValue(state?.zoom)}
          onChange={(event) => {
            const choice = choices.find((c) => zoomValue(c.value) === event.target.value)
            if (choice) view?.setZoom(choice.value)
          }}
        >
          {choices.map((choice) => (
            <option key={zoomValue(choice.value)} value={zoomValue(choice.value)}>
              {choice.value === state?.zoom ? zoomLabel(state.zoom, state.scale) : choice.label}
            </option>
          ))}
        </select>
        <button
          type="button"
          onClick={() => view?.zoomBy(1)}
          aria-label="Zoom in"
          title={`Zoom in (${key(zoomIn)})`}
        >
          +
        </button>
      </span>
      <button
        type="button"
        onClick={() => useStore.getState().setReaderFindOpen(true)}
        title={`Find in document (${key(findInDocument)})`}
      >
        Find
      </button>
      {hasOutline && (
        <button
          type="button"
          aria-pressed={outlineOpen}
          onClick={() => useStore.getState().setReaderOutlineOpen(!outlineOpen)}
          title={`Outline (${key(outline)})`}
        >
          Outline
        </button>
      )}
      <span className="pdf-tools" role="group" aria-label="Annotate">
        <ToolButton
          tool="note"
          current={tool}
          title={`Pin notes with a click (${key(pinNote)} pins one with the keys)`}
        >
          Note
        </ToolButton>
        <ToolButton
          tool="area"
          current={tool}
          title={`Draw areas (${key(drawArea)} places one with the keys)`}
        >
          Area
        </ToolButton>
      </span>
      <button
        type="button"
        aria-pressed={annotationsOpen}
        onClick={() => useStore.getState().setReaderAnnotationsOpen(!annotationsOpen)}
        title={`The paper's annotations (${key(annotationsPanel)})`}
      >
        Annotations
      </button>
      <button
        type="button"
        aria-pressed={dark}
        onClick={() => useStore.getState().toggleReaderDarkPages()}
        title={`Dark pages, figures kept (${key(darkPages)})`}
      >
        Dark pages
      </button>
      <button
        type="button"
        aria-pressed={full}
        onClick={() => useStore.getState().setReaderFullWindow(!full)}
        title={`Full window (${key(fullWindow)}; Esc leaves)`}
      >
        Full window
      </button>
    </div>
  )
}

/** "arXiv 2409.00001v2 · 3 pages": where the file came from and how long it is. */
function fileLabel(file: PdfFile): string {
  return `${originLabel(file.origin)} · ${count(file.pageCount, 'page')}`
}

/** A pointer tool: pressed, the pointer pins notes or draws areas; pressed again, it selects text. */
function ToolButton(props: {
  tool: ReaderTool
  current: ReaderTool
  title: string
  children: string
}) {
  const on = props.current === props.tool
  return (
    <button
      type="button"
      aria-pressed={on}
      title={props.title}
      onClick={() => useStore.getState().setReaderTool(on ? 'select' : props.tool)}
    >
      {props.children}
    </button>
  )
}
