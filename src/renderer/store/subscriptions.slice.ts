import type { SubscriptionKind, FetchReport, SubscriptionsStatus } from '../../shared/models'
import { call } from '../api'
import { messageOf } from '../errors'
import { broughtPapers, fetchSummary, rulesSummary } from '../subscriptionsFormat'
import type { SliceCreator } from './types'

export interface SubscriptionsSlice {
  /** The subscriptions and what fetching is doing, as the main process last said; null before. */
  subscriptions: SubscriptionsStatus | null
  subscriptionsDialogOpen: boolean
  setSubscriptionsDialogOpen: (open: boolean) => void
  loadSubscriptions: () => Promise<void>
  /** Fetching moved on ('subscriptions:changed'). */
  subscriptionsChanged: (status: SubscriptionsStatus) => void
  /**
   * A pass ended ('subscriptions:fetched'): the rules' effects are undoable (toast and Ctrl+Z),
   * and a pass that brought papers, or that someone asked for, says what it brought.
   */
  subscriptionsFetched: (report: FetchReport) => void
  /** Answers why the subscription was refused, or null when it was added. */
  addSubscription: (kind: SubscriptionKind, query: string, since: string) => Promise<string | null>
  removeSubscription: (id: number) => Promise<void>
  setFetchInterval: (hours: number) => Promise<void>
  /** Fetch now: a pass over every subscription, unless one is running. */
  fetchSubscriptionsNow: () => Promise<void>
}

export const createSubscriptionsSlice: SliceCreator<SubscriptionsSlice> = (set, get) => {
  /** A pass asked for here: its end is told in the toast even when it brought nothing. */
  let asked = false
  /** Statuses pushed so far: an answer older than one of them must not replace it. */
  let pushed = 0

  /**
   * Shows the status a call answers, unless the main process pushed one while it ran (a pass may
   * end before its Fetch now is answered): then the status as it is now.
   */
  const show = async (request: () => Promise<SubscriptionsStatus>) => {
    let seen = pushed
    let subscriptions = await request()
    while (seen !== pushed) {
      seen = pushed
      subscriptions = await call('subscriptions:status', {})
    }
    set({ subscriptions })
  }

  /** Shows papers undoing a pass's rules changed: sidebar, list, reading pane. */
  const refreshViews = async () => {
    await Promise.all([get().loadSidebar(), get().loadPapers()])
    await get().loadDetail(get().selectedId)
  }

  return {
    subscriptions: null,
    subscriptionsDialogOpen: false,
    setSubscriptionsDialogOpen: (subscriptionsDialogOpen) => set({ subscriptionsDialogOpen }),

    loadSubscriptions: () => get().guard(() => show(() => call('subscriptions:status', {}))),

    subscriptionsChanged: (subscriptions) => {
      pushed++
      set({ subscriptions })
    },

    subscriptionsFetched: (report) => {
      const wasAsked = asked
      asked = false
      const rules = rulesSummary(report.rules)
      if (rules) {
        // The lists and the sidebar follow library:changed; the reading pane shows its paper's
        // new tag and status.
        void get().loadDetail(get().selectedId)
        const effects = report.rules
        get().pushUndo(
          {
            label: rules,
            revert: async () => {
              await call('rules:undo', { effects })
              await refreshViews()
              await get().loadDownloads()
            },
          },
          true,
        )
      } else if (wasAsked || broughtPapers(report)) {
        get().notify(fetchSummary(report))
      }
    },

    addSubscription: async (kind, query, since) => {
      try {
        const request = {
          kind,
          ...(kind === 'arxiv' ? { query: query.trim() } : {}),
          ...(since ? { since } : {}),
        }
        await show(() => call('subscriptions:add', request))
        return null
      } catch (error) {
        return messageOf(error)
      }
    },

    removeSubscription: (id) => get().guard(() => show(() => call('subscriptions:remove', { id }))),

    setFetchInterval: (hours) =>
      get().guard(() => show(() => call('subscriptions:setInterval', { hours }))),

    fetchSubscriptionsNow: () =>
      get().guard(async () => {
        const status = get().subscriptions ?? (await call('subscriptions:status', {}))
        if (status.subscriptions.length === 0) {
          set({ subscriptions: status, subscriptionsDialogOpen: true })
          get().notify('Add a subscription first: Margin fetches what it follows.')
          return
        }
        asked = true
        await show(() => call('subscriptions:fetchNow', {}))
      }),
  }
}
