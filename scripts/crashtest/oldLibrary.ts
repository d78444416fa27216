import { join } from 'node:path'
import { MIGRATIONS } from '../../src/main/library/db/migrations'
import { LIBRARY_FILE_NAME, openLibraryDb } from '../../src/main/library/db/openLibrary'
import { resolveDigestDate } from '../../src/main/library/digest/dates'
import { titleKey } from '../../src/main/library/digest/titleKey'
import { fileSource, readDigest } from '../../src/main/library/import/digestSource'

/**
 * Writes a library at an old schema version holding the papers of `paths`, as an older Margin
 * would have left it: the tables of that version filled with plain INSERTs (today's import path
 * expects today's schema). Returns the library file, checkpointed so it stands alone.
 */
export function writeOldLibrary(dir: string, paths: readonly string[], schema: number): string {
  const db = openLibraryDb(dir, MIGRATIONS.slice(0, schema))
  const now = Date.UTC(2030, 0, 1)
  const insertPaper = db.prepare(
    'INSERT INTO papers (title, abstract, title_key, links, added_at) VALUES (?, ?, ?, ?, ?)',
  )
  const insertDigest = db.prepare(
    'INSERT INTO digests (date, source_file, content_hash, imported_at) VALUES (?, ?, ?, ?)',
  )
  const insertFile = db.prepare(
    'INSERT INTO import_files (file_name, content_hash, imported_at) VALUES (?, ?, ?)',
  )
  const appear = db.prepare(
    'INSERT INTO digest_papers (digest_id, paper_id, position) VALUES (?, ?, ?)',
  )
  db.transaction(() => {
    for (const path of paths) {
      const source = fileSource(path)
      const { contentHash, digest } = readDigest(source)
      insertFile.run(source.fileName, contentHash, now)
      for (const section of digest.sections) {
        const date = resolveDigestDate(section.date, new Date(now), undefined)
        const digestId = insertDigest.run(date, source.fileName, contentHash, now).lastInsertRowid
        section.papers.forEach((paper, position) => {
          const paperId = insertPaper.run(
            paper.title,
            paper.abstract,
            titleKey(paper.title),
            JSON.stringify(paper.links),
            now,
          ).lastInsertRowid
          appear.run(digestId, paperId, position)
        })
      }
    }
  })()
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
  return join(dir, LIBRARY_FILE_NAME)
}
