import { useEffect, useRef, useState } from 'react'
import type { PdfUpload } from '../../shared/ipc'
import type { PaperSummary } from '../../shared/models'
import { call } from '../api'
import { messageOf } from '../errors'
import { useStore } from '../store'
import { Dialog } from './Dialog'

/** Papers offered at once; typing narrows the list by a search within the current view. */
const SHOWN = 50
const FILTER_DEBOUNCE_MS = 120

/** Asks which paper a PDF dropped on the list belongs to, when it names none Margin knows. */
export function PdfPaperPicker() {
  const pdf = useStore((s) => s.unmatchedPdfs[0])
  const waiting = useStore((s) => s.unmatchedPdfs.length - 1)
  if (!pdf) return null
  // Keyed by the file, so the next unmatched PDF starts afresh.
  return <Picker key={`${pdf.name}:${pdf.data.length}:${waiting}`} pdf={pdf} waiting={waiting} />
}

function Picker({ pdf, waiting }: { pdf: PdfUpload; waiting: number }) {
  const resolve = useStore((s) => s.resolveUnmatched)
  const viewTitle = useStore((s) => s.viewTitle())
  const [filter, setFilter] = useState('')
  const [papers, setPapers] = useState<PaperSummary[] | null>(null)
  const [active, setActive] = useState(0)
  const input = useRef<HTMLInputElement>(null)

  useEffect(() => {
    let current = true
    const timer = setTimeout(
      () => {
        void candidates(filter.trim()).then(
          (found) => {
            if (!current) return
            setPapers(found)
            setActive(0)
          },
          (error: unknown) => {
            if (current) useStore.getState().showMessage(messageOf(error))
          },
        )
      },
      filter ? FILTER_DEBOUNCE_MS : 0,
    )
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [filter])

  const chosen = papers?.[active]
  useEffect(() => {
    if (chosen) document.getElementById(`pick-${chosen.id}`)?.scrollIntoView({ block: 'nearest' })
  }, [chosen])

  const move = (delta: number) => {
    if (!papers || papers.length === 0) return
    setActive((index) => Math.min(papers.length - 1, Math.max(0, index + delta)))
  }

  return (
    <Dialog
      title="Which paper is this PDF?"
      onClose={() => void resolve(null)}
      initialFocus={input}
    >
      <p className="hint">
        “{pdf.name}” names no paper of the library (no arXiv id in its name or on its first page).
        Pick its paper from {viewTitle}; type to narrow the list.
      </p>
      <input
        ref={input}
        type="search"
        className="picker-filter"
        role="combobox"
        aria-label={`Find the paper in ${viewTitle}`}
        aria-expanded="true"
        aria-controls="pdf-picker-options"
        aria-autocomplete="list"
        aria-activedescendant={chosen ? `pick-${chosen.id}` : undefined}
        placeholder="Words of its title…"
        value={filter}
        onChange={(event) => setFilter(event.target.value)}
        onKeyDown={(event) => {
          const steps: Record<string, number> = {
            ArrowDown: 1,
            ArrowUp: -1,
            PageDown: 8,
            PageUp: -8,
          }
          if (event.key in steps) {
            event.preventDefault()
            move(steps[event.key]!)
          } else if (event.key === 'Enter' && chosen) {
            event.preventDefault()
            void resolve(chosen.id)
          }
        }}
      />
      <ul id="pdf-picker-options" className="picker-options" role="listbox" aria-label="Papers">
        {papers?.map((paper, index) => (
          <li
            key={paper.id}
            id={`pick-${paper.id}`}
            role="option"
            aria-selected={index === active}
            onMouseEnter={() => setActive(index)}
            onClick={() => void resolve(paper.id)}
          >
            {paper.title}
          </li>
        ))}
      </ul>
      {papers?.length === 0 && (
        <p className="hint">
          No paper of {viewTitle} matches “{filter}”.
        </p>
      )}
      {papers === null && <p className="hint">Loading…</p>}
      <div className="dialog-actions">
        <span className="hint">
          {waiting > 0 && `${waiting} more PDF${waiting === 1 ? '' : 's'} to place after this one`}
        </span>
        <button type="button" onClick={() => void resolve(null)}>
          Skip this PDF
        </button>
        <button
          type="button"
          className="primary"
          disabled={!chosen}
          onClick={() => chosen && void resolve(chosen.id)}
        >
          Attach to this paper
        </button>
      </div>
    </Dialog>
  )
}

/** The current list's first papers, or those of its view matching the words typed. */
async function candidates(filter: string): Promise<PaperSummary[]> {
  const { view, paperIds, summaries, searchText } = useStore.getState()
  if (filter) return (await call('papers:list', { view, text: filter })).firstPage.slice(0, SHOWN)
  const ids = paperIds.slice(0, SHOWN)
  const missing = ids.filter((id) => !summaries.has(id))
  const text = searchText.trim()
  const loaded =
    missing.length > 0
      ? await call('papers:summaries', { view, ...(text ? { text } : {}), ids: missing })
      : []
  const byId = new Map([...summaries, ...loaded.map((p) => [p.id, p] as const)])
  return ids.flatMap((id) => byId.get(id) ?? [])
}
