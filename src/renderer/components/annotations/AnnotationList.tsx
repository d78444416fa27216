import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import type { PaperDetail } from '../../../shared/models'
import { useStore } from '../../store'
import { annotationGroups, itemKey } from './annotationGroups'
import { AnnotationRow, refOf } from './AnnotationRow'
import './annotations.css'

const MOVES: Record<string, (index: number, last: number) => number> = {
  ArrowDown: (index, last) => Math.min(index + 1, last),
  ArrowUp: (index) => Math.max(index - 1, 0),
  Home: () => 0,
  End: (_, last) => last,
}

/**
 * A paper's annotations as one list, abstract and PDF together in reading order, grouped by
 * where they are ("Abstract", "Page 3", …, "Detached"). The arrows move between them; Enter
 * shows one where it is, Delete removes it.
 */
export function AnnotationList({ paper }: { paper: PaperDetail }) {
  const deleteAnnotation = useStore((s) => s.deleteAnnotation)
  const groups = annotationGroups(paper)
  const keys = groups.flatMap((group) => group.items.map(itemKey))
  const [active, setActive] = useState<string | null>(null)
  const list = useRef<HTMLDivElement>(null)
  /** The row to focus once a deleted one has left the list. */
  const focusAfterDelete = useRef<string | null>(null)
  const tabbable = active !== null && keys.includes(active) ? active : keys[0]

  const focusRow = (key: string | undefined) => {
    if (key === undefined) return
    list.current?.querySelector<HTMLElement>(`.annotation-jump[data-key="${key}"]`)?.focus()
  }

  useEffect(() => {
    const key = focusAfterDelete.current
    if (key !== null && keys.includes(key)) {
      focusAfterDelete.current = null
      focusRow(key)
    }
  })

  if (keys.length === 0) {
    return (
      <p className="hint">
        No annotations yet. Select text in the abstract or the PDF and press h to highlight it.
      </p>
    )
  }

  const onKeyDown = (event: KeyboardEvent) => {
    const move = MOVES[event.key]
    const key = (event.target as HTMLElement).closest<HTMLElement>('.annotation-jump')?.dataset.key
    if (!move || key === undefined) return
    event.preventDefault()
    focusRow(keys[move(keys.indexOf(key), keys.length - 1)])
  }

  return (
    <div
      ref={list}
      className="annotation-list"
      role="group"
      aria-label="Annotations"
      onKeyDown={onKeyDown}
    >
      {groups.map((group) => (
        <section key={group.title} className="annotation-group">
          <h3 className="annotation-group-title">{group.title}</h3>
          <ul aria-label={group.title}>
            {group.items.map((item) => {
              const key = itemKey(item)
              return (
                <AnnotationRow
                  key={key}
                  item={item}
                  paperId={paper.id}
                  rowKey={key}
                  tabbable={key === tabbable}
                  onJumpFocus={() => setActive(key)}
                  onDelete={() => {
                    const index = keys.indexOf(key)
                    focusAfterDelete.current = keys[index + 1] ?? keys[index - 1] ?? null
                    void deleteAnnotation(refOf(item))
                  }}
                />
              )
            })}
          </ul>
        </section>
      ))}
    </div>
  )
}
