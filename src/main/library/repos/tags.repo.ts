import type { Db } from '../db/openLibrary'

export function createTagsRepo(db: Db) {
  const insertTag = db.prepare<[string], never>('INSERT OR IGNORE INTO tags (name) VALUES (?)')
  const tagId = db.prepare<[string], { id: number }>('SELECT id FROM tags WHERE name = ?')
  const attach = db.prepare<[number, number], never>(
    'INSERT OR IGNORE INTO paper_tags (paper_id, tag_id) VALUES (?, ?)',
  )
  const detach = db.prepare<[number, string], never>(
    'DELETE FROM paper_tags WHERE paper_id = ? AND tag_id = (SELECT id FROM tags WHERE name = ?)',
  )

  const counts = db.prepare<[], { name: string; count: number }>(`
    SELECT t.name, count(pt.paper_id) AS count FROM tags t
    JOIN paper_tags pt ON pt.tag_id = t.id
    GROUP BY t.id ORDER BY t.name COLLATE NOCASE`)

  return {
    counts: () => counts.all(),
    /** Tags are unique regardless of case; the first spelling used is kept. */
    attach: (paperId: number, name: string) => {
      insertTag.run(name)
      attach.run(paperId, tagId.get(name)!.id)
    },
    detach: (paperId: number, name: string) => detach.run(paperId, name).changes > 0,
  }
}

export type TagsRepo = ReturnType<typeof createTagsRepo>
