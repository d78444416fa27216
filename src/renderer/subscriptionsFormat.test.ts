import { describe, expect, it } from 'vitest'
import type {
  FetchReport,
  RuleEffects,
  SubscriptionFetchReport,
  SubscriptionsStatus,
} from '../shared/models'
import { fetchingLine, fetchSummary, rulesSummary, whenLine } from './subscriptionsFormat'

const NONE: RuleEffects = { previous: [], tagged: [], queued: [] }

const part = (over: Partial<SubscriptionFetchReport>): SubscriptionFetchReport => ({
  id: 1,
  label: 'arXiv cs.LG',
  requests: 1,
  digests: [],
  added: 0,
  merged: 0,
  failure: null,
  offline: false,
  ...over,
})
const report = (...parts: SubscriptionFetchReport[]): FetchReport => ({
  subscriptions: parts,
  rules: NONE,
})

describe('fetchingLine', () => {
  const status = (over: Partial<SubscriptionsStatus>): SubscriptionsStatus => ({
    subscriptions: [],
    fetching: null,
    online: true,
    intervalHours: 6,
    ...over,
  })

  it('names the subscription being fetched, else says offline quietly, else nothing', () => {
    expect(fetchingLine(status({ fetching: { id: 2, label: 'arXiv cs.LG' } }))).toBe(
      'Fetching arXiv cs.LG…',
    )
    expect(fetchingLine(status({ online: false }))).toBe('Offline — will try again')
    expect(fetchingLine(status({}))).toBeNull()
  })
})

describe('rulesSummary', () => {
  it('counts the papers tagged (with their tags), set To read and queued', () => {
    expect(
      rulesSummary({
        tagged: [
          { id: 1, tag: 'llm' },
          { id: 2, tag: 'llm' },
          { id: 2, tag: 'agents' },
          { id: 3, tag: 'llm' },
        ],
        previous: [
          { id: 1, status: 'new' },
          { id: 2, status: 'new' },
        ],
        queued: [1, 2],
      }),
    ).toBe('Rules: 3 papers tagged #llm, #agents, 2 set To read, 2 PDFs queued')
  })

  it('says only what the rules did, and nothing when they did nothing', () => {
    expect(rulesSummary({ ...NONE, queued: [4] })).toBe('Rules: 1 PDF queued')
    expect(rulesSummary(NONE)).toBeNull()
  })
})

describe('fetchSummary', () => {
  it('adds up the new papers and those the library had', () => {
    expect(fetchSummary(report(part({ added: 3, merged: 1 }), part({ id: 2, added: 9 })))).toBe(
      'Fetched 12 new papers, 1 already in the library',
    )
  })

  it('says nothing came, and points to the sidebar for failures', () => {
    expect(fetchSummary(report(part({})))).toBe('Nothing new from the subscriptions')
    expect(fetchSummary(report(part({ added: 1 }), part({ failure: 'arXiv answered 503.' })))).toBe(
      'Fetched 1 new paper (1 subscription failed: see the sidebar)',
    )
  })

  it('is quiet about an offline pass: it will try again', () => {
    expect(fetchSummary(report(part({ offline: true }), part({ id: 2, offline: true })))).toBe(
      'Offline — will try again',
    )
  })
})

describe('whenLine', () => {
  const time = (ms: number) => `t${ms}`

  it('says when it last came and when it is tried next, or that it is being fetched', () => {
    expect(whenLine({ lastSuccessAt: 1, nextAttemptAt: 2 }, false, time)).toBe(
      'fetched t1 · next t2',
    )
    expect(whenLine({ lastSuccessAt: null, nextAttemptAt: null }, false, time)).toBe(
      'not fetched yet',
    )
    expect(whenLine({ lastSuccessAt: 1, nextAttemptAt: 2 }, true, time)).toBe('fetching now…')
  })
})
