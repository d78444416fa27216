import { describe, expect, it } from 'vitest'
import { openLibrary, type Library } from '../../library'
import { libraryWithPdf, newAnnotation, PNG_BYTES } from '../../testing/annotatedPaper'
import { SEED_DIGEST, useTempDir } from '../../testing/tempDirs'
import { formatHlc } from '../hlc'
import { RECORD_FIELDS } from '../ops'
import { adoptLibrary } from './adopt'
import { emitPending } from './emit'
import { createSyncState } from './syncState'
import {
  setUpSync,
  syncContext,
  TEST_DEVICE,
  TEST_START as START,
  useLibraries,
} from './syncTesting'

const tempDir = useTempDir()
const { keep, seeded } = useLibraries(tempDir)

/** A library used for a while before sync: statuses, tags, notes, highlights, searches, a subscription. */
async function usedLibrary() {
  const { library, now } = await seeded()
  library.setStatus(1, 'to-read')
  library.setStatus(1, 'read')
  library.setStatus(2, 'reading')
  library.addTags(1, ['serving', 'Systems'])
  library.addTags(2, ['systems'])
  library.saveNote(1, 'Worth it.')
  library.saveNote(3, 'Skip.')
  library.createHighlight({ paperId: 2, start: 4, end: 20, color: 'pink', comment: 'key' })
  const [search] = library.saveSearch('Sparse', 'sparse')
  library.setSearchRule(search!.id, { tag: 'sparse', toRead: false, downloadPdf: true })
  library.subscriptions.add({ kind: 'hf-daily', since: '2025-08-01' })
  return { library, now }
}

const rows = (library: Library, sql: string) => library.db.prepare(sql).all()

/** Every sync table adoption writes, for comparisons. */
const syncTables = (library: Library) => ({
  statuses: rows(library, 'SELECT * FROM sync_status_changes ORDER BY gid'),
  tags: rows(library, 'SELECT * FROM sync_tag_clocks ORDER BY paper_id, name_key'),
  notes: rows(library, 'SELECT * FROM sync_note_versions ORDER BY gid'),
  records: rows(library, 'SELECT * FROM sync_records ORDER BY gid'),
})

