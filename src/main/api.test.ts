import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { IpcEvents } from '../shared/ipc'
import { createApi, forwardLibraryEvents } from './api'
import { dispatch } from './ipc/dispatch'
import { linesPdf } from './library/files/testPdfs'
import { seededApi } from './testing/seededApi'
import { openLibrary } from './library/library'
import { SEED_DIGEST, useTempDir } from './library/testing/tempDirs'

const tempDir = useTempDir()

describe('handlers for triage, highlights, tags and stats', () => {
  it('sets statuses in bulk and undoes them', async () => {
    const { library, events, call } = await seededApi(tempDir())
    const changes = [
      { id: 1, status: 'read' },
      { id: 2, status: 'to-read' },
    ]
    const done = await call('papers:setStatuses', { changes })
    expect(done).toEqual({
      ok: true,
      value: {
        previous: [
          { id: 1, status: 'new' },
          { id: 2, status: 'new' },
        ],
      },
    })
    const { previous } = (done as { value: { previous: unknown } }).value
    await call('papers:setStatuses', { changes: previous })
    expect(library.statusCounts().new).toBe(38)
    expect(events).toEqual(['status', 'status'])
  })

  it('refuses malformed status changes and unknown papers, changing nothing', async () => {
    const { library, call } = await seededApi(tempDir())
    expect(await call('papers:setStatuses', { changes: [] })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST' },
    })
    expect(
      await call('papers:setStatuses', { changes: [{ id: 1, status: 'done' }] }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } })
    expect(
      await call('papers:setStatuses', {
        changes: [
          { id: 1, status: 'read' },
          { id: 404, status: 'read' },
        ],
      }),
    ).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'There is no paper with id 404.' },
    })
    expect(library.statusCounts().read).toBe(0)
  })

  it('creates, updates and deletes highlights', async () => {
    const { events, call } = await seededApi(tempDir())
    const created = await call('highlights:create', {
      paperId: 1,
      start: 4,
      end: 14,
      color: 'pink',
    })
    expect(created).toMatchObject({
      ok: true,
      value: { highlights: [{ id: 1, quote: 'increasing', anchor: { start: 4, end: 14 } }] },
    })
    expect(await call('highlights:update', { id: 1, comment: 'note' })).toMatchObject({
      ok: true,
      value: { highlights: [{ color: 'pink', comment: 'note' }] },
    })
    expect(await call('highlights:update', { id: 1 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST', message: /give a colour or a comment/ },
    })
    expect(
      await call('highlights:create', { paperId: 1, start: 3, end: 4, color: 'red' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST' },
    })
    expect(
      await call('highlights:create', { paperId: 1, start: 3, end: 4, color: 'blue' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: /only white space/ },
    })
    expect(await call('highlights:delete', { id: 1 })).toMatchObject({
      ok: true,
      value: { highlights: [] },
    })
    expect(events).toEqual(['highlight', 'highlight', 'highlight'])
  })

  it('renames and deletes tags, answering the new counts', async () => {
    const { library, events, call } = await seededApi(tempDir())
    library.addTags(1, ['gpu'])
    expect(await call('tags:rename', { from: 'gpu', to: 'GPU' })).toEqual({
      ok: true,
      value: [{ name: 'GPU', count: 1 }],
    })
    expect(await call('tags:delete', { name: 'gpu' })).toEqual({ ok: true, value: [] })
    expect(await call('tags:delete', { name: '' })).toMatchObject({ ok: false })
    expect(events).toEqual(['tags', 'tags'])
  })

  it('answers reading stats for offsets of real time zones only', async () => {
    const { call } = await seededApi(tempDir())
    expect(await call('stats:get', { utcOffsetMinutes: 330 })).toMatchObject({
      ok: true,
      value: { readCount: 0, backlog: [{ paperCount: 38, newCount: 38 }] },
    })
    for (const utcOffsetMinutes of [841, -841, 1.5]) {
      expect(await call('stats:get', { utcOffsetMinutes })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_REQUEST' },
      })
    }
  })
})

