import { fetchNow } from '../../commands/subscriptionCommands'
import { keyLabel, runCommand } from '../../commands/registry'
import { dateTime } from '../../format'
import { useStore } from '../../store'
import { fetchingLine } from '../../subscriptionsFormat'

/**
 * The sidebar's Subscriptions: what is being fetched ("Fetching arXiv cs.LG…"), offline said
 * quietly, each subscription's last failure, and Fetch now. Nothing while none is followed.
 */
export function SubscriptionsPanel() {
  const status = useStore((s) => s.subscriptions)
  if (!status || status.subscriptions.length === 0) return null

  const failing = status.subscriptions.filter((s) => s.lastFailure !== null)
  const lastSuccess = Math.max(0, ...status.subscriptions.map((s) => s.lastSuccessAt ?? 0))
  const line =
    fetchingLine(status) ??
    (lastSuccess > 0 ? `Fetched ${dateTime(lastSuccess)}` : 'Not fetched yet')

  return (
    <section className="subscriptions-panel" aria-label="Subscriptions">
      <h2 className="sidebar-heading">Subscriptions</h2>
      <p
        className={`subscriptions-line${status.fetching ? ' busy' : ''}`}
        role="status"
        title={line}
      >
        {line}
      </p>
      {failing.length > 0 && (
        <ul className="subscription-failures" aria-label="Subscription failures">
          {failing.map((subscription) => (
            <li key={subscription.id}>
              <span className="failure-label">{subscription.label}</span>
              <span className="visually-hidden">: </span>
              <span className="failure-problem">{subscription.lastFailure!.message}</span>
            </li>
          ))}
        </ul>
      )}
      <button
        type="button"
        disabled={status.fetching !== null}
        onClick={() => runCommand(fetchNow)}
      >
        Fetch now <kbd>{keyLabel(fetchNow.keys[0]!)}</kbd>
      </button>
    </section>
  )
}