describe('adoptLibrary', () => {
  it('gives each status change its global id and its own time as its clock', async () => {
    const { library } = await usedLibrary()
    setUpSync(library)
    const history = library.db
      .prepare<[], { id: number; paper_id: number; changed_at: number }>(
        'SELECT id, paper_id, changed_at FROM status_history ORDER BY id',
      )
      .all()
    expect(history).toHaveLength(3)
    expect(
      rows(
        library,
        'SELECT gid, paper_id, history_id, hlc FROM sync_status_changes ORDER BY history_id',
      ),
    ).toEqual(
      history.map((h) => ({
        gid: `${TEST_DEVICE}:h${h.id}`,
        paper_id: h.paper_id,
        history_id: h.id,
        hlc: formatHlc({ wall: h.changed_at, counter: 0, device: TEST_DEVICE }),
      })),
    )
  })

  it('tells apart changes of one paper made in the same millisecond, in the order they were made', async () => {
    const library = openLibrary(tempDir(), { now: () => START })
    keep(library)
    await library.importFiles([SEED_DIGEST], { year: 2025 })
    library.setStatus(1, 'to-read')
    library.setStatus(1, 'reading')
    library.setStatus(2, 'read')
    setUpSync(library, { now: () => START })
    expect(rows(library, 'SELECT gid, hlc FROM sync_status_changes ORDER BY history_id')).toEqual([
      {
        gid: `${TEST_DEVICE}:h1`,
        hlc: formatHlc({ wall: START, counter: 0, device: TEST_DEVICE }),
      },
      {
        gid: `${TEST_DEVICE}:h2`,
        hlc: formatHlc({ wall: START, counter: 1, device: TEST_DEVICE }),
      },
      {
        gid: `${TEST_DEVICE}:h3`,
        hlc: formatHlc({ wall: START, counter: 0, device: TEST_DEVICE }),
      },
    ])
  })

  it('moves the clock past a change made by a clock that ran ahead', async () => {
    const { library, now } = await usedLibrary()
    const future = START + 365 * 24 * 3600 * 1000
    library.db.prepare('UPDATE status_history SET changed_at = ? WHERE id = 2').run(future)
    const ctx = setUpSync(library, { now })
    expect(
      createSyncState(library.db).get('hlc')! >
        formatHlc({ wall: future, counter: 0, device: TEST_DEVICE }),
    ).toBe(true)
    library.setStatus(1, 'not-reading')
    const [op] = emitPending(syncContext(library, { now: ctx.now }))
    expect(op!.hlc > formatHlc({ wall: future, counter: 0, device: TEST_DEVICE })).toBe(true)
  })

  it('gives tags a clock each, each note one version without parents, each record every field', async () => {
    const { library } = await usedLibrary()
    const ctx = setUpSync(library)
    const hlc = ctx.clock.last()!
    expect(rows(library, 'SELECT * FROM sync_tag_clocks ORDER BY paper_id, name_key')).toEqual([
      { paper_id: 1, name_key: 'serving', name: 'serving', present: 1, hlc },
      { paper_id: 1, name_key: 'systems', name: 'Systems', present: 1, hlc },
      { paper_id: 2, name_key: 'systems', name: 'Systems', present: 1, hlc },
    ])
    expect(rows(library, 'SELECT * FROM sync_note_versions ORDER BY gid')).toEqual([
      { gid: `${TEST_DEVICE}:n1`, paper_id: 1, parents: '[]', body: 'Worth it.', hlc },
      { gid: `${TEST_DEVICE}:n3`, paper_id: 3, parents: '[]', body: 'Skip.', hlc },
    ])
    const records = library.db
      .prepare<
        [],
        {
          gid: string
          type: keyof typeof RECORD_FIELDS
          local_id: number
          fields: string
          clocks: string
        }
      >('SELECT gid, type, local_id, fields, clocks FROM sync_records ORDER BY gid')
      .all()
    expect(records.map((r) => [r.gid, r.type, r.local_id])).toEqual([
      [`${TEST_DEVICE}:rh1`, 'highlight', 1],
      [`${TEST_DEVICE}:rs1`, 'savedSearch', 1],
      [`${TEST_DEVICE}:ru1`, 'subscription', 1],
    ])
    for (const record of records) {
      const fields = JSON.parse(record.fields) as Record<string, unknown>
      expect(RECORD_FIELDS[record.type].required().safeParse(fields).success, record.fields).toBe(
        true,
      )
      expect(JSON.parse(record.clocks)).toEqual(
        Object.fromEntries(Object.keys(fields).map((name) => [name, hlc])),
      )
    }
    expect(JSON.parse(records[1]!.fields)).toMatchObject({
      name: 'Sparse',
      ruleTag: 'sparse',
      ruleToRead: false,
      ruleDownload: true,
      deleted: false,
    })
  })

  it('adopts annotations with their picture in base64', async () => {
    const { library, sha256 } = await libraryWithPdf(tempDir())
    keep(library)
    library.annotations.create(
      newAnnotation(sha256, {
        type: 'area',
        quote: '',
        suffix: '',
        image: PNG_BYTES,
      }),
    )
    setUpSync(library)
    const [record] = rows(library, 'SELECT gid, fields FROM sync_records') as Array<{
      gid: string
      fields: string
    }>
    expect(record!.gid).toBe(`${TEST_DEVICE}:ra1`)
    expect(JSON.parse(record!.fields)).toMatchObject({
      type: 'area',
      image: Buffer.from(PNG_BYTES).toString('base64'),
      position: { pageIndex: 0, rects: [[72, 718, 200, 731]] },
    })
  })

  it('makes no operation: what it adopted is what sync has, until it changes', async () => {
    const { library } = await usedLibrary()
    const ctx = setUpSync(library)
    expect(emitPending(ctx)).toEqual([])
    library.updateHighlight(1, { comment: 'changed' })
    const [op] = emitPending(ctx)
    expect(op).toMatchObject({ kind: 'record', id: `${TEST_DEVICE}:rh1`, seq: 1 })
    expect(Object.keys((op as { fields: object }).fields).sort()).toEqual(['comment', 'updatedAt'])
  })

  it('changes nothing when run again, and adopts only what came since', async () => {
    const { library } = await usedLibrary()
    const ctx = setUpSync(library)
    const once = syncTables(library)
    adoptLibrary(ctx)
    expect(syncTables(library)).toEqual(once)

    // Written while capture was off (as a remote change is): the next adoption takes it in.
    library.db.prepare('INSERT INTO sync_applying (busy) VALUES (1)').run()
    library.saveNote(2, 'Later.')
    library.setStatus(3, 'read')
    library.db.prepare('DELETE FROM sync_applying').run()
    adoptLibrary(ctx)
    const twice = syncTables(library)
    expect(twice.notes).toHaveLength(once.notes.length + 1)
    expect(twice.statuses).toHaveLength(once.statuses.length + 1)
    expect(twice.records).toEqual(once.records)
  })
})
