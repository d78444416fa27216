import { describe, expect, it } from 'vitest'
import { openLibrary, type Library } from '../../library'
import { libraryWithPdf, newAnnotation, pdfOfPages } from '../../testing/annotatedPaper'
import { SEED_DIGEST, useTempDir, writeFile } from '../../testing/tempDirs'
import type { SyncContext } from '../contracts'
import { opLineSchema, SYNC_LIMITS, type OpLine, type OpOf } from '../ops'
import { emitPending } from './emit'
import { createSyncState } from './syncState'
import { setUpSync, syncContext, TEST_DEVICE, ticking, useLibraries } from './syncTesting'

const tempDir = useTempDir()
const { keep, seeded: seededLibrary } = useLibraries(tempDir)

/** A seeded library with sync set up (device and adoption). */
async function syncedLibrary() {
  const { dir, library, now } = await seededLibrary()
  const ctx = setUpSync(library, { now })
  return { dir, library, ctx, now }
}

/** Emits, checks every line against the format and against the outbox, returns the lines. */
function emit(ctx: SyncContext): OpLine[] {
  const before = ctx.db.prepare<[], number>('SELECT coalesce(max(seq), 0) FROM sync_outbox').pluck()
  const after = before.get()!
  const lines = emitPending(ctx)
  for (const line of lines) {
    expect(opLineSchema.safeParse(line).success, JSON.stringify(line)).toBe(true)
  }
  expect(
    ctx.db.prepare('SELECT seq, line FROM sync_outbox WHERE seq > ? ORDER BY seq').all(after),
  ).toEqual(lines.map((line) => ({ seq: line.seq, line: JSON.stringify(line) })))
  expect(ctx.db.prepare('SELECT count(*) FROM sync_pending').pluck().get()).toBe(0)
  return lines
}

const only = <K extends OpLine['kind']>(lines: OpLine[], kind: K) =>
  lines.filter((line): line is Extract<OpLine, { kind: K }> => line.kind === kind)

const keyOfPaper = (library: Library, id: number) => {
  const paper = library.getPaper(id)
  return {
    arxivId: paper.arxivId,
    titleKey: library.db
      .prepare<[number], string>('SELECT title_key FROM papers WHERE id = ?')
      .pluck()
      .get(id)!,
  }
}

