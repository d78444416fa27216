import { useState } from 'react'
import type { DigestSummary } from '../../shared/models'
import { keyLabel } from '../commands/registry'
import { digestLabel } from '../format'
import { useStore } from '../store'
import { ViewLink } from './ViewLink'

/** Digests shown as they are; the rest wait, by month, behind "Older digests". */
const RECENT_DIGESTS = 14
const MONTH = new Intl.DateTimeFormat(undefined, {
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
})

function DigestLink({ digest }: { digest: DigestSummary }) {
  const triaged = digest.paperCount - digest.newCount
  return (
    <ViewLink
      view={{ kind: 'digest', date: digest.date }}
      label={
        <>
          {digestLabel(digest.date)}
          <span className="progress-text">
            {' '}
            · {triaged}/{digest.paperCount}
          </span>
        </>
      }
      detail={`${digest.date}: ${triaged} of ${digest.paperCount} triaged (${digest.sourceFile})`}
    />
  )
}

/** The digests of the library, newest first: a library of years stays a short sidebar. */
export function DigestLinks({ digests }: { digests: DigestSummary[] }) {
  const older = digests.slice(RECENT_DIGESTS)
  const viewingOlder = useStore(
    (s) =>
      s.view.kind === 'digest' && older.some((d) => d.date === (s.view as { date: string }).date),
  )
  const [opened, setOpened] = useState(false)
  if (digests.length === 0) {
    return <p className="sidebar-empty">No digests yet. Import one with {keyLabel('Mod+o')}.</p>
  }
  const open = opened || viewingOlder
  return (
    <>
      <ul className="views">
        {digests.slice(0, RECENT_DIGESTS).map((digest) => (
          <DigestLink key={digest.date} digest={digest} />
        ))}
      </ul>
      {older.length > 0 && (
        <details
          className="older-digests"
          open={open}
          onToggle={(event) => setOpened(event.currentTarget.open)}
        >
          <summary>Older digests ({older.length})</summary>
          {open &&
            byMonth(older).map(([month, inMonth]) => (
              <section key={month} aria-label={month}>
                <h3 className="sidebar-month">{month}</h3>
                <ul className="views">
                  {inMonth.map((digest) => (
                    <DigestLink key={digest.date} digest={digest} />
                  ))}
                </ul>
              </section>
            ))}
        </details>
      )}
    </>
  )
}

function byMonth(digests: DigestSummary[]): Array<[string, DigestSummary[]]> {
  const months = new Map<string, DigestSummary[]>()
  for (const digest of digests) {
    const month = MONTH.format(new Date(`${digest.date}T00:00:00Z`))
    const inMonth = months.get(month)
    if (inMonth) inMonth.push(digest)
    else months.set(month, [digest])
  }
  return [...months]
}
