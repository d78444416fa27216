import Database from 'better-sqlite3'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { openLibraryDb, type Db } from '../db/openLibrary'
import { dumpTables } from '../testing/dumpTables'
import { useTempDir } from '../testing/tempDirs'
import { PAPER_INSERT_TRIGGERS, withBulkIndexing } from './bulkIndexing'

const tempDir = useTempDir()

/** An empty library at the current schema, made once and copied into memory for each test. */
let template: Buffer
beforeAll(() => {
  const db = openLibraryDb(tempDir())
  // An in-memory copy cannot use a write-ahead log.
  db.pragma('journal_mode = DELETE')
  template = db.serialize()
  db.close()
})

function newLibrary(): Db {
  const db = new Database(template)
  db.pragma('foreign_keys = ON')
  return db
}

type Index = 'paper_search' | 'paper_titles' | 'paper_authors'

/** The papers a search of `index` finds for `query` (an FTS5 expression). */
function found(db: Db, index: Index, query: string): number[] {
  return db
    .prepare<[string], number>(`SELECT rowid FROM ${index} WHERE ${index} MATCH ? ORDER BY rowid`)
    .pluck()
    .all(query)
}

/** How many times paper `id`'s entry in paper_search holds `term` (0 when absent). */
function occurrences(db: Db, term: string, id: number): number {
  db.exec(
    'CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_instances USING fts5vocab(main, paper_search, instance)',
  )
  return db
    .prepare<[string, number], number>(
      'SELECT count(*) FROM temp.search_instances WHERE term = ? AND doc = ?',
    )
    .pluck()
    .get(term, id)!
}

function addPaper(
  db: Db,
  paper: { title?: string; abstract?: string; authors?: string[] } = {},
): number {
  const title = paper.title ?? 'Zeppelin design'
  return Number(
    db
      .prepare(
        'INSERT INTO papers (title, abstract, title_key, added_at, authors) VALUES (?, ?, ?, 0, ?)',
      )
      .run(
        title,
        paper.abstract ?? 'Marmot burrows.',
        title.toLowerCase(),
        JSON.stringify(paper.authors ?? ['Ada Lovelace']),
      ).lastInsertRowid,
  )
}

function saveNote(db: Db, id: number, body: string): void {
  db.prepare(
    `INSERT INTO notes (paper_id, body, updated_at) VALUES (?, ?, 0)
     ON CONFLICT (paper_id) DO UPDATE SET body = excluded.body`,
  ).run(id, body)
}

function addHighlight(db: Db, id: number, comment: string | null): number {
  return Number(
    db
      .prepare(
        `INSERT INTO highlights (paper_id, quote, prefix, suffix, start_offset, end_offset, color,
           comment, created_at, updated_at)
         VALUES (?, 'burrows', 'Marmot ', '.', 7, 14, 'yellow', ?, 0, 0)`,
      )
      .run(id, comment).lastInsertRowid,
  )
}

function addAnnotation(db: Db, id: number, comment: string | null): number {
  return Number(
    db
      .prepare(
        `INSERT INTO pdf_annotations (paper_id, sha256, type, color, comment, page_index, position,
           quote, prefix, suffix, sort_key, created_at, updated_at)
         VALUES (?, 'ab12', 'note', 'pink', ?, 0, '{}', '', '', '', '0', 0, 0)`,
      )
      .run(id, comment).lastInsertRowid,
  )
}

function tagId(db: Db, name: string): number {
  db.prepare('INSERT OR IGNORE INTO tags (name) VALUES (?)').run(name)
  return db.prepare<[string], number>('SELECT id FROM tags WHERE name = ?').pluck().get(name)!
}

function attachTag(db: Db, id: number, name: string): void {
  db.prepare('INSERT OR IGNORE INTO paper_tags (paper_id, tag_id) VALUES (?, ?)').run(
    id,
    tagId(db, name),
  )
}

function detachTag(db: Db, id: number, name: string): void {
  db.prepare('DELETE FROM paper_tags WHERE paper_id = ? AND tag_id = ?').run(id, tagId(db, name))
}

function renameTag(db: Db, from: string, to: string): void {
  db.prepare('UPDATE OR IGNORE tags SET name = ? WHERE name = ?').run(to, from)
}

