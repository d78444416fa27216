import { describe, expect, it } from 'vitest'
import type { RuleEffects } from '../shared/models'
import { useTempDir } from './library/testing/tempDirs'
import { seededApi } from './testing/seededApi'

const tempDir = useTempDir()

/** The handler table over the seed's library (its papers taken as just fetched) and a saved search. */
async function rulesApi() {
  const { library, events, call } = await seededApi(tempDir())
  await call('searches:save', { name: 'Serving', query: 'serving' })
  const searchId = library.listSavedSearches()[0]!.id
  return { library, events, call, searchId }
}

describe('handlers for saved search rules', () => {
  it('searches:setRule sets and removes a rule; a malformed one is refused as a value', async () => {
    const { call, searchId } = await rulesApi()
    const rule = { tag: 'serving', toRead: true, downloadPdf: false }
    expect(await call('searches:setRule', { id: searchId, rule })).toMatchObject({
      ok: true,
      value: [{ id: searchId, name: 'Serving', rule }],
    })
    for (const bad of [
      { id: searchId, rule: { tag: 'x', toRead: true } },
      { id: searchId, rule: { tag: '', toRead: true, downloadPdf: false } },
      { id: searchId, rule: { ...rule, extra: 1 } },
      { id: 0, rule: null },
    ]) {
      expect(await call('searches:setRule', bad)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_REQUEST' },
      })
    }
    expect(await call('searches:setRule', { id: searchId + 1, rule })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: `There is no saved search with id ${searchId + 1}.` },
    })
    expect(await call('searches:setRule', { id: searchId, rule: null })).toMatchObject({
      ok: true,
      value: [{ id: searchId, rule: null }],
    })
  })

  it('rules:undo takes one pass back and tells the window the library changed', async () => {
    const { library, events, call, searchId } = await rulesApi()
    await call('searches:setRule', {
      id: searchId,
      rule: { tag: 'serving', toRead: true, downloadPdf: false },
    })
    const seed = library.listPapers().map((p) => p.id)
    const effects: RuleEffects = library.rules.apply(seed)
    expect(effects.tagged.length).toBeGreaterThan(0)
    expect(library.tagCounts()).toEqual([{ name: 'serving', count: effects.tagged.length }])
    expect(library.statusCounts()['to-read']).toBe(effects.previous.length)

    expect(await call('rules:undo', { effects })).toEqual({ ok: true, value: null })

    expect(library.tagCounts()).toEqual([])
    expect(library.statusCounts().new).toBe(38)
    expect(events.at(-1)).toBe('tags')
    const malformed = { ...effects, previous: [{ id: 1, status: 'done' }] }
    expect(await call('rules:undo', { effects: malformed })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST' },
    })
  })
})
