import type { Db } from '../db/openLibrary'

export function createTagsRepo(db: Db) {
  const insertTag = db.prepare<[string], never>('INSERT OR IGNORE INTO tags (name) VALUES (?)')
  const byName = db.prepare<[string], { id: number; name: string }>(
    'SELECT id, name FROM tags WHERE name = ?',
  )
  const attach = db.prepare<[number, number], never>(
    'INSERT OR IGNORE INTO paper_tags (paper_id, tag_id) VALUES (?, ?)',
  )
  const detach = db.prepare<[number, string], never>(
    'DELETE FROM paper_tags WHERE paper_id = ? AND tag_id = (SELECT id FROM tags WHERE name = ?)',
  )
  const rename = db.prepare<[string, number], never>('UPDATE tags SET name = ? WHERE id = ?')
  const copyPapers = db.prepare<[number, number], never>(`
    INSERT OR IGNORE INTO paper_tags (paper_id, tag_id)
    SELECT paper_id, ? FROM paper_tags WHERE tag_id = ?`)
  const remove = db.prepare<[number], never>('DELETE FROM tags WHERE id = ?')
  const counts = db.prepare<[], { name: string; count: number }>(`
    SELECT t.name, count(pt.paper_id) AS count FROM tags t
    JOIN paper_tags pt ON pt.tag_id = t.id
    GROUP BY t.id ORDER BY t.name COLLATE NOCASE`)

  return {
    counts: () => counts.all(),
    /** Tags are unique regardless of case; the first spelling used is kept. False: it had it. */
    attach: (paperId: number, name: string): boolean => {
      insertTag.run(name)
      return attach.run(paperId, byName.get(name)!.id).changes > 0
    },
    detach: (paperId: number, name: string) => detach.run(paperId, name).changes > 0,
    /** Names compare regardless of case. */
    find: (name: string) => byName.get(name) ?? null,
    rename: (id: number, name: string) => rename.run(name, id),
    /** Gives the papers of tag `fromId` the tag `intoId` and removes `fromId`; the caller holds the transaction. */
    merge: (fromId: number, intoId: number) => {
      copyPapers.run(intoId, fromId)
      remove.run(fromId)
    },
    /** Removing a tag removes it from every paper. */
    remove: (id: number) => remove.run(id),
  }
}

export type TagsRepo = ReturnType<typeof createTagsRepo>