function deletePaper(db: Db, id: number): void {
  db.prepare('DELETE FROM papers WHERE id = ?').run(id)
}

/** Nothing of a bulk write is left waiting: no deferral, no queued paper. */
function expectNothingQueued(db: Db): void {
  const count = (table: string) =>
    db.prepare<[], number>(`SELECT count(*) FROM ${table}`).pluck().get()
  expect({ queue: count('index_queue'), deferral: count('index_deferral') }).toEqual({
    queue: 0,
    deferral: 0,
  })
}

/**
 * What every search relies on: paper_search holds exactly the text paper_search_source shows
 * (the same terms at the same places as an index written afresh from the view, and a size entry
 * per paper), and paper_titles / paper_authors pass FTS5's check against the papers they read.
 * bm25 scores are not compared: FTS5 leaves a contentless_delete table's deleted rows in the
 * row count and token totals bm25 reads, so they differ from a fresh index's after any
 * reindexing, bulk or not.
 */
function expectIndexesMatchText(db: Db): void {
  for (const index of ['paper_search', 'paper_titles', 'paper_authors']) {
    db.exec(`INSERT INTO ${index} (${index}, rank) VALUES ('integrity-check', 1)`)
  }
  db.exec(`
    DROP TABLE IF EXISTS temp.rebuilt_terms;
    DROP TABLE IF EXISTS temp.rebuilt;
    CREATE VIRTUAL TABLE temp.rebuilt USING fts5(
      title, abstract, notes, tags, content = '', tokenize = 'unicode61 remove_diacritics 2'
    );
    INSERT INTO temp.rebuilt (rowid, title, abstract, notes, tags)
      SELECT id, title, abstract, notes, tags FROM paper_search_source;
    CREATE VIRTUAL TABLE temp.rebuilt_terms USING fts5vocab(temp, rebuilt, instance);
    CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_instances
      USING fts5vocab(main, paper_search, instance);
  `)
  const terms = (table: string) =>
    db.prepare(`SELECT term, doc, col, offset FROM ${table} ORDER BY doc, col, offset`).all()
  expect(terms('temp.search_instances')).toEqual(terms('temp.rebuilt_terms'))
  const count = (sql: string) => db.prepare<[], number>(sql).pluck().get()
  expect(count('SELECT count(*) FROM paper_search_docsize')).toBe(
    count('SELECT count(*) FROM papers'),
  )
}