describe('handlers for search, related papers and saved searches', () => {
  it('lists a view without text, searches it with text, and names a query problem', async () => {
    const { call } = await seededApi(tempDir())
    const all = (await call('papers:list', { view: { kind: 'inbox' }, text: '  ' })) as {
      value: { ids: number[]; newIds: number[]; firstPage: Array<{ id: number }> }
    }
    expect(all).toMatchObject({ ok: true, value: { queryProblem: null } })
    expect(all.value.ids).toHaveLength(38)
    expect(all.value.newIds).toEqual(all.value.ids)
    expect(all.value.firstPage.map((p) => p.id)).toEqual(all.value.ids)
    const found = await call('papers:list', { view: { kind: 'all' }, text: 'nanoflow has:file' })
    const marked = { id: 1, match: { title: expect.stringContaining('\uE000NanoFlow\uE001') } }
    expect(found).toMatchObject({
      ok: true,
      value: {
        ids: [1],
        firstPage: [marked],
        queryProblem:
          '"has:file" is not something a paper has; use has:note, has:highlight (or has:annotation) or has:pdf.',
      },
    })
    const request = { view: { kind: 'all' } as const, text: 'nanoflow', ids: [1] }
    expect(await call('papers:summaries', request)).toMatchObject({ ok: true, value: [marked] })
    expect(
      await call('papers:list', { view: { kind: 'all' }, text: 'x'.repeat(1001) }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } })
  })

  it('answers related papers, and NOT_FOUND for an unknown paper', async () => {
    const { call } = await seededApi(tempDir())
    const related = (await call('papers:related', { id: 1 })) as { value: Array<{ id: number }> }
    expect(related.value.length).toBeGreaterThan(0)
    expect(related.value.map((p) => p.id)).not.toContain(1)
    expect(await call('papers:related', { id: 999 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
  })

  it('saves, lists and deletes saved searches; refuses an empty or long name', async () => {
    const { call } = await seededApi(tempDir())
    const saved = await call('searches:save', { name: ' Serving ', query: 'serving -survey' })
    expect(saved).toMatchObject({
      ok: true,
      value: [{ name: 'Serving', query: 'serving -survey' }],
    })
    expect(await call('searches:list', {})).toMatchObject({
      ok: true,
      value: [{ name: 'Serving' }],
    })
    const listed = (await call('searches:list', {})) as { value: Array<{ id: number }> }
    expect(await call('searches:delete', { id: listed.value[0]!.id })).toEqual({
      ok: true,
      value: [],
    })
    for (const name of ['  ', 'n'.repeat(101)]) {
      expect(await call('searches:save', { name, query: 'x' })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_REQUEST' },
      })
    }
  })
})

describe('events the library pushes on its own', () => {
  it("tells the window when a PDF's text is done, once it is stored, until stopped", async () => {
    const { library, events, call } = await seededApi(tempDir())
    const pushed: string[] = []
    const stop = forwardLibraryEvents(library, (event, payload) => {
      if (event === 'files:textDone') {
        // When told, the paper already shows the text as searchable.
        const { sha256, state } = payload as IpcEvents['files:textDone']
        const file = library.getPaper(1).files[0]!
        pushed.push(`${state}: ${file.textState}${sha256 === file.sha256 ? '' : ' (another file)'}`)
      }
    })
    const data = await linesPdf([['words to search']])
    const attached = await call('files:attach', { paperId: 1, file: { name: 'a.pdf', data } })
    expect(attached).toMatchObject({ ok: true, value: { files: [{ textState: 'pending' }] } })
    expect(events).toEqual(['files'])
    await library.pdfs.whenTextIdle()
    expect(pushed).toEqual(['done: done'])

    stop()
    await call('files:attach', { paperId: 2, file: { name: 'b.pdf', data } })
    await call('files:attach', {
      paperId: 3,
      file: { name: 'c.pdf', data: await linesPdf([['other words']]) },
    })
    await library.pdfs.whenTextIdle()
    expect(pushed).toEqual(['done: done'])
    library.close()
  })
})

describe('annotations:exportPdf', () => {
  it('saves the annotated copy where the person chooses, and nothing when they cancel', async () => {
    const library = openLibrary(tempDir())
    try {
      await library.importFiles([SEED_DIGEST])
      const out = tempDir()
      const offered: string[] = []
      let choice: string | null = null
      const api = createApi(library, {
        emit: () => {},
        openExternal: async () => {},
        flushed: () => {},
        chooseExportPath: async (name) => {
          offered.push(name)
          return choice
        },
      })
      const call = (paperId: number) => dispatch(api, 'annotations:exportPdf', { paperId })
      expect(await call(1)).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND', message: 'This paper has no PDF to export; attach one first.' },
      })
      expect(offered).toEqual([])

      const detail = await library.pdfs.attach(1, { name: 'p.pdf', data: await linesPdf([['x']]) })
      library.annotations.create({
        paperId: 1,
        sha256: detail.files[0]!.sha256,
        type: 'note',
        color: 'pink',
        comment: 'a note',
        position: { pageIndex: 0, rects: [[72, 700, 94, 722]] },
        quote: '',
        prefix: '',
        suffix: '',
        offset: 0,
      })
      expect(await call(1)).toEqual({ ok: true, value: { path: null } })
      choice = join(out, 'copy.pdf')
      expect(await call(1)).toEqual({
        ok: true,
        value: { path: choice, written: 1, leftOut: 0 },
      })
      expect(readFileSync(choice).subarray(0, 5).toString()).toBe('%PDF-')
      expect(offered).toHaveLength(2)
      expect(offered[0]).toMatch(/^\S.* \(annotated\)\.pdf$/)
    } finally {
      library.close()
    }
  })
})
