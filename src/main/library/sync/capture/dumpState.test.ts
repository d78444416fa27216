import { describe, expect, it } from 'vitest'
import { openLibrary, type Library } from '../../library'
import { libraryWithPdf, pdfOfPages } from '../../testing/annotatedPaper'
import { useTempDir } from '../../testing/tempDirs'
import { opBodySchema, type OpBody } from '../ops'
import { dumpState } from './dumpState'
import { emitPending } from './emit'
import { readPaperOp } from './paperOp'
import { setUpSync, TEST_DEVICE, ticking, useLibraries } from './syncTesting'

const tempDir = useTempDir()
const { keep, seeded } = useLibraries(tempDir)

async function syncedLibrary() {
  const { library, now } = await seeded()
  library.setStatus(1, 'read')
  library.addTags(1, ['serving'])
  library.saveNote(1, 'Before sync.')
  library.createHighlight({ paperId: 2, start: 4, end: 20, color: 'blue' })
  const ctx = setUpSync(library, { now })
  // After setup: more of each, through operations.
  library.setStatus(2, 'reading')
  library.removeTags(1, ['serving'])
  library.addTags(2, ['diffusion'])
  library.saveNote(1, 'Before sync.\nAfter.')
  library.saveSearch('Diffusion', 'diffusion')
  emitPending(ctx)
  library.deleteSavedSearch(library.listSavedSearches()[0]!.id)
  library.saveSearch('Serving', 'serving')
  emitPending(ctx)
  return { library, ctx }
}

const count = (library: Library, sql: string) => library.db.prepare<[], number>(sql).pluck().get()!

const byKind = <K extends OpBody['kind']>(entries: OpBody[], kind: K) =>
  entries.filter((entry): entry is Extract<OpBody, { kind: K }> => entry.kind === kind)

