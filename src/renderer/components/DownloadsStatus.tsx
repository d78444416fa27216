import { useEffect, useState } from 'react'
import type { DownloadStatus } from '../../shared/models'
import { count } from '../format'
import { downloadLine, downloadsActive, fileSize } from '../pdfFormat'
import { useStore } from '../store'

/**
 * The foot of the sidebar: the PDF download queue (n of m, the paper now, what failed and why,
 * Pause/Resume and Cancel) and how much disk the library's PDFs take.
 */
export function DownloadsStatus() {
  const status = useStore((s) => s.downloads)
  const usage = useStore((s) => s.filesUsage)

  useEffect(() => {
    const { loadDownloads, loadFilesUsage } = useStore.getState()
    void loadDownloads()
    void loadFilesUsage()
  }, [])

  return (
    <div className="sidebar-footer">
      {status && <DownloadsPanel status={status} />}
      {usage && (
        <p className="files-usage">
          PDFs:{' '}
          {usage.files === 0
            ? 'none yet'
            : `${count(usage.files, 'file')}, ${fileSize(usage.bytes)}`}
        </p>
      )}
    </div>
  )
}

function DownloadsPanel({ status }: { status: DownloadStatus }) {
  const pause = useStore((s) => s.pauseDownloads)
  const cancel = useStore((s) => s.cancelDownloads)
  const openPaper = useStore((s) => s.openPaper)
  // A finished run stays until the person has read it; Dismiss hides it until the queue moves.
  const [dismissed, setDismissed] = useState<DownloadStatus | null>(null)
  const line = downloadLine(status)
  const active = downloadsActive(status)
  if (!line || dismissed === status) return null

  const { total, done, failed, paused } = status
  return (
    <section className="downloads" aria-label="Downloads">
      <p className="downloads-line" role="status" title={line}>
        {line}
      </p>
      {total > 0 && (
        <progress aria-label="PDFs downloaded" max={total} value={done + failed.length} />
      )}
      <div className="downloads-actions">
        {(active || paused) && (
          <button type="button" onClick={() => void pause(!paused)}>
            {paused ? 'Resume' : 'Pause'}
          </button>
        )}
        {active && (
          <button type="button" onClick={() => void cancel()}>
            Cancel
          </button>
        )}
        {!active && !paused && (
          <button type="button" onClick={() => setDismissed(status)}>
            Dismiss
          </button>
        )}
      </div>
      {failed.length > 0 && (
        <details className="downloads-failed">
          <summary>{count(failed.length, 'download')} failed</summary>
          <ul>
            {failed.map((failure) => (
              <li key={failure.paperId}>
                <button
                  type="button"
                  className="failure-title"
                  title="Show this paper"
                  onClick={() => void openPaper(failure.paperId)}
                >
                  {failure.title}
                </button>
                <span className="visually-hidden">: </span>
                <span className="failure-problem">{failure.problem}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  )
}
