import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { withBulkIndexing } from '../../search/bulkIndexing'
import { useTempDir } from '../../testing/tempDirs'
import { LIBRARY_FILE_NAME, openLibraryDb, type Db, type UpdateProgress } from '../openLibrary'
import { MIGRATIONS } from '.'

const tempDir = useTempDir()

const FIXTURE = join(__dirname, '../fixtures/schema-12-library.sqlite')

/** A word no real text holds, one per number: qx + the number in letters (qxa, qxb, …). */
function wordOf(n: number): string {
  let letters = ''
  do {
    letters = String.fromCharCode(97 + (n % 26)) + letters
    n = Math.floor(n / 26)
  } while (n > 0)
  return `qx${letters}`
}

function wordsOf(text: string): string[] {
  return (text.match(/[\p{L}\p{N}\p{Co}]+/gu) ?? []).filter((word) => word.length >= 4)
}

/** The papers a search of `index` finds for `query`. */
function found(db: Db, index: string, query: string): number[] {
  return db
    .prepare<[string], number>(`SELECT rowid FROM ${index} WHERE ${index} MATCH ? ORDER BY rowid`)
    .pluck()
    .all(query)
}

function expectIndexesSound(db: Db): void {
  for (const index of ['paper_search', 'paper_titles', 'paper_authors']) {
    expect(() =>
      db.exec(`INSERT INTO ${index} (${index}, rank) VALUES ('integrity-check', 1)`),
    ).not.toThrow()
  }
  const count = (table: string) =>
    db.prepare<[], number>(`SELECT count(*) FROM ${table}`).pluck().get()
  expect({ queue: count('index_queue'), deferral: count('index_deferral') }).toEqual({
    queue: 0,
    deferral: 0,
  })
  expect(count('paper_search_docsize')).toBe(count('papers'))
}

/** Updates the library in `dir` to the current schema, with what it reported. */
function update(dir: string): { db: Db; progress: UpdateProgress[] } {
  const progress: UpdateProgress[] = []
  const db = openLibraryDb(dir, MIGRATIONS, { onProgress: (p) => progress.push(p) })
  return { db, progress }
}

/** Over two of the migration's steps of 5,000 papers, so it reports between start and end. */
const PAPERS = 10_001

/**
 * A library at schema 12 written with plain INSERTs: PAPERS papers, each with a title word of
 * its own; every 50th a note, a highlight, a PDF annotation and a tag with words of their own.
 */
function writeSchema12Library(dir: string): void {
  const db = openLibraryDb(dir, MIGRATIONS.slice(0, 12))
  const paper = db.prepare(
    `INSERT INTO papers (id, title, abstract, title_key, added_at, authors)
     VALUES (?, ?, 'On sparse graphs.', ?, 0, ?)`,
  )
  const note = db.prepare('INSERT INTO notes (paper_id, body, updated_at) VALUES (?, ?, 0)')
  const highlight = db.prepare(
    `INSERT INTO highlights (paper_id, quote, prefix, suffix, start_offset, end_offset, color,
       comment, created_at, updated_at)
     VALUES (?, 'sparse', 'On ', ' graphs.', 3, 9, 'yellow', ?, 0, 0)`,
  )
  const annotation = db.prepare(
    `INSERT INTO pdf_annotations (paper_id, sha256, type, color, comment, page_index, position,
       quote, prefix, suffix, sort_key, created_at, updated_at)
     VALUES (?, 'ab12', 'note', 'pink', ?, 0, '{}', '', '', '', '0', 0, 0)`,
  )
  const tag = db.prepare('INSERT INTO tags (id, name) VALUES (?, ?)')
  const attach = db.prepare('INSERT INTO paper_tags (paper_id, tag_id) VALUES (?, ?)')
  db.transaction(() => {
    for (let id = 1; id <= PAPERS; id++) {
      const title = `Study of ${wordOf(id)} methods`
      paper.run(id, title, title.toLowerCase(), JSON.stringify([`Author #${id}#`]))
      if (id % 50 === 0) {
        note.run(id, `note ${wordOf(id)}n`)
        highlight.run(id, `comment ${wordOf(id)}h`)
        annotation.run(id, `page ${wordOf(id)}a`)
        tag.run(id, `${wordOf(id)}t`)
        attach.run(id, id)
      }
    }
  })()
  db.close()
}