describe('dumpState', () => {
  it('says the whole state as operations that all pass the format, papers first', async () => {
    const { library, ctx } = await syncedLibrary()
    const entries = [...dumpState(ctx)]
    for (const entry of entries) {
      const checked = opBodySchema.safeParse(entry)
      expect(checked.success, JSON.stringify(checked.error?.issues)).toBe(true)
    }
    const kinds = entries.map((entry) => entry.kind)
    expect(kinds.lastIndexOf('paper')).toBeLessThan(kinds.indexOf('status'))
    expect(byKind(entries, 'paper')).toHaveLength(count(library, 'SELECT count(*) FROM papers'))
    expect(new Set(entries.map((entry) => entry.id)).size).toBe(entries.length)
  })

  it('each paper as its operation says it, with appearances and sources', async () => {
    const { library, ctx } = await syncedLibrary()
    const papers = byKind([...dumpState(ctx)], 'paper')
    const ids = library.db.prepare<[], number>('SELECT id FROM papers ORDER BY id').pluck().all()
    expect(
      papers.map(({ paper, appearances, sources }) => ({ paper, appearances, sources })),
    ).toEqual(ids.map((id) => readPaperOp(library.db, id)))
  })

  it('every status change with its global id and clock, as adoption and operations gave them', async () => {
    const { library, ctx } = await syncedLibrary()
    const statuses = byKind([...dumpState(ctx)], 'status')
    expect(statuses.map((op) => [op.id, op.from, op.to])).toEqual(
      expect.arrayContaining([
        [`${TEST_DEVICE}:h1`, 'new', 'read'],
        [expect.stringMatching(new RegExp(`^${TEST_DEVICE}:\\d+$`)), 'new', 'reading'],
      ]),
    )
    expect(statuses).toHaveLength(2)
    const stored = library.db
      .prepare('SELECT gid AS id, hlc FROM sync_status_changes ORDER BY gid')
      .all()
    expect(statuses.map(({ id, hlc }) => ({ id, hlc }))).toEqual(stored)
  })

  it('every tag clock, a removed tag too, with its own clock', async () => {
    const { library, ctx } = await syncedLibrary()
    const tags = byKind([...dumpState(ctx)], 'tag')
    const titleKey = (id: number) =>
      library.db.prepare('SELECT title_key FROM papers WHERE id = ?').pluck().get(id)
    expect(tags.map((op) => [op.paper.titleKey, op.name, op.present])).toEqual([
      [titleKey(1), 'serving', false],
      [titleKey(2), 'diffusion', true],
    ])
    expect(tags.map((op) => op.hlc)).toEqual(
      library.db
        .prepare('SELECT hlc FROM sync_tag_clocks ORDER BY paper_id, name_key')
        .pluck()
        .all(),
    )
  })

  it('every kept note version with its parents', async () => {
    const { ctx } = await syncedLibrary()
    const notes = byKind([...dumpState(ctx)], 'note')
    expect(notes.map((op) => [op.id, op.parents, op.body])).toEqual([
      [expect.stringMatching(/:\d+$/), [`${TEST_DEVICE}:n1`], 'Before sync.\nAfter.'],
      [`${TEST_DEVICE}:n1`, [], 'Before sync.'],
    ])
  })

  it('every record with each field’s clock, the operation’s clock the latest of them, tombstones too', async () => {
    const { library, ctx } = await syncedLibrary()
    const records = byKind([...dumpState(ctx)], 'record')
    expect(records.map((op) => [op.type, op.fields.deleted])).toEqual([
      ['savedSearch', true],
      ['savedSearch', false],
      ['highlight', false],
    ])
    const highlight = records[2]!
    expect(highlight.id).toBe(`${TEST_DEVICE}:rh1`)
    expect(highlight.paper?.titleKey).toBe(
      library.db.prepare('SELECT title_key FROM papers WHERE id = 2').pluck().get(),
    )
    for (const op of records) {
      expect(Object.keys(op.clocks!).sort()).toEqual(Object.keys(op.fields).sort())
      expect(op.hlc).toBe([...Object.values(op.clocks!)].sort().at(-1))
    }
    const tombstone = records[0]!
    expect(tombstone.clocks!.deleted! > tombstone.clocks!.name!).toBe(true)
  })

  it('a file operation for each attached PDF, none for a download', async () => {
    const now = ticking()
    const { library, sha256 } = await libraryWithPdf(tempDir(), { now })
    keep(library)
    await library.pdfs.attach(
      1,
      { name: 'arxiv.pdf', data: await pdfOfPages(2, 2) },
      { origin: 'https://arxiv.org/pdf/2408.12757v1' },
    )
    const ctx = setUpSync(library, { now })
    const files = byKind([...dumpState(ctx)], 'file')
    expect(files.map((op) => [op.sha256, op.name, op.copied])).toEqual([
      [sha256, 'paper.pdf', true],
    ])
  })

  it('leaves no statement open between entries: the library can be written while it is read', async () => {
    const { library, ctx } = await syncedLibrary()
    let written = 0
    const seen: OpBody[] = []
    for (const entry of dumpState(ctx)) {
      seen.push(entry)
      if (entry.kind === 'paper' && written < 3) {
        library.setStatus(5 + written, 'to-read')
        written += 1
      }
    }
    expect(written).toBe(3)
    expect(byKind(seen, 'paper')).toHaveLength(count(library, 'SELECT count(*) FROM papers'))
  })

  it('reads pages of rows: more papers than a page all come, once each', async () => {
    const now = ticking()
    const library = openLibrary(tempDir(), { now })
    keep(library)
    const insert = library.db.prepare(
      "INSERT INTO papers (title, abstract, title_key, added_at) VALUES (?, '', ?, 1)",
    )
    library.db.transaction(() => {
      for (let i = 0; i < 1234; i++) insert.run(`Paper ${i}`, `paper ${i}`)
    })()
    const tag = library.db.prepare(
      "INSERT INTO sync_tag_clocks (paper_id, name_key, name, present, hlc) VALUES (?, ?, ?, 1, '001754000000000.000000.dev0capture00001')",
    )
    library.db.transaction(() => {
      for (let i = 1; i <= 1234; i++) for (const name of ['a', 'b']) tag.run(i, name, name)
    })()
    const ctx = setUpSync(library, { now })
    const entries = [...dumpState(ctx)]
    expect(byKind(entries, 'paper').map((op) => op.paper.title)).toEqual(
      Array.from({ length: 1234 }, (_, i) => `Paper ${i}`),
    )
    expect(byKind(entries, 'tag')).toHaveLength(2468)
  })
})
