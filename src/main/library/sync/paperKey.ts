import type { Db } from '../db/openLibrary'
import { TITLE_KEY_MATCH } from '../repos/papers.repo'
import type { PaperKey } from './ops'

/**
 * Papers across devices: a paper is the same paper by the keys the importer dedupes by, its
 * arXiv id when known, else its normalized title (the same title is the same paper unless both
 * carry different arXiv ids). Local ids never leave the device.
 */
export function createPaperKeys(db: Db) {
  const keyOf = db.prepare<[number], { arxiv_id: string | null; title_key: string }>(
    'SELECT arxiv_id, title_key FROM papers WHERE id = ?',
  )
  const byArxivId = db.prepare<[string], { id: number }>('SELECT id FROM papers WHERE arxiv_id = ?')
  const byTitleKey = db.prepare<[{ titleKey: string }], { id: number; arxiv_id: string | null }>(
    `SELECT id, arxiv_id FROM papers WHERE ${TITLE_KEY_MATCH} ORDER BY id`,
  )
  return {
    /** The keys of local paper `id`, null when there is none. */
    keyOf(id: number): PaperKey | null {
      const row = keyOf.get(id)
      return row ? { arxivId: row.arxiv_id, titleKey: row.title_key } : null
    },
    /** The local paper these keys name, null when this library does not have it (yet). */
    find(key: PaperKey): number | null {
      if (key.arxivId !== null) {
        const byId = byArxivId.get(key.arxivId)
        if (byId) return byId.id
      }
      for (const match of byTitleKey.all({ titleKey: key.titleKey })) {
        if (key.arxivId === null || match.arxiv_id === null || match.arxiv_id === key.arxivId) {
          return match.id
        }
      }
      return null
    },
  }
}
export type PaperKeys = ReturnType<typeof createPaperKeys>
