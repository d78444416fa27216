import { useState } from 'react'
import type { SavedSearch, SearchRule } from '../../shared/models'
import { useStore } from '../store'
import { Dialog } from './Dialog'

/** The rule as the form holds it: null when nothing is chosen. */
function ruleOf(tag: string, toRead: boolean, downloadPdf: boolean): SearchRule | null {
  const name = tag.trim().replace(/^#/, '')
  if (!name && !toRead && !downloadPdf) return null
  return { tag: name || null, toRead, downloadPdf }
}

function RuleForm({ search, onDone }: { search: SavedSearch; onDone: () => void }) {
  const setRule = useStore((s) => s.setSearchRule)
  const tags = useStore((s) => s.tags)
  const [tag, setTag] = useState(search.rule?.tag ?? '')
  const [toRead, setToRead] = useState(search.rule?.toRead ?? false)
  const [downloadPdf, setDownloadPdf] = useState(search.rule?.downloadPdf ?? false)
  const [problem, setProblem] = useState<string | null>(null)
  const rule = ruleOf(tag, toRead, downloadPdf)
  const save = (next: SearchRule | null) =>
    void setRule(search.id, next).then((refused) => (refused ? setProblem(refused) : onDone()))

  return (
    <form
      className="rule-form"
      onSubmit={(event) => {
        event.preventDefault()
        save(rule)
      }}
    >
      <p className="hint">
        When a subscription brings new papers that match <code>{search.query}</code>:
      </p>
      <label className="rule-tag">
        Add the tag
        <input
          value={tag}
          maxLength={64}
          list="rule-tags"
          placeholder="none"
          onChange={(event) => setTag(event.target.value)}
        />
      </label>
      <datalist id="rule-tags">
        {tags.map((t) => (
          <option key={t.name} value={t.name} />
        ))}
      </datalist>
      <label className="rule-check">
        <input
          type="checkbox"
          checked={toRead}
          onChange={(event) => setToRead(event.target.checked)}
        />
        Set them To read
      </label>
      <label className="rule-check">
        <input
          type="checkbox"
          checked={downloadPdf}
          onChange={(event) => setDownloadPdf(event.target.checked)}
        />
        Download their PDFs from arXiv
      </label>
      <p className="rule-problem" role="alert">
        {problem}
      </p>
      <div className="dialog-actions">
        {search.rule && (
          <button type="button" onClick={() => save(null)}>
            Remove the rule
          </button>
        )}
        <button type="submit" className="primary" disabled={!rule && !search.rule}>
          Save the rule
        </button>
      </div>
    </form>
  )
}

/** A saved search's rule: what it does to new fetched papers that match it. */
export function SearchRuleDialog() {
  const id = useStore((s) => s.ruleSearchId)
  const search = useStore((s) => s.savedSearches.find((candidate) => candidate.id === id))
  const setId = useStore((s) => s.setRuleSearchId)
  if (!search) return null
  const close = () => setId(null)

  return (
    <Dialog title={`Rule for “${search.name}”`} onClose={close}>
      <RuleForm key={search.id} search={search} onDone={close} />
    </Dialog>
  )
}
