import { describe, expect, it } from 'vitest'
import { openLibrary, type Library } from '../../library'
import { dumpTables } from '../../testing/dumpTables'
import { useTempDir } from '../../testing/tempDirs'
import { emitPending } from '../capture/emit'
import { setUpSync, ticking, useLibraries } from '../capture/syncTesting'
import type { SyncContext } from '../contracts'
import { formatHlc } from '../hlc'
import type { OpBody, OpLine, OpOf } from '../ops'
import { applyOps } from './applyOps'

const tempDir = useTempDir()
const { keep } = useLibraries(tempDir)

const DEV_A = 'aaaaaaaaaaaaaaa1'
const DEV_B = 'bbbbbbbbbbbbbbb2'
const DEV_X = 'xxxxxxxxxxxxxxx9'
const AUG_6 = Date.UTC(2024, 7, 6, 9)

const digest = (date: string, ...papers: Array<[string, string]>) =>
  `${date}\n\n${papers.map(([title, abstract]) => `${title}\n\n${abstract}\n`).join('\n')}`

async function device(id: string, offset = 0) {
  const now = ticking(AUG_6 + offset)
  const library = openLibrary(tempDir(), { now })
  keep(library)
  const ctx = setUpSync(library, { deviceId: id, now })
  return { library, ctx, now }
}

async function importText(library: Library, name: string, text: string) {
  const report = await library.importContents([{ name, data: new TextEncoder().encode(text) }], {
    year: 2024,
  })
  expect(report.files.every((file) => file.ok)).toBe(true)
}

/** Operations without their line fields, as applyOps takes them. */
const bodies = (lines: OpLine[]): OpBody[] =>
  lines.map((line) => {
    const body: Record<string, unknown> = { ...line }
    for (const key of ['v', 'dev', 'seq']) delete body[key]
    return body as OpBody
  })

const emit = (ctx: SyncContext) => bodies(emitPending(ctx))

const idOf = (library: Library, title: string) =>
  library.db.prepare<[string], number>('SELECT id FROM papers WHERE title = ?').pluck().get(title)!

const count = (library: Library, sql: string) =>
  library.db.prepare<[], number>(`SELECT count(*) FROM ${sql}`).pluck().get()!

describe('applyOps: papers', () => {
  it('adds a paper with its digest, appearance and source, and a second time changes nothing', async () => {
    const a = await device(DEV_A)
    const b = await device(DEV_B, 5_000)
    await importText(a.library, 'aug6.txt', digest('Aug 6', ['NanoFlow', 'Serving fast.']))
    const ops = emit(a.ctx)
    expect(ops.map((op) => op.kind)).toEqual(['paper'])

    const first = applyOps(b.ctx, ops)
    expect(first).toMatchObject({ applied: 1, papersAdded: 1, skipped: 0, deferred: [] })
    const paper = b.library.getPaper(idOf(b.library, 'NanoFlow'))
    expect(paper).toMatchObject({ title: 'NanoFlow', abstract: 'Serving fast.', status: 'new' })
    expect(b.library.listDigests().map((d) => [d.date, d.paperCount])).toEqual([['2024-08-06', 1]])
    expect(paper.sources.map((source) => source.fileName)).toEqual(['aug6.txt'])
    // Nothing applied is captured, and the applying mark is gone.
    expect(count(b.library, 'sync_pending')).toBe(0)
    expect(count(b.library, 'sync_applying')).toBe(0)

    const before = dumpTables(b.library.db)
    expect(applyOps(b.ctx, [...ops, ...ops])).toMatchObject({ papersAdded: 0 })
    expect(dumpTables(b.library.db)).toEqual(before)
  })

  it('meets the same paper imported on both sides as one, its fields joined', async () => {
    const a = await device(DEV_A)
    const b = await device(DEV_B, 5_000)
    await importText(a.library, 'a.txt', digest('Aug 6', ['NanoFlow', 'Short.'], ['Other', 'x.']))
    await importText(
      b.library,
      'b.txt',
      digest('Aug 6', ['Sparse Attention', 'y.'], ['NanoFlow!', 'A longer abstract.']),
    )
    applyOps(b.ctx, emit(a.ctx))
    applyOps(a.ctx, emit(b.ctx))
    for (const library of [a.library, b.library]) {
      const titles = library.listPapers().map((p) => p.title)
      expect(titles.sort()).toEqual(['NanoFlow!', 'Other', 'Sparse Attention'])
      const nano = library.getPaper(idOf(library, 'NanoFlow!'))
      expect(nano.abstract).toBe('A longer abstract.')
      expect(nano.sources.map((s) => s.fileName).sort()).toEqual(['a.txt', 'b.txt'])
    }
    // One digest of Aug 6; each paper at the smaller position either device gave it.
    const positions = (library: Library) =>
      library.db
        .prepare(
          `SELECT p.title, dp.position FROM digest_papers dp JOIN papers p ON p.id = dp.paper_id
           ORDER BY p.title`,
        )
        .all()
    expect(positions(a.library)).toEqual(positions(b.library))
    expect(positions(a.library)).toEqual([
      { title: 'NanoFlow!', position: 0 },
      { title: 'Other', position: 1 },
      { title: 'Sparse Attention', position: 0 },
    ])
  })
})

