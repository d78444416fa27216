import { useState } from 'react'
import { useStore } from '../store'

export function TagEditor({ tags }: { tags: string[] }) {
  const allTags = useStore((s) => s.tags)
  const addTag = useStore((s) => s.addTag)
  const removeTag = useStore((s) => s.removeTag)
  const [draft, setDraft] = useState('')

  const submit = () => {
    const name = draft.trim()
    if (!name) return
    setDraft('')
    void addTag(name)
  }

  return (
    <div className="tag-editor">
      <ul className="tags" aria-label="Tags">
        {tags.map((tag) => (
          <li key={tag} className="tag">
            #{tag}
            <button
              type="button"
              aria-label={`Remove tag ${tag}`}
              onClick={() => void removeTag(tag)}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <input
        className="tag-input"
        aria-label="Add a tag"
        placeholder="Add tag…"
        list="known-tags"
        value={draft}
        maxLength={64}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') submit()
        }}
      />
      <datalist id="known-tags">
        {allTags
          .filter((t) => !tags.includes(t.name))
          .map((t) => (
            <option key={t.name} value={t.name} />
          ))}
      </datalist>
    </div>
  )
}
