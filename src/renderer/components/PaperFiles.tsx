import { useEffect, useRef, useState } from 'react'
import type { PaperDetail, PdfFile } from '../../shared/models'
import { attachPdf, downloadPdf } from '../commands/pdfCommands'
import { keyLabel, runCommand } from '../commands/registry'
import { count, dateTime } from '../format'
import { fileSize, originLabel, textStateLabel } from '../pdfFormat'
import { useStore } from '../store'
import { PageMatches } from './PageMatches'

/** The paper's PDFs: where each came from, its size and text; download, attach, remove. */
export function PaperFiles({ paper }: { paper: PaperDetail }) {
  const match = useStore((s) => s.summaries.get(paper.id)?.match)
  const refreshDetail = useStore((s) => s.refreshDetail)
  // The list knows of a PDF the pane does not show (stored by the CLI, or while this pane was
  // open): the pane reads the paper again.
  const stale =
    useStore((s) => s.summaries.get(paper.id)?.hasPdf === true) && paper.files.length === 0
  useEffect(() => {
    if (stale) void refreshDetail(paper.id)
  }, [stale, paper.id, refreshDetail])

  // The text is read in the background: when a file's text is done (or failed) the main process
  // says library:changed 'files' and the pane reads the paper again (useLibraryEvents).

  return (
    <section aria-labelledby="pdf-heading" className="paper-files">
      <h2 id="pdf-heading" className="section-heading">
        PDF
      </h2>
      {paper.files.length > 0 ? (
        <ul className="pdf-files">
          {paper.files.map((file) => (
            <PdfFileItem key={file.sha256} paperId={paper.id} file={file} />
          ))}
        </ul>
      ) : (
        <p className="hint">
          No PDF yet{paper.arxivId ? '' : ' (the paper has no arXiv id to download it by)'}: drop
          one on this pane, or:
        </p>
      )}
      {match?.pages && match.pages.length > 0 && (
        <p className="pdf-matches">
          Found in the PDF on <PageMatches paperId={paper.id} match={match} />
        </p>
      )}
      <div className="pdf-actions">
        {paper.arxivId && paper.files.length === 0 && <DownloadButton paperId={paper.id} />}
        <button type="button" onClick={() => runCommand(attachPdf)}>
          Attach PDF… <kbd>{keyLabel(attachPdf.keys[0]!)}</kbd>
        </button>
      </div>
    </section>
  )
}

/** Download PDF, or where the download is: queued, running, waiting for the network, failed. */
function DownloadButton({ paperId }: { paperId: number }) {
  const status = useStore((s) => s.downloads)
  const requested = useStore((s) => s.requestedDownloads.has(paperId))
  const failure = status?.failed.find((f) => f.paperId === paperId)
  const running = status?.current?.paperId === paperId

  let state: string | null = null
  if (running) state = status?.online === false ? 'Offline — waiting to reconnect' : 'Downloading…'
  else if (requested && status?.paused) state = 'Queued; downloads are paused'
  else if (requested && status?.online === false) state = 'Queued — offline, waiting to reconnect'
  else if (requested) state = 'Queued for download'

  return (
    <>
      {state ? (
        <span className="pdf-download-state" role="status">
          {state}
        </span>
      ) : (
        <button type="button" onClick={() => runCommand(downloadPdf)}>
          {failure ? 'Try the download again' : 'Download PDF'}{' '}
          <kbd>{keyLabel(downloadPdf.keys[0]!)}</kbd>
        </button>
      )}
      {failure && !state && <p className="pdf-problem">The download failed: {failure.problem}</p>}
    </>
  )
}

/** One stored PDF, with Remove… asking first. */
function PdfFileItem({ paperId, file }: { paperId: number; file: PdfFile }) {
  const removePdf = useStore((s) => s.removePdf)
  const [confirming, setConfirming] = useState(false)
  const keep = useRef<HTMLButtonElement>(null)
  const remove = useRef<HTMLButtonElement>(null)
  const asked = useRef(false)
  // Focus goes to the question's safe answer, and back to Remove… when it is answered Keep.
  useEffect(() => {
    if (confirming) {
      asked.current = true
      keep.current?.focus()
    } else if (asked.current) {
      asked.current = false
      remove.current?.focus()
    }
  }, [confirming])

  const origin = originLabel(file.origin)
  return (
    <li className="pdf-file">
      <span className="pdf-origin" title={file.origin}>
        {origin}
      </span>
      <span className="pdf-facts">
        {count(file.pageCount, 'page')} · {fileSize(file.size)} · added {dateTime(file.addedAt)}
        {' · '}
        <span className={`pdf-text pdf-text-${file.textState}`}>{textStateLabel(file)}</span>
      </span>
      {confirming ? (
        <span className="pdf-confirm" role="group" aria-label={`Remove ${origin}?`}>
          <span>Remove this PDF from the paper? Its file goes too when no other paper has it.</span>
          <button
            type="button"
            className="danger"
            onClick={() => {
              setConfirming(false)
              void removePdf(paperId, file.sha256)
            }}
          >
            Remove PDF
          </button>
          <button ref={keep} type="button" onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </span>
      ) : (
        <button
          ref={remove}
          type="button"
          className="link-button"
          aria-label={`Remove ${origin}…`}
          onClick={() => setConfirming(true)}
        >
          Remove…
        </button>
      )}
    </li>
  )
}
