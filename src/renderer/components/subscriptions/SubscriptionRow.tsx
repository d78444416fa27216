import type { Subscription } from '../../../shared/models'
import { digestLabel, shortDateTime } from '../../format'
import { whenLine } from '../../subscriptionsFormat'
import { useStore } from '../../store'

/** One subscription in the dialog: what it follows, when it last came, its failure, when next. */
export function SubscriptionRow({
  subscription,
  fetching,
}: {
  subscription: Subscription
  fetching: boolean
}) {
  const remove = useStore((s) => s.removeSubscription)
  const { label, since, lastFailure } = subscription
  return (
    <li className="subscription-row">
      <div className="subscription-main">
        <span className="subscription-label">{label}</span>
        <span className="subscription-meta">
          since {digestLabel(since)} · {whenLine(subscription, fetching)}
        </span>
        {lastFailure && (
          <span className="subscription-failure">
            Failed {shortDateTime(lastFailure.at)}: {lastFailure.message}
          </span>
        )}
      </div>
      <button
        type="button"
        aria-label={`Remove subscription ${label}`}
        onClick={() => void remove(subscription.id)}
      >
        Remove
      </button>
    </li>
  )
}