describe('withBulkIndexing', () => {
  it('finds papers added in bulk once it commits, and leaves nothing queued', () => {
    const db = newLibrary()
    const before = addPaper(db, { title: 'Earlier work', authors: ['Grace Hopper'] })
    const ids = withBulkIndexing(db, () => [
      addPaper(db, { title: 'Quokka learning', abstract: 'On sparse graphs.' }),
      addPaper(db, { title: 'Quokka serving', authors: ['Emmy Noether'] }),
      addPaper(db, { title: 'Unrelated', abstract: 'Quokka in the abstract.' }),
    ])
    expect(found(db, 'paper_search', 'quokka')).toEqual(ids)
    expect(found(db, 'paper_search', 'sparse AND graphs')).toEqual([ids[0]])
    expect(found(db, 'paper_titles', 'quokka')).toEqual(ids.slice(0, 2))
    expect(found(db, 'paper_titles', 'earlier')).toEqual([before])
    expect(found(db, 'paper_authors', 'noether')).toEqual([ids[1]])
    expect(found(db, 'paper_authors', 'lovelace')).toEqual([ids[0], ids[2]])
    expectNothingQueued(db)
    expectIndexesMatchText(db)
  })

  it('returns what the write returned', () => {
    const db = newLibrary()
    expect(withBulkIndexing(db, () => 'written')).toBe('written')
  })

  /**
   * An edit during a bulk write: `prepare` runs right after the paper is added (before the bulk
   * write for a paper that existed, inside it for a new one), `edit` inside the bulk write. The
   * paper then holds `word` once and `gone` not at all; the base title and abstract words stay
   * once unless the edit replaced them.
   */
  interface Edit {
    name: string
    prepare?: (db: Db, id: number) => void
    edit: (db: Db, id: number) => void
    word?: string
    gone?: string
    titles?: { word: string; gone: string }
    authors?: { word: string; gone: string }
  }
  const edits: Edit[] = [
    { name: 'a note saved', edit: (db, id) => saveNote(db, id, 'Quokka notes'), word: 'quokka' },
    {
      name: 'a note rewritten',
      prepare: (db, id) => saveNote(db, id, 'first draft'),
      edit: (db, id) => saveNote(db, id, 'second quokka'),
      word: 'quokka',
      gone: 'draft',
    },
    {
      name: 'a note deleted',
      prepare: (db, id) => saveNote(db, id, 'fleeting thought'),
      edit: (db, id) => db.prepare('DELETE FROM notes WHERE paper_id = ?').run(id),
      gone: 'fleeting',
    },
    {
      name: 'a highlight made',
      edit: (db, id) => addHighlight(db, id, 'narwhal comment'),
      word: 'narwhal',
    },
    {
      name: "a highlight's comment edited",
      prepare: (db, id) => addHighlight(db, id, 'first comment'),
      edit: (db, id) =>
        db.prepare("UPDATE highlights SET comment = 'narwhal' WHERE paper_id = ?").run(id),
      word: 'narwhal',
      gone: 'first',
    },
    {
      name: 'a PDF annotation made',
      edit: (db, id) => addAnnotation(db, id, 'axolotl on the page'),
      word: 'axolotl',
    },
    {
      name: 'a PDF annotation deleted',
      prepare: (db, id) => addAnnotation(db, id, 'axolotl'),
      edit: (db, id) => db.prepare('DELETE FROM pdf_annotations WHERE paper_id = ?').run(id),
      gone: 'axolotl',
    },
    { name: 'a tag attached', edit: (db, id) => attachTag(db, id, 'pangolin'), word: 'pangolin' },
    {
      name: 'a tag detached',
      prepare: (db, id) => attachTag(db, id, 'pangolin'),
      edit: (db, id) => detachTag(db, id, 'pangolin'),
      gone: 'pangolin',
    },
    {
      name: 'a tag renamed',
      prepare: (db, id) => attachTag(db, id, 'pangolin'),
      edit: (db) => renameTag(db, 'pangolin', 'ocelot'),
      word: 'ocelot',
      gone: 'pangolin',
    },
    {
      name: 'a title edited',
      edit: (db, id) => db.prepare("UPDATE papers SET title = 'Tapir study' WHERE id = ?").run(id),
      word: 'tapir',
      gone: 'zeppelin',
      titles: { word: 'tapir', gone: 'zeppelin' },
    },
    {
      name: 'an abstract edited',
      edit: (db, id) => db.prepare("UPDATE papers SET abstract = 'Wombats.' WHERE id = ?").run(id),
      word: 'wombats',
      gone: 'marmot',
    },
    {
      name: 'authors edited',
      edit: (db, id) =>
        db.prepare(`UPDATE papers SET authors = '["Grace Hopper"]' WHERE id = ?`).run(id),
      authors: { word: 'hopper', gone: 'lovelace' },
    },
    {
      name: 'several edits to one paper',
      prepare: (db, id) => attachTag(db, id, 'pangolin'),
      edit: (db, id) => {
        saveNote(db, id, 'quokka')
        addHighlight(db, id, 'narwhal')
        addAnnotation(db, id, 'axolotl')
        renameTag(db, 'pangolin', 'ocelot')
        db.prepare("UPDATE papers SET title = 'Tapir study' WHERE id = ?").run(id)
        saveNote(db, id, 'quokka again')
      },
      word: 'ocelot',
      gone: 'zeppelin',
      titles: { word: 'tapir', gone: 'zeppelin' },
    },
  ]

  describe.each([
    { when: 'a paper that existed before', existing: true },
    { when: 'a paper added in the same bulk write', existing: false },
  ])('for $when', ({ existing }) => {
    it.each(edits)('indexes $name exactly once', (edit) => {
      const db = newLibrary()
      // A neighbour the edit must leave alone.
      const other = addPaper(db)
      attachTag(db, other, 'neighbour')
      const create = () => {
        const id = addPaper(db)
        edit.prepare?.(db, id)
        return id
      }
      const earlier = existing ? create() : undefined
      const id = withBulkIndexing(db, () => {
        const id = earlier ?? create()
        edit.edit(db, id)
        return id
      })
      if (edit.word !== undefined) {
        expect(found(db, 'paper_search', edit.word)).toEqual([id])
        expect(occurrences(db, edit.word, id)).toBe(1)
      }
      const base = ['zeppelin', 'marmot']
      if (edit.gone !== undefined) {
        expect(found(db, 'paper_search', edit.gone)).toEqual(
          base.includes(edit.gone) ? [other] : [],
        )
      }
      for (const word of base.filter((w) => w !== edit.gone)) {
        expect(found(db, 'paper_search', word)).toEqual([other, id])
        expect(occurrences(db, word, id)).toBe(1)
      }
      const titles = edit.titles ?? { word: 'zeppelin', gone: undefined }
      expect(found(db, 'paper_titles', titles.word)).toEqual(
        titles.gone === undefined ? [other, id] : [id],
      )
      if (titles.gone !== undefined) expect(found(db, 'paper_titles', titles.gone)).toEqual([other])
      const authors = edit.authors ?? { word: 'lovelace', gone: undefined }
      expect(found(db, 'paper_authors', authors.word)).toEqual(
        authors.gone === undefined ? [other, id] : [id],
      )
      if (authors.gone !== undefined) {
        expect(found(db, 'paper_authors', authors.gone)).toEqual([other])
      }
      expectNothingQueued(db)
      expectIndexesMatchText(db)
    })
  })

  /** The deleted paper's words (titles 'Quokka…'/'Tapir', author Noether) are found nowhere; `kept` still is. */
  function expectOnly(db: Db, kept: number, words: string[]): void {
    for (const word of words) expect(found(db, 'paper_search', word)).toEqual([])
    expect(found(db, 'paper_titles', 'quokka OR tapir')).toEqual([])
    expect(found(db, 'paper_authors', 'noether')).toEqual([])
    expect(found(db, 'paper_search', 'zeppelin')).toEqual([kept])
    expectNothingQueued(db)
    expectIndexesMatchText(db)
  }

  it('leaves no trace of a paper added and deleted in the same bulk write', () => {
    const db = newLibrary()
    const kept = addPaper(db)
    withBulkIndexing(db, () => {
      const id = addPaper(db, { title: 'Quokka fleeting', authors: ['Emmy Noether'] })
      saveNote(db, id, 'narwhal')
      addHighlight(db, id, 'axolotl')
      attachTag(db, id, 'pangolin')
      db.prepare("UPDATE papers SET title = 'Quokka tapir' WHERE id = ?").run(id)
      deletePaper(db, id)
    })
    expectOnly(db, kept, ['quokka', 'tapir', 'narwhal', 'axolotl', 'pangolin'])
  })

  it('forgets a paper that existed, edited and then deleted in a bulk write', () => {
    const db = newLibrary()
    const kept = addPaper(db)
    const gone = addPaper(db, { title: 'Quokka', authors: ['Emmy Noether'] })
    withBulkIndexing(db, () => {
      saveNote(db, gone, 'narwhal')
      attachTag(db, gone, 'pangolin')
      db.prepare("UPDATE papers SET title = 'Tapir' WHERE id = ?").run(gone)
      deletePaper(db, gone)
    })
    expectOnly(db, kept, ['quokka', 'tapir', 'narwhal', 'pangolin'])
  })

  it('leaves the index as it was when the bulk write throws, and later writes indexed at once', () => {
    const db = newLibrary()
    const id = addPaper(db)
    const other = addPaper(db)
    const gone = addPaper(db)
    saveNote(db, id, 'quokka')
    const before = dumpTables(db)
    expect(() =>
      withBulkIndexing(db, () => {
        addPaper(db, { title: 'Narwhal' })
        saveNote(db, id, 'axolotl')
        attachTag(db, id, 'pangolin')
        // Indexed at once even in a bulk write: the title and author indexes of a paper that
        // existed, and the removal of a deleted one.
        db.prepare(
          `UPDATE papers SET title = 'Tapir', authors = '["Grace Hopper"]' WHERE id = ?`,
        ).run(other)
        deletePaper(db, gone)
        throw new Error('the file was bad')
      }),
    ).toThrow('the file was bad')
    expect(dumpTables(db)).toEqual(before)
    expect(found(db, 'paper_titles', 'zeppelin')).toEqual([id, other, gone])
    expect(found(db, 'paper_authors', 'hopper')).toEqual([])
    expect(found(db, 'paper_search', 'quokka')).toEqual([id])
    // An ordinary write after it is found at once: no deferral was left behind.
    saveNote(db, id, 'wombat')
    expect(found(db, 'paper_search', 'wombat')).toEqual([id])
    expectNothingQueued(db)
    expectIndexesMatchText(db)
  })

  it('rolls back only itself inside a caller transaction, which stays usable', () => {
    const db = newLibrary()
    const id = addPaper(db)
    let newcomer = 0
    db.transaction(() => {
      newcomer = addPaper(db, { title: 'Quokka first' })
      expect(() =>
        withBulkIndexing(db, () => {
          addPaper(db, { title: 'Narwhal' })
          saveNote(db, id, 'axolotl')
          saveNote(db, newcomer, 'axolotl')
          throw new Error('the file was bad')
        }),
      ).toThrow('the file was bad')
      // Written after the failed bulk write, in the same transaction: indexed at once.
      saveNote(db, id, 'wombat')
      withBulkIndexing(db, () => attachTag(db, newcomer, 'pangolin'))
    })()
    expect(found(db, 'paper_search', 'quokka')).toEqual([newcomer])
    expect(found(db, 'paper_search', 'wombat')).toEqual([id])
    expect(found(db, 'paper_search', 'pangolin')).toEqual([newcomer])
    expect(found(db, 'paper_search', 'narwhal OR axolotl')).toEqual([])
    expect(found(db, 'paper_titles', 'narwhal')).toEqual([])
    expectNothingQueued(db)
    expectIndexesMatchText(db)
  })

  it('leaves the indexing of a nested bulk write to the outer one, which indexes once', () => {
    const db = newLibrary()
    const existing = addPaper(db)
    const queued = () =>
      db.prepare<[], number>('SELECT paper_id FROM index_queue ORDER BY paper_id').pluck().all()
    const ids = withBulkIndexing(db, () => {
      const first = addPaper(db, { title: 'Quokka one' })
      const inner = withBulkIndexing(db, () => {
        const second = addPaper(db, { title: 'Quokka two' })
        saveNote(db, first, 'narwhal')
        saveNote(db, existing, 'narwhal')
        return second
      })
      // The inner bulk write fed nothing: its papers wait for the outer one, not yet found.
      expect(queued()).toEqual([existing, first, inner])
      expect(found(db, 'paper_search', 'quokka')).toEqual([])
      expect(() =>
        withBulkIndexing(db, () => {
          saveNote(db, inner, 'axolotl')
          addPaper(db, { title: 'Quokka never' })
          throw new Error('the file was bad')
        }),
      ).toThrow('the file was bad')
      return [first, inner]
    })
    expect(found(db, 'paper_search', 'quokka')).toEqual(ids)
    expect(found(db, 'paper_titles', 'quokka')).toEqual(ids)
    expect(found(db, 'paper_search', 'narwhal')).toEqual([existing, ids[0]])
    expect(found(db, 'paper_search', 'axolotl OR never')).toEqual([])
    for (const id of ids) expect(occurrences(db, 'quokka', id)).toBe(1)
    expect(occurrences(db, 'narwhal', existing)).toBe(1)
    expectNothingQueued(db)
    expectIndexesMatchText(db)
  })
})