describe('applyOps: statuses', () => {
  it('keeps every change in the history; the current status is the latest clock', async () => {
    const a = await device(DEV_A)
    const b = await device(DEV_B, 60_000)
    await importText(a.library, 'a.txt', digest('Aug 6', ['NanoFlow', 'x.']))
    applyOps(b.ctx, emit(a.ctx))
    const [ida, idb] = [idOf(a.library, 'NanoFlow'), idOf(b.library, 'NanoFlow')]
    a.library.setStatus(ida, 'reading')
    b.library.setStatus(idb, 'to-read') // later: B's clock is a minute ahead
    const fromA = emit(a.ctx)
    const fromB = emit(b.ctx)
    applyOps(a.ctx, fromB)
    applyOps(b.ctx, fromA)
    for (const [library, id] of [
      [a.library, ida],
      [b.library, idb],
    ] as const) {
      const paper = library.getPaper(id)
      expect(paper.status).toBe('to-read')
      expect(paper.statusHistory.map((h) => `${h.from}>${h.to}`).sort()).toEqual([
        'new>reading',
        'new>to-read',
      ])
    }
    // Again, and an older change arriving late, change nothing.
    applyOps(a.ctx, fromB)
    expect(a.library.getPaper(ida).statusHistory).toHaveLength(2)
  })

  it('leaves a status changed here and not yet sent as it is (it is the newer change)', async () => {
    const a = await device(DEV_A)
    const b = await device(DEV_B)
    await importText(a.library, 'a.txt', digest('Aug 6', ['NanoFlow', 'x.']))
    applyOps(b.ctx, emit(a.ctx))
    const idb = idOf(b.library, 'NanoFlow')
    a.library.setStatus(idOf(a.library, 'NanoFlow'), 'read')
    const fromA = emit(a.ctx)
    b.library.setStatus(idb, 'not-reading') // not emitted yet
    applyOps(b.ctx, fromA)
    expect(b.library.getPaper(idb).status).toBe('not-reading')
    const fromB = emit(b.ctx)
    applyOps(a.ctx, fromB)
    expect(a.library.getPaper(idOf(a.library, 'NanoFlow')).status).toBe('not-reading')
  })
})

