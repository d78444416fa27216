import type { Subscription } from '../../../shared/models'
import { dateTime, digestLabel } from '../../format'
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
  const { label, since, lastSuccessAt, lastFailure, nextAttemptAt } = subscription
  return (
    <li className="subscription-row">
      <div className="subscription-main">
        <span className="subscription-label">{label}</span>
        <span className="subscription-meta">
          since {digestLabel(since)}
          {' · '}
          {fetching
            ? 'fetching now…'
            : lastSuccessAt === null
              ? 'not fetched yet'
              : `last fetched ${dateTime(lastSuccessAt)}`}
          {nextAttemptAt !== null && !fetching && ` · next ${dateTime(nextAttemptAt)}`}
        </span>
        {lastFailure && (
          <span className="subscription-failure">
            Failed {dateTime(lastFailure.at)}: {lastFailure.message}
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
