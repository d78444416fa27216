import type { Db } from '../db/openLibrary'

export interface DigestSummaryRow {
  id: number
  date: string
  source_file: string
  imported_at: number
  paper_count: number
  new_count: number
}

export interface NewDigest {
  date: string
  sourceFile: string
  contentHash: string
  importedAt: number
}

export function createDigestsRepo(db: Db) {
  const byDate = db.prepare<[string], { id: number }>('SELECT id FROM digests WHERE date = ?')
  const insert = db.prepare<[NewDigest], never>(`
    INSERT INTO digests (date, source_file, content_hash, imported_at)
    VALUES (@date, @sourceFile, @contentHash, @importedAt)`)
  const addAppearances = db.prepare<[number, string], never>(`
    INSERT INTO digest_papers (digest_id, paper_id, position)
    SELECT ?, value ->> 0, value ->> 1 FROM json_each(?)`)
  const listed = db.prepare<[number], { paper_id: number; position: number }>(
    'SELECT paper_id, position FROM digest_papers WHERE digest_id = ?',
  )
  const any = db.prepare<[], number>('SELECT EXISTS (SELECT 1 FROM digests)').pluck()
  const summaries = db.prepare<[], DigestSummaryRow>(`
    SELECT d.id, d.date, d.source_file, d.imported_at,
      count(dp.paper_id) AS paper_count,
      count(dp.paper_id) FILTER (WHERE p.status = 'new') AS new_count
    FROM digests d
    LEFT JOIN digest_papers dp ON dp.digest_id = d.id
    LEFT JOIN papers p ON p.id = dp.paper_id
    GROUP BY d.id
    ORDER BY d.date DESC`)

  return {
    findIdByDate: (date: string) => byDate.get(date)?.id ?? null,
    insert: (digest: NewDigest) => Number(insert.run(digest).lastInsertRowid),
    /** The papers the digest lists, and the position after its last. */
    listing: (digestId: number) => {
      const rows = listed.all(digestId)
      const next = rows.reduce((last, row) => Math.max(last, row.position + 1), 0)
      return { paperIds: new Set(rows.map((row) => row.paper_id)), next }
    },
    /** Records that the digest lists each paper at its position (none listed there yet). */
    addAppearances: (digestId: number, appearances: ReadonlyArray<[number, number]>) =>
      addAppearances.run(digestId, JSON.stringify(appearances)),
    summaries: () => summaries.all(),
    any: () => any.get() === 1,
  }
}

export type DigestsRepo = ReturnType<typeof createDigestsRepo>