describe('applyOps: tags', () => {
  it('adds and removes tags by clock, and a remove meeting an older add wins', async () => {
    const a = await device(DEV_A)
    const b = await device(DEV_B, 5_000)
    await importText(a.library, 'a.txt', digest('Aug 6', ['NanoFlow', 'x.']))
    applyOps(b.ctx, emit(a.ctx))
    const [ida, idb] = [idOf(a.library, 'NanoFlow'), idOf(b.library, 'NanoFlow')]
    a.library.addTags(ida, ['serving', 'GPU'])
    applyOps(b.ctx, emit(a.ctx))
    expect(b.library.getPaper(idb).tags.sort()).toEqual(['GPU', 'serving'])
    a.library.addTags(ida, ['late'])
    const lateAdd = emit(a.ctx)
    b.library.removeTags(idb, ['gpu'])
    applyOps(a.ctx, emit(b.ctx))
    applyOps(b.ctx, lateAdd)
    expect(a.library.getPaper(ida).tags.sort()).toEqual(['late', 'serving'])
    expect(b.library.getPaper(idb).tags.sort()).toEqual(['late', 'serving'])
  })

  it('skips a tag name this library would refuse', async () => {
    const a = await device(DEV_A)
    await importText(a.library, 'a.txt', digest('Aug 6', ['NanoFlow', 'x.']))
    const key = { arxivId: null, titleKey: 'nanoflow' }
    const op: OpOf<'tag'> = {
      kind: 'tag',
      id: `${DEV_X}:1`,
      hlc: formatHlc({ wall: AUG_6, counter: 0, device: DEV_X }),
      paper: key,
      name: 'x'.repeat(65),
      present: true,
    }
    expect(applyOps(a.ctx, [op])).toMatchObject({ applied: 0, skipped: 1, deferred: [] })
    expect(a.library.tagCounts()).toEqual([])
  })
})

describe('applyOps: notes', () => {
  async function sharedNote(text: string) {
    const a = await device(DEV_A)
    const b = await device(DEV_B, 3_600_000)
    await importText(a.library, 'a.txt', digest('Aug 6', ['NanoFlow', 'x.']))
    const ida = idOf(a.library, 'NanoFlow')
    a.library.saveNote(ida, text)
    applyOps(b.ctx, emit(a.ctx))
    return { a, b, ida, idb: idOf(b.library, 'NanoFlow') }
  }

  it('merges edits of different lines silently on both devices', async () => {
    const { a, b, ida, idb } = await sharedNote('intro\nmethod\nresults')
    expect(b.library.getPaper(idb).note).toBe('intro\nmethod\nresults')
    a.library.saveNote(ida, 'Intro!\nmethod\nresults')
    b.library.saveNote(idb, 'intro\nmethod\nresults\nsee [3]')
    const [fromA, fromB] = [emit(a.ctx), emit(b.ctx)]
    expect(applyOps(a.ctx, fromB)).toMatchObject({ notesMerged: 1, conflicts: 0 })
    applyOps(b.ctx, fromA)
    for (const [library, id] of [
      [a.library, ida],
      [b.library, idb],
    ] as const) {
      expect(library.getPaper(id).note).toBe('Intro!\nmethod\nresults\nsee [3]')
    }
    expect(count(a.library, 'sync_note_conflicts')).toBe(0)
    // Neither device changed anything since: neither makes a version.
    expect(emit(a.ctx)).toEqual([])
    expect(emit(b.ctx)).toEqual([])
  })

  it('keeps both texts of an overlapping edit and flags the paper', async () => {
    const { a, b, ida, idb } = await sharedNote('the claim holds')
    a.library.saveNote(ida, 'the claim fails')
    b.library.saveNote(idb, 'the claim is open')
    const [fromA, fromB] = [emit(a.ctx), emit(b.ctx)]
    expect(applyOps(a.ctx, fromB)).toMatchObject({ conflicts: 1 })
    applyOps(b.ctx, fromA)
    const note = a.library.getPaper(ida).note!
    expect(b.library.getPaper(idb).note).toBe(note)
    expect(note).toMatch(/^<<<<<<< edit of 2024-08-06 09:\d\d UTC\nthe claim fails\n=======\n/)
    expect(note).toMatch(/\nthe claim is open\n>>>>>>> edit of 2024-08-06 10:\d\d UTC$/)
    expect(count(a.library, 'sync_note_conflicts')).toBe(1)
    expect(count(b.library, 'sync_note_conflicts')).toBe(1)

    // Resolving it on one device clears the flag on both.
    a.library.saveNote(ida, 'the claim is open; it fails for n < 3')
    applyOps(b.ctx, emit(a.ctx))
    expect(b.library.getPaper(idb).note).toBe('the claim is open; it fails for n < 3')
    expect(count(b.library, 'sync_note_conflicts')).toBe(0)
  })

  it('merges a note edited here and not yet sent with what arrives, then sends the merge', async () => {
    const { a, b, ida, idb } = await sharedNote('one\ntwo\nthree')
    a.library.saveNote(ida, 'one\ntwo\nthree\nfour')
    const fromA = emit(a.ctx)
    b.library.saveNote(idb, 'ONE\ntwo\nthree') // pending on B
    expect(applyOps(b.ctx, fromA)).toMatchObject({ notesMerged: 1 })
    expect(b.library.getPaper(idb).note).toBe('ONE\ntwo\nthree\nfour')
    applyOps(a.ctx, emit(b.ctx))
    expect(a.library.getPaper(ida).note).toBe('ONE\ntwo\nthree\nfour')
  })

  it('removes the note when the newest version is empty', async () => {
    const { a, b, ida, idb } = await sharedNote('gone soon')
    a.library.saveNote(ida, '')
    applyOps(b.ctx, emit(a.ctx))
    expect(b.library.getPaper(idb).note).toBeNull()
  })
})

