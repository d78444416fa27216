import { beforeEach, describe, expect, it, vi } from 'vitest'
import { create } from 'zustand'
import type { FetchReport, RuleEffects, SubscriptionsStatus } from '../../shared/models'
import { ApiError } from '../api'
import { createSubscriptionsSlice, type SubscriptionsSlice } from './subscriptions.slice'
import { createUndoSlice, type UndoSlice } from './undo.slice'

const calls: Array<[string, unknown]> = []
const answers = new Map<string, () => Promise<unknown>>()
vi.mock('../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../api')>()),
  call: (channel: string, request: unknown) => {
    calls.push([channel, request])
    return answers.get(channel)?.() ?? Promise.resolve(null)
  },
}))

const status = (over: Partial<SubscriptionsStatus> = {}): SubscriptionsStatus => ({
  subscriptions: [
    {
      id: 1,
      kind: 'arxiv',
      query: 'cs.LG',
      label: 'arXiv cs.LG',
      since: '2026-11-27',
      createdAt: 0,
      lastSuccessAt: null,
      lastFailure: null,
      nextAttemptAt: null,
    },
  ],
  fetching: null,
  online: true,
  intervalHours: 6,
  ...over,
})

type TestStore = SubscriptionsSlice &
  UndoSlice & {
    message: string | null
    refreshed: number
    guard: (action: () => Promise<void>) => Promise<void>
    notify: (text: string) => void
    loadSidebar: () => Promise<void>
    loadPapers: () => Promise<void>
    loadDetail: (id: number | null) => Promise<void>
    loadDownloads: () => Promise<void>
    selectedId: number | null
  }

/** The slice with what it takes from the rest of the store: guard, undo, views to refresh. */
function subscriptionsStore() {
  return create<TestStore>()((set, get, api) => ({
    message: null,
    refreshed: 0,
    selectedId: null,
    guard: async (action) => {
      try {
        await action()
      } catch (error) {
        set({ message: (error as Error).message })
      }
    },
    notify: (text) => set({ toast: { text, canUndo: false } }),
    loadSidebar: async () => set({ refreshed: get().refreshed + 1 }),
    loadPapers: async () => {},
    loadDetail: async () => {},
    loadDownloads: async () => {},
    ...createUndoSlice(set as never, get as never, api as never),
    ...createSubscriptionsSlice(set as never, get as never, api as never),
  }))
}

const NO_RULES: RuleEffects = { previous: [], tagged: [], queued: [] }
const report = (over: Partial<FetchReport['subscriptions'][number]>, rules = NO_RULES) => ({
  subscriptions: [
    {
      id: 1,
      label: 'arXiv cs.LG',
      requests: 1,
      digests: [],
      added: 0,
      merged: 0,
      failure: null,
      offline: false,
      ...over,
    },
  ],
  rules,
})

beforeEach(() => {
  calls.length = 0
  answers.clear()
})

describe('the subscriptions slice', () => {
  it('keeps a status pushed while Fetch now was being answered, not the older answer', async () => {
    const store = subscriptionsStore()
    store.getState().subscriptionsChanged(status())
    const fetching = status({ fetching: { id: 1, label: 'arXiv cs.LG' } })
    const done = status({ fetching: null })
    answers.set('subscriptions:fetchNow', async () => {
      // The pass ran and ended before its start was answered.
      store.getState().subscriptionsChanged(fetching)
      store.getState().subscriptionsChanged(done)
      return fetching
    })
    answers.set('subscriptions:status', async () => done)
    await store.getState().fetchSubscriptionsNow()
    expect(store.getState().subscriptions?.fetching).toBeNull()
    expect(calls.map(([channel]) => channel)).toEqual([
      'subscriptions:fetchNow',
      'subscriptions:status',
    ])
  })

  it('opens the dialog instead of fetching when nothing is followed', async () => {
    const store = subscriptionsStore()
    store.getState().subscriptionsChanged(status({ subscriptions: [] }))
    await store.getState().fetchSubscriptionsNow()
    expect(store.getState().subscriptionsDialogOpen).toBe(true)
    expect(calls).toEqual([])
  })

  it("offers to undo what a pass's rules did, in the toast and with Ctrl+Z", async () => {
    const store = subscriptionsStore()
    const rules: RuleEffects = { previous: [{ id: 7, status: 'new' }], tagged: [], queued: [7] }
    store.getState().subscriptionsFetched(report({ added: 1 }, rules))
    expect(store.getState().toast).toEqual({
      text: 'Rules: 1 set To read, 1 PDF queued',
      canUndo: true,
    })
    await store.getState().undo()
    expect(calls).toContainEqual(['rules:undo', { effects: rules }])
    expect(store.getState().refreshed).toBe(1)
  })

  it('says what a pass it asked for brought, and keeps quiet about a background pass with nothing', async () => {
    const store = subscriptionsStore()
    store.getState().subscriptionsFetched(report({}))
    expect(store.getState().toast).toBeNull()

    store.getState().subscriptionsChanged(status())
    answers.set('subscriptions:fetchNow', async () => status())
    await store.getState().fetchSubscriptionsNow()
    store.getState().subscriptionsFetched(report({}))
    expect(store.getState().toast?.text).toBe('Nothing new from the subscriptions')

    store.getState().subscriptionsFetched(report({ added: 4 }))
    expect(store.getState().toast?.text).toBe('Fetched 4 new papers')
  })

  it('answers why a subscription was refused, leaving the list as it was', async () => {
    const store = subscriptionsStore()
    store.getState().subscriptionsChanged(status())
    answers.set('subscriptions:add', () =>
      Promise.reject(
        new ApiError({ code: 'INVALID_ARGUMENT', message: 'arXiv has no category "cs.XX".' }),
      ),
    )
    expect(await store.getState().addSubscription('arxiv', ' cs.XX ', '')).toBe(
      'arXiv has no category "cs.XX".',
    )
    expect(calls).toEqual([['subscriptions:add', { kind: 'arxiv', query: 'cs.XX' }]])
    expect(store.getState().subscriptions?.subscriptions).toHaveLength(1)
  })
})
