import { useId, useState } from 'react'
import type { SubscriptionKind } from '../../../shared/models'
import { useStore } from '../../store'

/** What one can follow; both arXiv choices are an 'arxiv' subscription, read by its query. */
const CHOICES = {
  'hf-daily': { kind: 'hf-daily', label: 'Hugging Face Daily Papers', field: null },
  category: {
    kind: 'arxiv',
    label: 'arXiv category',
    field: { label: 'Category', placeholder: 'cs.LG, or an archive such as cs' },
  },
  query: {
    kind: 'arxiv',
    label: 'arXiv search query',
    field: { label: 'Query', placeholder: 'abs:"speculative decoding" AND cat:cs.CL' },
  },
} as const satisfies Record<
  string,
  { kind: SubscriptionKind; label: string; field: { label: string; placeholder: string } | null }
>
type Choice = keyof typeof CHOICES

/** Today as YYYY-MM-DD (the since field's latest day). */
function today(): string {
  const now = new Date()
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}

/** Adds a subscription; a refusal (an unknown category, a query arXiv cannot read) says why here. */
export function AddSubscriptionForm() {
  const add = useStore((s) => s.addSubscription)
  const [choice, setChoice] = useState<Choice>('hf-daily')
  const [query, setQuery] = useState('')
  const [since, setSince] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const id = useId()
  const { kind, field } = CHOICES[choice]

  return (
    <form
      className="add-subscription"
      aria-label="Add a subscription"
      onSubmit={(event) => {
        event.preventDefault()
        if (field && !query.trim()) {
          setProblem(`Write the ${field.label.toLowerCase()} to follow.`)
          return
        }
        setBusy(true)
        void add(kind, query, since).then((refused) => {
          setBusy(false)
          setProblem(refused)
          if (!refused) setQuery('')
        })
      }}
    >
      <h3>Add a subscription</h3>
      <div className="add-subscription-fields">
        <label>
          Follow
          <select
            value={choice}
            onChange={(event) => {
              setChoice(event.target.value as Choice)
              setProblem(null)
            }}
          >
            {Object.entries(CHOICES).map(([value, { label }]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {field && (
          <label className="add-subscription-query">
            {field.label}
            <input
              value={query}
              maxLength={500}
              placeholder={field.placeholder}
              aria-describedby={`${id}-problem`}
              onChange={(event) => setQuery(event.target.value)}
            />
          </label>
        )}
        <label>
          From
          <input
            type="date"
            value={since}
            max={today()}
            aria-describedby={`${id}-since`}
            onChange={(event) => setSince(event.target.value)}
          />
        </label>
        <button type="submit" className="primary" disabled={busy}>
          Add
        </button>
      </div>
      <p id={`${id}-since`} className="hint">
        From: the first day to fetch (empty: the last 3 days).
      </p>
      <p id={`${id}-problem`} className="add-subscription-problem" role="alert">
        {problem}
      </p>
    </form>
  )
}
