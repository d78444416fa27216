import { lazy, Suspense, useEffect } from 'react'
import { focusNote } from '../commands/goCommands'
import { keyLabel } from '../commands/registry'
import { dateTime } from '../format'
import { STATUS_LABELS } from '../statusLabels'
import { useStore } from '../store'
import { matchedTerms } from '../matchMarks'
import { AbstractText } from './AbstractText'
import { RelatedPapers } from './RelatedPapers'
import { HighlightComposer } from './HighlightComposer'
import { AnnotationList } from './annotations/AnnotationList'
import { NoteEditor } from './NoteEditor'
import { PaperFiles } from './PaperFiles'
import { PaperHeader } from './PaperHeader'
import { PaperProvenance } from './PaperProvenance'
import { StatusControl } from './StatusControl'
import { TagEditor } from './TagEditor'
import { toggleReader } from '../commands/reader/toggleReader'

// pdf.js loads with the first paper with a PDF, not with the window.
const loadReader = () => import('./reader/PdfReader')
const PdfReader = lazy(() => loadReader().then((m) => ({ default: m.PdfReader })))

export function ReadingPane() {
  const paper = useStore((s) => s.detail)
  const match = useStore((s) => (s.detail ? s.summaries.get(s.detail.id)?.match : undefined))
  const readerOpen = useStore((s) => s.readerOpen)
  const hasPdf = (paper?.files.length ?? 0) > 0

  // Selecting a paper with a PDF readies the reader (code and pdf.js's worker) for `v`.
  useEffect(() => {
    if (hasPdf) void loadReader().then((m) => m.prepareReader())
  }, [hasPdf])

  if (!paper) {
    return (
      <section className="reading-pane" aria-label="Reading pane">
        <p className="empty-state">
          Select a paper to read its abstract: click it, or move with j and k.
        </p>
      </section>
    )
  }

  if (readerOpen && paper.files.length > 0) {
    return (
      <section className="reading-pane has-pdf" aria-label="Reading pane">
        <Suspense fallback={<p className="empty-state">Opening the PDF…</p>}>
          <PdfReader key={paper.id} paper={paper} />
        </Suspense>
      </section>
    )
  }

  return (
    <section className="reading-pane" aria-label="Reading pane">
      <article className="paper" aria-labelledby="paper-title">
        <PaperHeader paper={paper} />
        {paper.files.length > 0 && (
          <button
            type="button"
            className="read-pdf"
            onClick={() => useStore.getState().openReader(paper.id)}
          >
            Read the PDF <kbd>{keyLabel(toggleReader.keys[0]!)}</kbd>
          </button>
        )}

        <StatusControl paperId={paper.id} status={paper.status} />
        <TagEditor tags={paper.tags} />
        <PaperFiles paper={paper} />

        <section aria-labelledby="abstract-heading">
          <h2 id="abstract-heading" className="section-heading">
            Abstract
          </h2>
          <AbstractText paper={paper} searchTerms={matchedTerms(match?.title, match?.snippet)} />
          <HighlightComposer />
        </section>

        <section aria-labelledby="annotations-heading">
          <h2 id="annotations-heading" className="section-heading">
            Annotations
          </h2>
          <AnnotationList paper={paper} />
        </section>

        <section aria-labelledby="note-heading">
          <h2 id="note-heading" className="section-heading">
            Note <kbd>{keyLabel(focusNote.keys[0]!)}</kbd>
          </h2>
          <NoteEditor
            key={paper.id}
            paperId={paper.id}
            note={paper.note}
            updatedAt={paper.noteUpdatedAt}
          />
        </section>

        <RelatedPapers />
        <PaperProvenance sources={paper.sources} />

        {paper.statusHistory.length > 0 && (
          <section aria-labelledby="history-heading">
            <h2 id="history-heading" className="section-heading">
              Status history
            </h2>
            <ol className="status-history">
              {[...paper.statusHistory].reverse().map((change) => (
                <li key={`${change.at}-${change.to}`}>
                  <time dateTime={new Date(change.at).toISOString()}>{dateTime(change.at)}</time>{' '}
                  {STATUS_LABELS[change.from]} → {STATUS_LABELS[change.to]}
                </li>
              ))}
            </ol>
          </section>
        )}
      </article>
    </section>
  )
}
