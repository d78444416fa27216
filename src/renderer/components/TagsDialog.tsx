import { useState } from 'react'
import type { TagCount } from '../../shared/models'
import { count } from '../format'
import { useStore } from '../store'
import { Dialog } from './Dialog'

function TagRow({ tag, others }: { tag: TagCount; others: TagCount[] }) {
  const renameTag = useStore((s) => s.renameTag)
  const deleteTag = useStore((s) => s.deleteTag)
  const [name, setName] = useState(tag.name)
  const target = others.find((t) => t.name.toLowerCase() === name.trim().toLowerCase())
  const changed = name.trim() !== '' && name.trim() !== tag.name

  return (
    <li className="tag-row">
      <label>
        <span className="visually-hidden">Name of #{tag.name}</span>
        <input
          value={name}
          maxLength={64}
          list="all-tags"
          onChange={(event) => setName(event.target.value)}
        />
      </label>
      <span className="tag-row-count">{count(tag.count, 'paper')}</span>
      <button
        type="button"
        disabled={!changed}
        onClick={() => void renameTag(tag.name, name.trim())}
      >
        {target ? `Merge into #${target.name}` : 'Rename'}
        <span className="visually-hidden"> (#{tag.name})</span>
      </button>
      <button
        type="button"
        aria-label={`Delete tag ${tag.name}`}
        onClick={() => void deleteTag(tag.name)}
      >
        Delete
      </button>
    </li>
  )
}

/** Rename, merge (rename onto an existing tag) and delete tags. */
export function TagsDialog() {
  const open = useStore((s) => s.tagsDialogOpen)
  const setOpen = useStore((s) => s.setTagsDialogOpen)
  const tags = useStore((s) => s.tags)
  if (!open) return null

  return (
    <Dialog title="Tags" onClose={() => setOpen(false)}>
      {tags.length === 0 ? (
        <p className="empty-state">No tags yet. Add one to a paper in the reading pane.</p>
      ) : (
        <ul className="tag-rows">
          {tags.map((tag) => (
            <TagRow key={tag.name} tag={tag} others={tags.filter((t) => t.name !== tag.name)} />
          ))}
        </ul>
      )}
      <datalist id="all-tags">
        {tags.map((t) => (
          <option key={t.name} value={t.name} />
        ))}
      </datalist>
    </Dialog>
  )
}
