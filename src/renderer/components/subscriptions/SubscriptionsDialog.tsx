import { fetchNow } from '../../commands/subscriptionCommands'
import { keyLabel, runCommand } from '../../commands/registry'
import { useStore } from '../../store'
import { Dialog } from '../Dialog'
import { AddSubscriptionForm } from './AddSubscriptionForm'
import { SubscriptionRow } from './SubscriptionRow'

/** The choices of hours between two passes (the current one is added when it is another). */
const INTERVALS = [1, 2, 3, 6, 12, 24, 48, 168]

function hoursLabel(hours: number): string {
  if (hours === 168) return 'week'
  if (hours % 24 === 0) return hours === 24 ? 'day' : `${hours / 24} days`
  return hours === 1 ? 'hour' : `${hours} hours`
}

/** What Margin follows (Hugging Face Daily Papers, arXiv), how often, and Fetch now. */
export function SubscriptionsDialog() {
  const open = useStore((s) => s.subscriptionsDialogOpen)
  const setOpen = useStore((s) => s.setSubscriptionsDialogOpen)
  const status = useStore((s) => s.subscriptions)
  const setHours = useStore((s) => s.setFetchInterval)
  if (!open) return null

  const subscriptions = status?.subscriptions ?? []
  const hours = status?.intervalHours ?? 6
  const intervals = INTERVALS.includes(hours)
    ? INTERVALS
    : [...INTERVALS, hours].sort((a, b) => a - b)

  return (
    <Dialog title="Subscriptions" onClose={() => setOpen(false)}>
      <p className="hint">
        While online, Margin fetches what you follow and files the new papers in the Inbox under
        their day&apos;s digest, ready for reading offline.
      </p>
      {subscriptions.length === 0 ? (
        <p className="empty-state">Nothing followed yet: add a subscription below.</p>
      ) : (
        <ul className="subscription-rows" aria-label="Followed">
          {subscriptions.map((subscription) => (
            <SubscriptionRow
              key={subscription.id}
              subscription={subscription}
              fetching={status?.fetching?.id === subscription.id}
            />
          ))}
        </ul>
      )}
      <AddSubscriptionForm />
      <div className="dialog-actions subscriptions-actions">
        <label>
          Fetch every{' '}
          <select value={hours} onChange={(event) => void setHours(Number(event.target.value))}>
            {intervals.map((value) => (
              <option key={value} value={value}>
                {hoursLabel(value)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          disabled={subscriptions.length === 0 || status?.fetching != null}
          onClick={() => runCommand(fetchNow)}
        >
          Fetch now <kbd>{keyLabel(fetchNow.keys[0]!)}</kbd>
        </button>
      </div>
    </Dialog>
  )
}