describe('migration 0013 (index layout)', () => {
  it('updates a big schema-12 library with progress up to its total, every paper found by its words', () => {
    const dir = tempDir()
    writeSchema12Library(dir)
    const { db, progress } = update(dir)
    try {
      expect(progress[0]).toEqual({ phase: 'copy' })
      const steps = progress.filter((p) => p.phase === 'migrate' && p.schema === 13)
      const done = steps.map((p) => (p.phase === 'migrate' ? p.done : -1))
      expect(steps.every((p) => p.phase === 'migrate' && p.total === PAPERS)).toBe(true)
      expect(done[0]).toBe(0)
      expect(done.at(-1)).toBe(PAPERS)
      // Reported as it goes, not only at the start and the end, and never backwards.
      expect(done.length).toBeGreaterThanOrEqual(4)
      for (let i = 1; i < done.length; i++) expect(done[i]).toBeGreaterThan(done[i - 1]!)

      const search = db.prepare<[string], number>(
        'SELECT rowid FROM paper_search WHERE paper_search MATCH ?',
      )
      const titles = db.prepare<[string], number>(
        'SELECT rowid FROM paper_titles WHERE paper_titles MATCH ?',
      )
      const authors = db.prepare<[string], number>(
        'SELECT rowid FROM paper_authors WHERE paper_authors MATCH ?',
      )
      const missing: string[] = []
      const expectOnly = (what: string, statement: typeof search, query: string, id: number) => {
        const ids = statement.pluck().all(query)
        if (ids.length !== 1 || ids[0] !== id) missing.push(`${what} ${query}: ${ids.join(',')}`)
      }
      for (let id = 1; id <= PAPERS; id++) {
        expectOnly('paper_search', search, `title:${wordOf(id)}`, id)
        expectOnly('paper_titles', titles, wordOf(id), id)
        expectOnly('paper_authors', authors, `"#${id}#"`, id)
        if (id % 50 === 0) {
          expectOnly('note', search, `notes:${wordOf(id)}n`, id)
          expectOnly('highlight', search, `notes:${wordOf(id)}h`, id)
          expectOnly('annotation', search, `notes:${wordOf(id)}a`, id)
          expectOnly('tag', search, `tags:${wordOf(id)}t`, id)
        }
      }
      expect(missing.slice(0, 5)).toEqual([])
      expect(found(db, 'paper_search', 'sparse AND graphs')).toHaveLength(PAPERS)
      expectIndexesSound(db)
    } finally {
      db.close()
    }
  })

  it("updates the current release's library: its notes, highlights, annotation and tags found", () => {
    const dir = tempDir()
    copyFileSync(FIXTURE, join(dir, LIBRARY_FILE_NAME))
    const { db, progress } = update(dir)
    try {
      const papers = db.prepare<[], number>('SELECT count(*) FROM papers').pluck().get()!
      expect(papers).toBe(42)
      expect(progress).toContainEqual({
        phase: 'migrate',
        schema: 13,
        done: papers,
        total: papers,
      })
      // Every word (as FTS5's unicode61 cuts them, of 4 characters or more) of every text the
      // paper_search columns hold.
      const texts = db
        .prepare<[], { id: number; column: string; text: string }>(
          `SELECT id, 'title' AS "column", title AS text FROM papers
           UNION ALL SELECT id, 'abstract', abstract FROM papers
           UNION ALL SELECT paper_id, 'notes', body FROM notes
           UNION ALL SELECT paper_id, 'notes', quote || ' ' || coalesce(comment, '') FROM highlights
           UNION ALL SELECT paper_id, 'notes', quote || ' ' || coalesce(comment, '')
             FROM pdf_annotations
           UNION ALL SELECT pt.paper_id, 'tags', t.name FROM paper_tags pt
             JOIN tags t ON t.id = pt.tag_id`,
        )
        .all()
      const notFound: string[] = []
      let words = 0
      for (const { id, column, text } of texts) {
        for (const word of wordsOf(text)) {
          words++
          if (!found(db, 'paper_search', `${column}:"${word}"`).includes(id)) {
            notFound.push(`${id} ${column}: ${word}`)
          }
        }
        if (column === 'title') {
          for (const word of wordsOf(text)) {
            if (!found(db, 'paper_titles', `"${word}"`).includes(id)) {
              notFound.push(`${id} paper_titles: ${word}`)
            }
          }
        }
      }
      expect(notFound).toEqual([])
      expect(words).toBeGreaterThan(3_000)
      // A note's words, a highlight's comment, the annotation's, a tag, each by its paper.
      expect(found(db, 'paper_search', 'notes:unicode')).toEqual([1])
      expect(found(db, 'paper_search', 'notes:claim')).toEqual([1])
      expect(found(db, 'paper_search', 'notes:page')).toEqual([1])
      expect(found(db, 'paper_search', 'tags:retrieval')).toEqual([4])
      expect(found(db, 'paper_search', 'tags:systems')).toEqual([1, 7])
      expectIndexesSound(db)
    } finally {
      db.close()
    }
  })

  it('leaves a library where a write is found at once and a bulk write once it commits', () => {
    const dir = tempDir()
    copyFileSync(FIXTURE, join(dir, LIBRARY_FILE_NAME))
    const { db } = update(dir)
    try {
      db.prepare("UPDATE notes SET body = 'quokka' WHERE paper_id = 4").run()
      expect(found(db, 'paper_search', 'quokka')).toEqual([4])
      expect(found(db, 'paper_search', 'retrieval AND baseline')).toEqual([])
      db.prepare("UPDATE tags SET name = 'Pangolin' WHERE name = 'systems'").run()
      expect(found(db, 'paper_search', 'pangolin')).toEqual([1, 7])
      withBulkIndexing(db, () => {
        db.prepare("UPDATE papers SET title = 'Narwhal' WHERE id = 2").run()
        db.prepare(
          `INSERT INTO papers (id, title, abstract, title_key, added_at)
           VALUES (100, 'Axolotl', 'Narwhal too.', 'axolotl', 0)`,
        ).run()
      })
      expect(found(db, 'paper_search', 'narwhal')).toEqual([2, 100])
      expect(found(db, 'paper_titles', 'narwhal OR axolotl')).toEqual([2, 100])
      db.prepare('DELETE FROM papers WHERE id IN (1, 100)').run()
      expect(found(db, 'paper_search', 'pangolin OR axolotl')).toEqual([7])
      expectIndexesSound(db)
    } finally {
      db.close()
    }
  })
})