describe('applyOps: records', () => {
  const recordOp = (
    type: OpOf<'record'>['type'],
    gid: string,
    wall: number,
    fields: Record<string, unknown>,
    paper: OpOf<'record'>['paper'] = null,
  ): OpOf<'record'> => ({
    kind: 'record',
    id: gid,
    hlc: formatHlc({ wall, counter: 0, device: DEV_X }),
    type,
    paper,
    fields,
  })
  const highlightFields = {
    quote: 'fast',
    prefix: 'Serving ',
    suffix: '.',
    start: 8,
    end: 12,
    color: 'yellow',
    comment: null,
    createdAt: AUG_6,
    updatedAt: AUG_6,
    deleted: false,
  }

  it('takes highlights field by field, whatever order the changes arrive in', async () => {
    const a = await device(DEV_A)
    await importText(a.library, 'a.txt', digest('Aug 6', ['NanoFlow', 'Serving fast.']))
    const paper = { arxivId: null, titleKey: 'nanoflow' }
    const gid = `${DEV_X}:7`
    const create = recordOp('highlight', gid, AUG_6, highlightFields, paper)
    const recolor = recordOp('highlight', gid, AUG_6 + 2, { color: 'green' }, paper)
    const comment = recordOp('highlight', gid, AUG_6 + 1, { comment: 'key claim' }, paper)
    const staleColor = recordOp('highlight', gid, AUG_6 + 1, { color: 'pink' }, paper)

    // The change comes first: the record waits without a row until it is whole.
    applyOps(a.ctx, [recolor])
    expect(count(a.library, 'highlights')).toBe(0)
    applyOps(a.ctx, [staleColor, create, comment, recolor])
    const [highlight] = a.library.getPaper(idOf(a.library, 'NanoFlow')).highlights
    expect(highlight).toMatchObject({ quote: 'fast', color: 'green', comment: 'key claim' })

    const deleted = recordOp('highlight', gid, AUG_6 + 3, { deleted: true }, paper)
    applyOps(a.ctx, [deleted])
    expect(count(a.library, 'highlights')).toBe(0)
    const back = recordOp('highlight', gid, AUG_6 + 4, { deleted: false }, paper)
    applyOps(a.ctx, [back, deleted])
    expect(a.library.getPaper(idOf(a.library, 'NanoFlow')).highlights).toMatchObject([
      { quote: 'fast', color: 'green', comment: 'key claim' },
    ])
    expect(count(a.library, "sync_pending WHERE entity = 'highlight'")).toBe(0)
  })

  it('writes no row for a highlight its table would refuse', async () => {
    const a = await device(DEV_A)
    await importText(a.library, 'a.txt', digest('Aug 6', ['NanoFlow', 'Serving fast.']))
    const bad = recordOp(
      'highlight',
      `${DEV_X}:1`,
      AUG_6,
      { ...highlightFields, start: 9, end: 9 },
      { arxivId: null, titleKey: 'nanoflow' },
    )
    expect(applyOps(a.ctx, [bad]).applied).toBe(1)
    expect(count(a.library, 'highlights')).toBe(0)
  })

  it('keeps both saved searches of one name: the one named last keeps it, in any order', async () => {
    const search = (gid: string, query: string) =>
      recordOp('savedSearch', gid, AUG_6, {
        name: 'Diffusion',
        query,
        createdAt: AUG_6,
        ruleTag: null,
        ruleToRead: false,
        ruleDownload: false,
        deleted: false,
      })
    const first = search(`${DEV_A}:5`, 'diffusion')
    const second = search(`${DEV_B}:2`, 'diffusion models')
    const names = (library: Library) =>
      library.listSavedSearches().map((s) => `${s.name} = ${s.query}`)
    const x = await device(DEV_X)
    const y = await device('yyyyyyyyyyyyyyy8')
    applyOps(x.ctx, [first])
    applyOps(x.ctx, [second])
    applyOps(y.ctx, [second, first])
    expect(names(x.library)).toEqual(['Diffusion = diffusion', 'Diffusion (2) = diffusion models'])
    expect(names(y.library)).toEqual(names(x.library))
    // Named again later, the second takes the name; deleted, the first gives it back.
    const renamed = recordOp('savedSearch', `${DEV_B}:2`, AUG_6 + 1, { name: 'diffusion' })
    applyOps(x.ctx, [renamed])
    applyOps(y.ctx, [renamed])
    expect(names(x.library)).toEqual(['diffusion = diffusion models', 'Diffusion (2) = diffusion'])
    expect(names(y.library)).toEqual(names(x.library))
    applyOps(x.ctx, [recordOp('savedSearch', `${DEV_B}:2`, AUG_6 + 2, { deleted: true })])
    expect(names(x.library)).toEqual(['Diffusion = diffusion'])
  })

  it('lets a saved search made here and not yet sent keep its name', async () => {
    const x = await device(DEV_X)
    x.library.saveSearch('Agents', 'agents')
    applyOps(x.ctx, [
      recordOp('savedSearch', `${DEV_A}:1`, AUG_6, {
        name: 'agents',
        query: 'planning',
        createdAt: AUG_6,
        ruleTag: null,
        ruleToRead: false,
        ruleDownload: false,
        deleted: false,
      }),
    ])
    expect(x.library.listSavedSearches().map((s) => `${s.name} = ${s.query}`)).toEqual([
      'Agents = agents',
      'agents (2) = planning',
    ])
  })

  it('keeps a change made here and not yet sent over an older one arriving', async () => {
    const a = await device(DEV_A)
    const b = await device(DEV_B, 5_000)
    await importText(a.library, 'a.txt', digest('Aug 6', ['NanoFlow', 'Serving fast.']))
    applyOps(b.ctx, emit(a.ctx))
    const [ida, idb] = [idOf(a.library, 'NanoFlow'), idOf(b.library, 'NanoFlow')]
    a.library.createHighlight({ paperId: ida, start: 0, end: 7, color: 'yellow', comment: '' })
    applyOps(b.ctx, emit(a.ctx))
    const [onA] = a.library.getPaper(ida).highlights
    const [onB] = b.library.getPaper(idb).highlights
    a.library.updateHighlight(onA!.id, { comment: 'from A' })
    const fromA = emit(a.ctx)
    b.library.updateHighlight(onB!.id, { color: 'pink' }) // not sent yet
    applyOps(b.ctx, fromA)
    expect(b.library.getPaper(idb).highlights).toMatchObject([{ color: 'pink', comment: 'from A' }])
    applyOps(a.ctx, emit(b.ctx))
    expect(a.library.getPaper(ida).highlights).toMatchObject([{ color: 'pink', comment: 'from A' }])

    // Deleted here, changed there: the delete (newer) is not undone, and it is sent.
    a.library.updateHighlight(onA!.id, { comment: 'again from A' })
    const again = emit(a.ctx)
    b.library.deleteHighlight(onB!.id)
    applyOps(b.ctx, again)
    expect(b.library.getPaper(idb).highlights).toEqual([])
    const deletes = emit(b.ctx)
    expect(deletes).toMatchObject([{ kind: 'record', fields: { deleted: true } }])
  })

  it('writes an annotation with its picture, and takes the picture away again', async () => {
    const a = await device(DEV_A)
    await importText(a.library, 'a.txt', digest('Aug 6', ['NanoFlow', 'Serving fast.']))
    const paper = { arxivId: null, titleKey: 'nanoflow' }
    const gid = `${DEV_X}:4`
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])
    const area = recordOp(
      'annotation',
      gid,
      AUG_6,
      {
        sha256: 'b'.repeat(64),
        type: 'area',
        color: 'blue',
        comment: 'figure 2',
        position: { pageIndex: 1, rects: [[10, 20, 110, 220]] },
        quote: '',
        prefix: '',
        suffix: '',
        sortKey: '00001|000000|99999',
        createdAt: AUG_6,
        updatedAt: AUG_6,
        image: png.toString('base64'),
        deleted: false,
      },
      paper,
    )
    applyOps(a.ctx, [area])
    const [row] = a.library.annotations.repo.forPaper(idOf(a.library, 'NanoFlow'))
    expect(row).toMatchObject({ type: 'area', page_index: 1, comment: 'figure 2', has_image: 1 })
    expect(Buffer.from(a.library.annotations.repo.image(row!.id)!)).toEqual(png)
    applyOps(a.ctx, [recordOp('annotation', gid, AUG_6 + 1, { image: null }, paper)])
    expect(a.library.annotations.repo.image(row!.id)).toBeNull()
  })

  it('keeps one subscription followed on two devices, and a later delete removes it', async () => {
    const follow = (gid: string, wall: number) =>
      recordOp('subscription', gid, wall, {
        kind: 'arxiv',
        query: 'cs.LG',
        since: '2024-08-01',
        createdAt: wall,
        deleted: false,
      })
    const x = await device(DEV_X)
    applyOps(x.ctx, [follow(`${DEV_A}:1`, AUG_6), follow(`${DEV_B}:1`, AUG_6 + 10)])
    expect(x.library.subscriptions.status().subscriptions).toHaveLength(1)
    applyOps(x.ctx, [recordOp('subscription', `${DEV_B}:1`, AUG_6 + 20, { deleted: true })])
    expect(x.library.subscriptions.status().subscriptions).toHaveLength(0)
  })

  it('sends a subscription removed here even when a batch arrives first', async () => {
    const a = await device(DEV_A)
    const b = await device(DEV_B, 5_000)
    a.library.subscriptions.add({ kind: 'arxiv', query: 'cs.LG', since: '2024-08-01' })
    applyOps(b.ctx, emit(a.ctx))
    const [sub] = b.library.subscriptions.status().subscriptions
    b.library.subscriptions.remove(sub!.id)
    applyOps(b.ctx, [])
    expect(emit(b.ctx)).toMatchObject([{ kind: 'record', fields: { deleted: true } }])
  })
})