describe('emitPending', () => {
  it('captures nothing before sync is set up, and nothing while remote changes are applied', async () => {
    const { library, now } = await seededLibrary()
    library.setStatus(1, 'read')
    library.saveNote(1, 'Before sync.')
    expect(library.db.prepare('SELECT count(*) FROM sync_pending').pluck().get()).toBe(0)

    const ctx = setUpSync(library, { now })
    expect(emit(ctx)).toEqual([])
    library.db.prepare('INSERT INTO sync_applying (busy) VALUES (1)').run()
    library.setStatus(2, 'reading')
    library.addTags(2, ['remote'])
    library.saveSearch('Remote', 'remote')
    library.db.prepare('DELETE FROM sync_applying').run()
    expect(emit(ctx)).toEqual([])
    expect(createSyncState(library.db).get('nextSeq')).toBe(1)
  })

  it('numbers operations from 1 without gaps, ids <device>:<seq>, clocks increasing, across passes', async () => {
    const { library, ctx } = await syncedLibrary()
    library.setStatuses([
      { id: 1, status: 'to-read' },
      { id: 2, status: 'read' },
    ])
    const first = emit(ctx)
    library.setStatus(3, 'reading')
    const second = emit(syncContext(library, { now: ctx.now }))
    const lines = [...first, ...second]
    expect(lines.map((line) => [line.seq, line.id, line.dev, line.v])).toEqual([
      [1, `${TEST_DEVICE}:1`, TEST_DEVICE, 1],
      [2, `${TEST_DEVICE}:2`, TEST_DEVICE, 1],
      [3, `${TEST_DEVICE}:3`, TEST_DEVICE, 1],
    ])
    const clocks = lines.map((line) => line.hlc)
    expect([...clocks].sort()).toEqual(clocks)
    expect(new Set(clocks).size).toBe(3)
    const state = createSyncState(library.db)
    expect(state.get('nextSeq')).toBe(4)
    expect(state.get('hlc')).toBe(clocks[2])
  })

  it('a status change: from, to, when, the paper by its keys, and its global id kept with the history row', async () => {
    const { library, ctx } = await syncedLibrary()
    library.setStatus(2, 'reading')
    const [op] = only(emit(ctx), 'status')
    const history = library.db
      .prepare<[], { id: number; changed_at: number }>(
        'SELECT id, changed_at FROM status_history ORDER BY id DESC LIMIT 1',
      )
      .get()!
    expect(op).toMatchObject({
      paper: keyOfPaper(library, 2),
      from: 'new',
      to: 'reading',
      at: history.changed_at,
    })
    expect(
      library.db
        .prepare('SELECT gid, paper_id, history_id, hlc FROM sync_status_changes WHERE gid = ?')
        .get(op!.id),
    ).toEqual({ gid: op!.id, paper_id: 2, history_id: history.id, hlc: op!.hlc })
  })

  it('tags: one operation per tag whose presence changed, and the clock of each', async () => {
    const { library, ctx } = await syncedLibrary()
    library.addTags(1, ['serving', 'Systems'])
    const added = only(emit(ctx), 'tag')
    expect(added.map((op) => [op.name, op.present])).toEqual([
      ['serving', true],
      ['Systems', true],
    ])
    expect(added.every((op) => op.paper.titleKey === keyOfPaper(library, 1).titleKey)).toBe(true)

    library.removeTags(1, ['systems'])
    library.addTags(1, ['gpu'])
    expect(only(emit(ctx), 'tag').map((op) => [op.name, op.present])).toEqual([
      ['gpu', true],
      ['Systems', false],
    ])
    // Removed and added again before the pass: present as the clock says, nothing to say.
    library.removeTags(1, ['gpu'])
    library.addTags(1, ['gpu'])
    expect(emit(ctx)).toEqual([])

    library.renameTag('serving', 'inference')
    expect(only(emit(ctx), 'tag').map((op) => [op.name, op.present])).toEqual([
      ['inference', true],
      ['serving', false],
    ])
    library.deleteTag('gpu')
    const [removed] = only(emit(ctx), 'tag')
    expect([removed!.name, removed!.present]).toEqual(['gpu', false])
    expect(
      library.db
        .prepare(
          'SELECT name_key, name, present, hlc FROM sync_tag_clocks WHERE paper_id = 1 ORDER BY name_key',
        )
        .all(),
    ).toEqual([
      { name_key: 'gpu', name: 'gpu', present: 0, hlc: removed!.hlc },
      { name_key: 'inference', name: 'inference', present: 1, hlc: expect.any(String) },
      { name_key: 'serving', name: 'serving', present: 0, hlc: expect.any(String) },
      { name_key: 'systems', name: 'Systems', present: 0, hlc: expect.any(String) },
    ])
  })

  it('notes: each version after the heads it was edited from; none when the text is what sync has', async () => {
    const { library, now } = await seededLibrary()
    library.saveNote(1, 'Written before sync.')
    const ctx = setUpSync(library, { now })

    library.saveNote(1, 'Written before sync.\nAnd after.')
    const [second] = only(emit(ctx), 'note')
    expect(second).toMatchObject({
      parents: [`${TEST_DEVICE}:n1`],
      body: 'Written before sync.\nAnd after.',
      paper: keyOfPaper(library, 1),
    })

    // The note written as it was (a pending change whose text is what sync has): no version.
    library.db.prepare("INSERT INTO sync_pending (entity, ref) VALUES ('note', '1')").run()
    expect(emit(ctx)).toEqual([])

    library.saveNote(1, '   ')
    const [removed] = only(emit(ctx), 'note')
    expect(removed).toMatchObject({ parents: [second!.id], body: '' })

    library.saveNote(2, 'A new note.')
    const [fresh] = only(emit(ctx), 'note')
    expect(fresh).toMatchObject({ parents: [], body: 'A new note.' })
    expect(
      library.db
        .prepare('SELECT gid, paper_id, parents, body, hlc FROM sync_note_versions WHERE gid = ?')
        .get(fresh!.id),
    ).toEqual({ gid: fresh!.id, paper_id: 2, parents: '[]', body: 'A new note.', hlc: fresh!.hlc })
  })

  it('a note a version apart from two heads names both as parents', async () => {
    const { library, ctx } = await syncedLibrary()
    const insert = library.db.prepare(
      'INSERT INTO sync_note_versions (gid, paper_id, parents, body, hlc) VALUES (?, 3, ?, ?, ?)',
    )
    insert.run('otherdevice00001:7', '[]', 'Base', '001754000000000.000000.otherdevice00001')
    insert.run(
      'otherdevice00001:8',
      '["otherdevice00001:7"]',
      'Theirs',
      '001754000000001.000000.otherdevice00001',
    )
    insert.run(
      `${TEST_DEVICE}:n3`,
      '["otherdevice00001:7"]',
      'Mine',
      '001754000000002.000000.' + TEST_DEVICE,
    )
    library.saveNote(3, 'Theirs and mine.')
    const [op] = only(emit(ctx), 'note')
    expect(op!.parents).toEqual([`${TEST_DEVICE}:n3`, 'otherdevice00001:8'])
  })

  it('a note keeps its newest versions, not every edit ever made', async () => {
    const { library, ctx } = await syncedLibrary()
    for (let i = 1; i <= SYNC_LIMITS.noteVersions + 5; i++) {
      library.saveNote(4, `Edit ${i}.`)
      emit(ctx)
    }
    const kept = library.db
      .prepare<[], string>('SELECT body FROM sync_note_versions WHERE paper_id = 4 ORDER BY hlc')
      .pluck()
      .all()
    expect(kept).toHaveLength(SYNC_LIMITS.noteVersions)
    expect(kept.at(-1)).toBe(`Edit ${SYNC_LIMITS.noteVersions + 5}.`)
  })

  it('a note edited out of its conflict markers is no longer a conflict; one with markers is', async () => {
    const { library, ctx } = await syncedLibrary()
    library.db.prepare('INSERT INTO sync_note_conflicts (paper_id, since) VALUES (1, 5)').run()
    library.saveNote(1, 'Both texts, merged by hand.')
    emit(ctx)
    expect(library.db.prepare('SELECT count(*) FROM sync_note_conflicts').pluck().get()).toBe(0)
    library.saveNote(
      2,
      '<<<<<<< edit of 2025-08-06 09:00 UTC\nMine\n=======\nTheirs\n>>>>>>> edit of 2025-08-06 09:01 UTC',
    )
    emit(ctx)
    expect(library.db.prepare('SELECT paper_id FROM sync_note_conflicts').pluck().all()).toEqual([
      2,
    ])
  })

  it('highlights: every field when new, then only what changed, under the gid of the operation that made it', async () => {
    const { library, ctx } = await syncedLibrary()
    library.createHighlight({ paperId: 2, start: 4, end: 20, color: 'yellow', comment: 'why' })
    const [created] = only(emit(ctx), 'record')
    const highlight = library.getPaper(2).highlights[0]!
    expect(created).toMatchObject({
      type: 'highlight',
      paper: keyOfPaper(library, 2),
      fields: {
        quote: highlight.quote,
        prefix: highlight.prefix,
        suffix: highlight.suffix,
        start: 4,
        end: 20,
        color: 'yellow',
        comment: 'why',
        createdAt: highlight.createdAt,
        updatedAt: highlight.updatedAt,
        deleted: false,
      },
    })
    expect(created!.id).toBe(`${TEST_DEVICE}:${created!.seq}`)
    expect(created!.clocks).toBeUndefined()

    library.updateHighlight(highlight.id, { color: 'green' })
    const [changed] = only(emit(ctx), 'record')
    expect(changed!.id).toBe(created!.id)
    expect(changed!.seq).toBe(created!.seq + 1)
    expect(changed!.fields).toEqual({
      color: 'green',
      updatedAt: library.getPaper(2).highlights[0]!.updatedAt,
    })
    const stored = library.db
      .prepare<[string], { local_id: number; fields: string; clocks: string }>(
        'SELECT local_id, fields, clocks FROM sync_records WHERE gid = ?',
      )
      .get(created!.id)!
    expect(stored.local_id).toBe(highlight.id)
    expect(JSON.parse(stored.fields)).toMatchObject({ color: 'green', comment: 'why' })
    expect(JSON.parse(stored.clocks)).toMatchObject({
      color: changed!.hlc,
      updatedAt: changed!.hlc,
      comment: created!.hlc,
    })
    library.updateHighlight(highlight.id, {})
    const touched = emit(ctx)
    expect(touched.map((op) => Object.keys((op as OpOf<'record'>).fields))).toEqual([['updatedAt']])
  })

  it("a deleted highlight's tombstone names its paper", async () => {
    const now = ticking()
    const library = openLibrary(tempDir(), { now })
    keep(library)
    await library.importFiles([SEED_DIGEST], { year: 2025 })
    const ctx = setUpSync(library, { now })
    library.createHighlight({ paperId: 2, start: 4, end: 20, color: 'yellow' })
    const [created] = only(emit(ctx), 'record')
    const highlight = library.getPaper(2).highlights[0]!
    library.deleteHighlight(highlight.id)
    const [tombstone] = only(emit(ctx), 'record')
    expect(tombstone).toMatchObject({
      id: created!.id,
      type: 'highlight',
      paper: keyOfPaper(library, 2),
      fields: { deleted: true },
    })
    // Undo brings it back under its own id: the same record, no longer deleted.
    library.restoreHighlight(highlight)
    const [back] = only(emit(ctx), 'record')
    expect(back).toMatchObject({ id: created!.id, fields: { deleted: false } })
  })

  it('saved searches and subscriptions: records, their changes and their tombstones', async () => {
    const { library, ctx } = await syncedLibrary()
    const [search] = library.saveSearch('Sparse', 'sparse attention')
    library.subscriptions.add({ kind: 'arxiv', query: 'cs.LG', since: '2025-08-01' })
    const made = only(emit(ctx), 'record')
    expect(made.map((op) => [op.type, op.paper, op.fields])).toEqual([
      [
        'savedSearch',
        null,
        {
          name: 'Sparse',
          query: 'sparse attention',
          createdAt: search!.createdAt,
          ruleTag: null,
          ruleToRead: false,
          ruleDownload: false,
          deleted: false,
        },
      ],
      [
        'subscription',
        null,
        {
          kind: 'arxiv',
          query: 'cs.LG',
          since: '2025-08-01',
          createdAt: expect.any(Number),
          deleted: false,
        },
      ],
    ])

    library.setSearchRule(search!.id, { tag: 'sparse', toRead: true, downloadPdf: false })
    const [rule] = only(emit(ctx), 'record')
    expect(rule).toMatchObject({ id: made[0]!.id, fields: { ruleTag: 'sparse', ruleToRead: true } })
    expect(Object.keys(rule!.fields).sort()).toEqual(['ruleTag', 'ruleToRead'])

    const subscription = library.subscriptions.status().subscriptions[0]!
    library.subscriptions.remove(subscription.id)
    library.deleteSavedSearch(search!.id)
    const gone = only(emit(ctx), 'record')
    expect(gone.map((op) => [op.id, op.type, op.paper, op.fields])).toEqual([
      [made[0]!.id, 'savedSearch', null, { deleted: true }],
      [made[1]!.id, 'subscription', null, { deleted: true }],
    ])
    // Deleted again or never there: nothing more to say.
    library.db
      .prepare("INSERT INTO sync_pending (entity, ref) VALUES ('savedSearch', ?)")
      .run(String(search!.id))
    expect(emit(ctx)).toEqual([])

    // A new search that takes the deleted one's id is a new record, not the old one back.
    const [again] = library.saveSearch('Dense', 'dense')
    expect(again!.id).toBe(search!.id)
    const [fresh] = only(emit(ctx), 'record')
    expect(fresh!.id).not.toBe(made[0]!.id)
    expect(fresh!.fields).toMatchObject({ name: 'Dense', deleted: false })
  })

  it('a row that took a deleted one’s id before the pass: that record’s tombstone, then a new one', async () => {
    const { library, ctx } = await syncedLibrary()
    const [first] = library.saveSearch('Sparse', 'sparse')
    const [made] = only(emit(ctx), 'record')
    library.deleteSavedSearch(first!.id)
    const [second] = library.saveSearch('Dense', 'dense')
    expect(second!.id).toBe(first!.id)
    const lines = only(emit(ctx), 'record')
    expect(lines.map((op) => [op.id === made!.id, op.fields.deleted, op.fields.name])).toEqual([
      [true, true, undefined],
      [false, false, 'Dense'],
    ])
    expect(library.db.prepare('SELECT gid, local_id FROM sync_records ORDER BY gid').all()).toEqual(
      [
        { gid: made!.id, local_id: null },
        { gid: lines[1]!.id, local_id: first!.id },
      ].sort((a, b) => (a.gid < b.gid ? -1 : 1)),
    )
  })

  it('a fetch state of a subscription is its own device’s: no operation', async () => {
    const { library, ctx } = await syncedLibrary()
    library.subscriptions.add({ kind: 'hf-daily', since: '2025-08-01' })
    emit(ctx)
    library.db.prepare("UPDATE subscriptions SET cursor = '2025-08-03', last_success_at = 5").run()
    expect(emit(ctx)).toEqual([])
  })

  it('papers: a whole paper operation for each paper an import added or met again', async () => {
    const { dir, library, ctx } = await syncedLibrary()
    const known = library.getPaper(1).title
    await library.importFiles(
      [
        writeFile(
          dir,
          'aug7.txt',
          `Aug 7\n\n${known}\n\nSame paper.\n\nA brand new paper\n\nIts abstract.\n`,
        ),
      ],
      { year: 2025 },
    )
    const papers = only(emit(ctx), 'paper')
    expect(papers.map((op) => op.paper.title)).toEqual([known, 'A brand new paper'])
    expect(papers[0]!.appearances.map((a) => a.date)).toEqual(['2025-08-06', '2025-08-07'])
    expect(papers[1]!.sources.map((s) => s.fileName)).toEqual(['aug7.txt'])
  })

  it('puts papers first, so what refers to a paper comes after it', async () => {
    const { dir, library, ctx } = await syncedLibrary()
    await library.importFiles(
      [writeFile(dir, 'aug8.txt', 'Aug 8\n\nNewest paper\n\nAbstract.\n')],
      {
        year: 2025,
      },
    )
    const id = library.listPapers().find((p) => p.title === 'Newest paper')!.id
    library.setStatus(id, 'to-read')
    library.saveNote(id, 'Read first.')
    library.addTags(id, ['soon'])
    expect(emit(ctx).map((op) => op.kind)).toEqual(['paper', 'status', 'tag', 'note'])
  })

  it('an attached PDF: a file operation, copied only up to the size limit; a download is not announced', async () => {
    const now = ticking()
    const dir = tempDir()
    const { library, sha256 } = await libraryWithPdf(dir, { now })
    keep(library)
    const ctx = setUpSync(library, { now })
    const second = await pdfOfPages(2, 2)
    await library.pdfs.attach(1, { name: 'v2.pdf', data: second })
    const [file] = only(emit(ctx), 'file')
    expect(file).toMatchObject({ name: 'v2.pdf', size: second.length, copied: true })
    expect(file!.sha256).not.toBe(sha256)

    createSyncState(library.db).set('fileSizeLimit', 100)
    await library.pdfs.attach(
      1,
      { name: 'v3.pdf', data: await pdfOfPages(3, 3) },
      { origin: 'big.pdf' },
    )
    expect(only(emit(ctx), 'file').map((op) => [op.name, op.copied])).toEqual([['big.pdf', false]])

    await library.pdfs.attach(
      1,
      { name: 'arxiv.pdf', data: await pdfOfPages(4, 4) },
      { origin: 'https://arxiv.org/pdf/2408.12757v1' },
    )
    expect(only(emit(ctx), 'file')).toEqual([])
  })

  it('annotations: the position as an object, the picture in base64, changes by field', async () => {
    const now = ticking()
    const { library, sha256 } = await libraryWithPdf(tempDir(), { now })
    keep(library)
    const ctx = setUpSync(library, { now })
    library.annotations.create(newAnnotation(sha256, { comment: 'first' }))
    const [created] = only(emit(ctx), 'record')
    expect(created).toMatchObject({
      type: 'annotation',
      fields: {
        sha256,
        type: 'highlight',
        color: 'yellow',
        comment: 'first',
        position: { pageIndex: 0, rects: [[72, 718, 200, 731]] },
        quote: 'Version 1',
        image: null,
        deleted: false,
      },
    })
    const id = library.annotations.forPaper(1)[0]!.id
    library.annotations.update(id, { comment: 'second' })
    const [changed] = only(emit(ctx), 'record')
    expect(Object.keys(changed!.fields).sort()).toEqual(['comment', 'updatedAt'])
    expect(changed).toMatchObject({ id: created!.id, fields: { comment: 'second' } })
  })

  it('an operation beyond the format’s limits is not made: a notice says so and the numbers go on', async () => {
    const { library, ctx } = await syncedLibrary()
    library.saveNote(1, 'x'.repeat(1_000_001))
    library.setStatus(1, 'read')
    const lines = emit(ctx)
    expect(lines.map((op) => [op.kind, op.seq])).toEqual([['status', 1]])
    expect(createSyncState(library.db).get('notices')).toEqual([
      'The note of paper 1 was not synced: Too big: expected string to have <=1000000 characters (body).',
    ])
    expect(
      library.db
        .prepare('SELECT count(*) FROM sync_note_versions WHERE paper_id = 1')
        .pluck()
        .get(),
    ).toBe(0)
  })
})
