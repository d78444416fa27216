import { fetchNow } from '../../commands/subscriptionCommands'
import { keyLabel, runCommand } from '../../commands/registry'
import { useStore } from '../../store'
import { fetchingLine, whenLine } from '../../subscriptionsFormat'

/**
 * The sidebar's Subscriptions: what is being fetched ("Fetching arXiv cs.LG…"), offline said
 * quietly, each subscription's last fetch, failure and next try, and Fetch now. Nothing while
 * none is followed (File › Subscriptions… and the button above add one).
 */
export function SubscriptionsPanel() {
  const status = useStore((s) => s.subscriptions)
  const openDialog = useStore((s) => s.setSubscriptionsDialogOpen)
  if (!status || status.subscriptions.length === 0) return null
  const line = fetchingLine(status)

  return (
    <section className="subscriptions-panel" aria-label="Subscriptions">
      <div className="sidebar-heading-row">
        <h2 className="sidebar-heading">Subscriptions</h2>
        <button type="button" className="link-button" onClick={() => openDialog(true)}>
          Manage
        </button>
      </div>
      <p className={`subscriptions-line${status.fetching ? ' busy-line' : ''}`} role="status">
        {line}
      </p>
      <ul className="subscription-lines" aria-label="Followed">
        {status.subscriptions.map((subscription) => (
          <li key={subscription.id}>
            <span className="subscription-name" title={subscription.label}>
              {subscription.label}
            </span>
            {subscription.lastFailure && (
              <>
                <span className="visually-hidden">: </span>
                <span className="subscription-failure" title={subscription.lastFailure.message}>
                  {subscription.lastFailure.message}
                </span>
              </>
            )}
            <span className="subscription-when">
              {whenLine(subscription, status.fetching?.id === subscription.id)}
            </span>
          </li>
        ))}
      </ul>
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