describe('applyOps: what this library lacks', () => {
  it('puts aside operations about a paper not here yet, and applies them once it is', async () => {
    const a = await device(DEV_A)
    const b = await device(DEV_B, 5_000)
    await importText(a.library, 'a.txt', digest('Aug 6', ['NanoFlow', 'x.']))
    const paperOps = emit(a.ctx)
    const ida = idOf(a.library, 'NanoFlow')
    a.library.setStatus(ida, 'read')
    a.library.addTags(ida, ['gpu'])
    a.library.saveNote(ida, 'seen')
    const later = emit(a.ctx)
    const early = applyOps(b.ctx, later)
    expect(early).toMatchObject({ applied: 0, skipped: 3 })
    expect(early.deferred).toEqual(later)
    applyOps(b.ctx, paperOps)
    expect(applyOps(b.ctx, early.deferred)).toMatchObject({ applied: 3, deferred: [] })
    const paper = b.library.getPaper(idOf(b.library, 'NanoFlow'))
    expect(paper).toMatchObject({ status: 'read', tags: ['gpu'], note: 'seen' })
  })

  it('wants an attached PDF it does not have', async () => {
    const a = await device(DEV_A)
    await importText(a.library, 'a.txt', digest('Aug 6', ['NanoFlow', 'x.']))
    const file: OpOf<'file'> = {
      kind: 'file',
      id: `${DEV_X}:3`,
      hlc: formatHlc({ wall: AUG_6, counter: 0, device: DEV_X }),
      paper: { arxivId: null, titleKey: 'nanoflow' },
      sha256: 'a'.repeat(64),
      size: 1234,
      name: 'nanoflow.pdf',
      copied: true,
    }
    expect(applyOps(a.ctx, [file, file])).toMatchObject({ applied: 2, filesWanted: 1 })
    expect(
      a.library.db.prepare('SELECT sha256, name, size, problem FROM sync_wanted_files').all(),
    ).toEqual([{ sha256: 'a'.repeat(64), name: 'nanoflow.pdf', size: 1234, problem: null }])
  })

  it('moves the clock past every operation it reads', async () => {
    const a = await device(DEV_A)
    await importText(a.library, 'a.txt', digest('Aug 6', ['NanoFlow', 'x.']))
    const ahead = formatHlc({ wall: AUG_6 + 86_400_000, counter: 4, device: DEV_X })
    applyOps(a.ctx, [
      {
        kind: 'tag',
        id: `${DEV_X}:1`,
        hlc: ahead,
        paper: { arxivId: null, titleKey: 'nanoflow' },
        name: 'ahead',
        present: true,
      },
    ])
    expect(a.ctx.clock.tick() > ahead).toBe(true)
  })

  it('skips only an operation the library refuses, and applies the rest of its batch', async () => {
    const a = await device(DEV_A)
    const b = await device(DEV_B)
    await importText(
      a.library,
      'a.txt',
      digest('Aug 6', ['NanoFlow', 'x.'], ['Poison', 'y.'], ['Sparse', 'z.']),
    )
    const ops = emit(a.ctx)
    b.library.db.exec(`CREATE TEMP TRIGGER refuse BEFORE INSERT ON papers
      WHEN new.title = 'Poison' BEGIN SELECT RAISE(ABORT, 'refused'); END`)
    expect(applyOps(b.ctx, ops)).toMatchObject({ applied: 2, papersAdded: 2, skipped: 1 })
    expect(
      b.library
        .listPapers()
        .map((p) => p.title)
        .sort(),
    ).toEqual(['NanoFlow', 'Sparse'])
    expect(count(b.library, 'sync_applying')).toBe(0)
  })

  it('applies inside the caller’s transaction and rolls back with it', async () => {
    const a = await device(DEV_A)
    const b = await device(DEV_B)
    await importText(a.library, 'a.txt', digest('Aug 6', ['NanoFlow', 'x.']))
    const ops = emit(a.ctx)
    const failure = new Error('the pass failed')
    expect(() =>
      b.library.db.transaction(() => {
        applyOps(b.ctx, ops)
        expect(count(b.library, 'papers')).toBe(1)
        throw failure
      })(),
    ).toThrow(failure)
    expect(count(b.library, 'papers')).toBe(0)
    expect(count(b.library, 'sync_applying')).toBe(0)
  })
})