/** The writes the property draws: papers by their place among the papers there are. */
type Op =
  | { kind: 'add'; title: string; abstract: string; author: string }
  | { kind: 'note'; paper: number; text: string }
  | { kind: 'dropNote'; paper: number }
  | { kind: 'highlight'; paper: number; comment: string | null }
  | { kind: 'editHighlight'; which: number; comment: string | null }
  | { kind: 'dropHighlight'; which: number }
  | { kind: 'annotation'; paper: number; comment: string }
  | { kind: 'dropAnnotation'; which: number }
  | { kind: 'attach'; paper: number; tag: string }
  | { kind: 'detach'; paper: number; tag: string }
  | { kind: 'rename'; tag: string; to: string }
  | { kind: 'title' | 'abstract'; paper: number; text: string }
  | { kind: 'authors'; paper: number; author: string }
  | { kind: 'delete'; paper: number }

const WORDS = ['graph', 'graphs', 'model', 'serving', 'quokka', 'été', 'attention', 'sparse']
const TAGS = ['systems', 'gpu', 'retrieval', 'later']
const word = fc.constantFrom(...WORDS)
const text = fc.array(word, { minLength: 1, maxLength: 3 }).map((words) => words.join(' '))
const author = fc.constantFrom('Ada Lovelace', 'Grace Hopper', 'Emmy Noether')
const tag = fc.constantFrom(...TAGS)
const place = fc.nat(20)

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), title: text, abstract: text, author }),
  fc.record({ kind: fc.constant('note' as const), paper: place, text }),
  fc.record({ kind: fc.constant('dropNote' as const), paper: place }),
  fc.record({ kind: fc.constant('highlight' as const), paper: place, comment: fc.option(text) }),
  fc.record({
    kind: fc.constant('editHighlight' as const),
    which: place,
    comment: fc.option(text),
  }),
  fc.record({ kind: fc.constant('dropHighlight' as const), which: place }),
  fc.record({ kind: fc.constant('annotation' as const), paper: place, comment: text }),
  fc.record({ kind: fc.constant('dropAnnotation' as const), which: place }),
  fc.record({ kind: fc.constant('attach' as const), paper: place, tag }),
  fc.record({ kind: fc.constant('detach' as const), paper: place, tag }),
  fc.record({ kind: fc.constant('rename' as const), tag, to: tag }),
  fc.record({ kind: fc.constant('title' as const), paper: place, text }),
  fc.record({ kind: fc.constant('abstract' as const), paper: place, text }),
  fc.record({ kind: fc.constant('authors' as const), paper: place, author }),
  fc.record({ kind: fc.constant('delete' as const), paper: place }),
)

