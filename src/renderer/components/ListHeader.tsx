import {
  LIST_SORTS,
  READING_STATUSES,
  type ListSort,
  type ReadingStatus,
} from '../../shared/models'
import { startTriage } from '../commands/triageCommands'
import { makeOffline } from '../commands/pdfCommands'
import { keyLabel, runCommand } from '../commands/registry'
import { count } from '../format'
import { STATUS_LABELS } from '../statusLabels'
import { useStore } from '../store'

function StatusButtons({ onPick }: { onPick: (status: ReadingStatus) => void }) {
  return (
    <>
      {READING_STATUSES.map((status) => (
        <button key={status} type="button" onClick={() => onPick(status)}>
          {STATUS_LABELS[status]}
        </button>
      ))}
    </>
  )
}

const SORT_LABELS: Record<ListSort, string> = {
  listed: 'Digest order',
  published: 'Newest published',
  upvotes: 'Most upvoted',
}

/** A list's order; a search is ordered by relevance instead, so it has none. */
function SortPicker() {
  const sort = useStore((s) => s.listSort)
  const searching = useStore((s) => s.searchText.trim() !== '')
  const setListSort = useStore((s) => s.setListSort)
  if (searching) return null
  return (
    <div className="list-sort" role="group" aria-label="Sort the list">
      <span>Sort:</span>
      {LIST_SORTS.map((value) => (
        <button
          key={value}
          type="button"
          aria-pressed={sort === value}
          onClick={() => void setListSort(value)}
        >
          {SORT_LABELS[value]}
        </button>
      ))}
    </div>
  )
}

/** The list's name and size, its order, triage, and bulk actions on picked papers or all. */
export function ListHeader() {
  const title = useStore((s) => s.viewTitle())
  const total = useStore((s) => s.paperIds.length)
  const newCount = useStore((s) => s.newIds.size)
  const more = useStore((s) => s.moreThanListed)
  const marked = useStore((s) => s.markedIds)
  const setStatusOf = useStore((s) => s.setStatusOf)
  const setStatusOfView = useStore((s) => s.setStatusOfView)
  const clearMarked = useStore((s) => s.clearMarked)

  return (
    <div className="list-header">
      <div className="list-title">
        <h2>{title}</h2>
        <span className="list-count">
          {more ? `first ${total} matches` : count(total, 'paper')}
          {newCount > 0 && ` · ${newCount} new`}
        </span>
        <button type="button" disabled={newCount === 0} onClick={() => runCommand(startTriage)}>
          Triage <kbd>{keyLabel(startTriage.keys[0]!)}</kbd>
        </button>
      </div>
      <SortPicker />
      <div className="list-actions">
        {marked.length > 0 ? (
          <div
            className="bulk-bar"
            role="group"
            aria-label={`Mark ${count(marked.length, 'picked paper')} as`}
          >
            <span>{marked.length} picked: mark as</span>
            <StatusButtons onPick={(status) => void setStatusOf(marked, status)} />
            <button type="button" onClick={clearMarked}>
              Clear
            </button>
          </div>
        ) : (
          total > 0 && (
            <details className="bulk-all">
              <summary>Mark all {count(total, 'paper')} as…</summary>
              <div role="group" aria-label="Mark all as">
                <StatusButtons onPick={(status) => void setStatusOfView(status)} />
              </div>
            </details>
          )
        )}
        <button
          type="button"
          className="make-offline"
          disabled={total === 0}
          title="Download the arXiv PDF of every paper of this list"
          onClick={() => runCommand(makeOffline)}
        >
          Make available offline <kbd>{keyLabel(makeOffline.keys[0]!)}</kbd>
        </button>
      </div>
    </div>
  )
}
