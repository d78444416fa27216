import type { ReactNode } from 'react'
import type { PaperView } from '../../shared/ipc'
import { useStore } from '../store'
import { isSameView } from './isSameView'

/** A sidebar entry that opens a list. */
export function ViewLink({
  view,
  label,
  count,
  detail,
}: {
  view: PaperView
  label: ReactNode
  count?: number
  detail?: string
}) {
  const current = useStore((s) => isSameView(s.view, view))
  const setView = useStore((s) => s.setView)
  return (
    <li>
      <button
        type="button"
        className="view-link"
        aria-current={current ? 'page' : undefined}
        title={detail}
        onClick={() => void setView(view)}
      >
        <span className="view-label">{label}</span>
        {count !== undefined && <span className="view-count">{count}</span>}
      </button>
    </li>
  )
}