/** The `place`-th row of `table` (wrapping around), or undefined when it has none. */
function nth(db: Db, table: string, place: number): number | undefined {
  const ids = db.prepare<[], number>(`SELECT id FROM ${table} ORDER BY id`).pluck().all()
  return ids.length === 0 ? undefined : ids[place % ids.length]
}

function apply(db: Db, op: Op): void {
  if (op.kind === 'add') {
    addPaper(db, { title: op.title, abstract: op.abstract, authors: [op.author] })
    return
  }
  if (op.kind === 'rename') return renameTag(db, op.tag, op.to)
  if (op.kind === 'editHighlight' || op.kind === 'dropHighlight' || op.kind === 'dropAnnotation') {
    const table = op.kind === 'dropAnnotation' ? 'pdf_annotations' : 'highlights'
    const id = nth(db, table, op.which)
    if (id === undefined) return
    if (op.kind === 'editHighlight') {
      db.prepare('UPDATE highlights SET comment = ? WHERE id = ?').run(op.comment, id)
    } else db.prepare(`DELETE FROM ${table} WHERE id = ?`).run(id)
    return
  }
  const id = nth(db, 'papers', op.paper)
  if (id === undefined) return
  switch (op.kind) {
    case 'note':
      return saveNote(db, id, op.text)
    case 'dropNote':
      db.prepare('DELETE FROM notes WHERE paper_id = ?').run(id)
      return
    case 'highlight':
      addHighlight(db, id, op.comment)
      return
    case 'annotation':
      addAnnotation(db, id, op.comment)
      return
    case 'attach':
      return attachTag(db, id, op.tag)
    case 'detach':
      return detachTag(db, id, op.tag)
    case 'title':
    case 'abstract':
      db.prepare(`UPDATE papers SET ${op.kind} = ? WHERE id = ?`).run(op.text, id)
      return
    case 'authors':
      db.prepare('UPDATE papers SET authors = ? WHERE id = ?').run(JSON.stringify([op.author]), id)
      return
    case 'delete':
      return deletePaper(db, id)
  }
}

