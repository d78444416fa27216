import { afterEach, describe, expect, it } from 'vitest'
import type { EventName, IpcEvents } from '../shared/ipc'
import { createApi, forwardLibraryEvents } from './api'
import { dispatch } from './ipc/dispatch'
import { openLibrary, type Library } from './library/library'
import { fakeClock } from './library/testing/fakeClock'
import { startFeedServer, type FeedServer } from './library/testing/feedServer'
import { useTempDir } from './library/testing/tempDirs'

const tempDir = useTempDir()
let server: FeedServer | undefined
let library: Library | undefined
afterEach(async () => {
  library?.close()
  await server?.close()
})

async function subscriptionsApi() {
  const clock = fakeClock(Date.UTC(2026, 10, 30, 9))
  server = await startFeedServer({ now: clock.now })
  library = openLibrary(tempDir(), {
    now: clock.now,
    sleep: clock.sleep,
    hfBaseUrl: server.baseUrl,
    arxivBaseUrl: server.baseUrl,
  })
  const events: Array<{ event: EventName; payload: unknown }> = []
  const emit = <E extends EventName>(event: E, payload: IpcEvents[E]) => {
    events.push({ event, payload })
  }
  const api = createApi(library, { emit, openExternal: async () => {}, flushed: () => {} })
  forwardLibraryEvents(library, emit)
  return {
    library,
    server,
    events,
    call: (channel: string, request: unknown) => dispatch(api, channel, request),
  }
}

describe('subscriptions:* handlers', () => {
  it('add, list, set the interval and remove; refusals come back as values with the reason', async () => {
    const { call } = await subscriptionsApi()
    expect(
      await call('subscriptions:add', { kind: 'arxiv', query: 'cs.LG', since: '2026-11-29' }),
    ).toMatchObject({ ok: true, value: { subscriptions: [{ id: 1, label: 'arXiv cs.LG' }] } })
    expect(await call('subscriptions:add', { kind: 'arxiv', query: 'ti:attention OR' })).toEqual({
      ok: false,
      error: {
        code: 'INVALID_ARGUMENT',
        message: 'The query ends without a term after its last operator: ti:attention OR',
      },
    })
    expect(await call('subscriptions:add', { kind: 'rss' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST' },
    })
    expect(await call('subscriptions:setInterval', { hours: 0 })).toMatchObject({ ok: false })
    expect(await call('subscriptions:setInterval', { hours: 24 })).toMatchObject({
      ok: true,
      value: { intervalHours: 24 },
    })
    expect(await call('subscriptions:remove', { id: 1 })).toMatchObject({
      ok: true,
      value: { subscriptions: [] },
    })
    expect(await call('subscriptions:status', {})).toMatchObject({
      ok: true,
      value: { subscriptions: [], fetching: null, online: true, intervalHours: 24 },
    })
  })

  it('fetchNow answers at once; progress, the report and the library change reach the window', async () => {
    const { call, server, events, library } = await subscriptionsApi()
    server.hfDay('2026-11-30', [
      {
        arxivId: '2611.00001',
        title: 'A paper of the day',
        summary: 'What it found.',
        authors: ['Ada Lovelace'],
        published: '2026-11-28T10:00:00Z',
      },
    ])
    await call('subscriptions:add', { kind: 'hf-daily', since: '2026-11-30' })
    const started = await call('subscriptions:fetchNow', {})
    expect(started).toMatchObject({
      ok: true,
      value: { fetching: { id: 1, label: 'Hugging Face Daily Papers' } },
    })
    for (let turn = 0; turn < 10_000; turn++) {
      if (events.some((e) => e.event === 'subscriptions:fetched')) break
      await new Promise((resolve) => setImmediate(resolve))
    }
    const names = events.map((e) => e.event)
    expect(names.filter((n) => n !== 'subscriptions:changed')).toEqual([
      'subscriptions:fetched',
      'library:changed',
    ])
    expect(events.find((e) => e.event === 'subscriptions:fetched')!.payload).toMatchObject({
      subscriptions: [{ id: 1, added: 1, digests: [{ date: '2026-11-30', papers: 1 }] }],
    })
    expect(events.find((e) => e.event === 'library:changed')!.payload).toEqual({ reason: 'import' })
    expect((events.at(-3)!.payload as IpcEvents['subscriptions:changed']).fetching).toBeNull()
    expect(library.listDigests().map((d) => d.date)).toEqual(['2026-11-30'])
  })
})