describe('withBulkIndexing against the same writes one by one', () => {
  it('leaves identical tables and index terms', () => {
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 8 }),
        fc.array(op, { minLength: 1, maxLength: 25 }),
        fc.nat(25),
        (before, during, split) => {
          const bulk = newLibrary()
          const single = newLibrary()
          for (const db of [bulk, single]) for (const o of before) apply(db, o)
          // Two bulk writes, the second nested in the first after `split` writes.
          withBulkIndexing(bulk, () => {
            for (const o of during.slice(0, split)) apply(bulk, o)
            withBulkIndexing(bulk, () => {
              for (const o of during.slice(split)) apply(bulk, o)
            })
          })
          for (const o of during) apply(single, o)
          expect(dumpTables(bulk)).toEqual(dumpTables(single))
          expectNothingQueued(bulk)
          expectIndexesMatchText(bulk)
          bulk.close()
          single.close()
        },
      ),
      { numRuns: 150 },
    )
  })
})

/** Sync set up: the capture triggers record what changes (compared by dumpTables). */
function syncing(db: Db): Db {
  db.prepare(
    "INSERT INTO sync_device (id, name, folder, created_at) VALUES ('d', 'Desk', NULL, 0)",
  ).run()
  return db
}

describe('withBulkIndexing of a write that adds papers (their insert triggers dropped)', () => {
  it('drops exactly the triggers on inserts into papers the schema has, and puts them back', () => {
    const db = newLibrary()
    const triggers = () =>
      db
        .prepare<[], { name: string; sql: string }>(
          "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'papers' ORDER BY name",
        )
        .all()
    const before = triggers()
    expect(
      before
        .filter(({ sql }) => /\bINSERT\s+ON\s+papers\b/i.test(sql))
        .map(({ name }) => name)
        .sort(),
    ).toEqual([...PAPER_INSERT_TRIGGERS].sort())
    let during: string[] = []
    withBulkIndexing(db, (bulk) => {
      bulk.addingPapers()
      during = triggers().map(({ name }) => name)
      addPaper(db, { title: 'Quokka census' })
    })
    expect(
      during.filter((name) => (PAPER_INSERT_TRIGGERS as readonly string[]).includes(name)),
    ).toEqual([])
    expect(triggers()).toEqual(before)
    expect(found(db, 'paper_search', 'quokka')).toHaveLength(1)
    expect(found(db, 'paper_titles', 'quokka')).toHaveLength(1)
    expectNothingQueued(db)
  })

  it("files the added papers under their categories, and in sync's changes when sync is set up", () => {
    const db = syncing(newLibrary())
    const id = withBulkIndexing(db, (bulk) => {
      bulk.addingPapers()
      const paper = addPaper(db, { title: 'Wombat tunnels' })
      db.prepare(`UPDATE papers SET categories = '["cs.LG","q-bio.PE"]' WHERE id = ?`).run(paper)
      return paper
    })
    // The categories were set by an update after the insert: only the insert's work is redone.
    expect(
      db
        .prepare('SELECT category FROM paper_categories WHERE paper_id = ? ORDER BY 1')
        .pluck()
        .all(id),
    ).toEqual(['cs.LG', 'q-bio.PE'])
    expect(db.prepare("SELECT ref FROM sync_pending WHERE entity = 'paper'").pluck().all()).toEqual(
      [String(id)],
    )
  })

  it('leaves the same tables and index terms as the same writes one by one', () => {
    const adds = op.filter((o) => o.kind !== 'delete')
    fc.assert(
      fc.property(
        fc.array(adds, { maxLength: 8 }),
        fc.array(adds, { minLength: 1, maxLength: 25 }),
        fc.nat(25),
        (before, during, addingAt) => {
          const bulk = syncing(newLibrary())
          const single = syncing(newLibrary())
          for (const db of [bulk, single]) for (const o of before) apply(db, o)
          withBulkIndexing(bulk, (write) => {
            for (const [i, o] of during.entries()) {
              // Said before the write's first paper, or later (then the earlier ones paid).
              if (i === addingAt) write.addingPapers()
              apply(bulk, o)
            }
          })
          for (const o of during) apply(single, o)
          expect(dumpTables(bulk)).toEqual(dumpTables(single))
          expectNothingQueued(bulk)
          expectIndexesMatchText(bulk)
          bulk.close()
          single.close()
        },
      ),
      { numRuns: 100 },
    )
  })
})
