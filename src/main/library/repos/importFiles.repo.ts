import type { SourceKind } from '../../../shared/models'
import type { Db } from '../db/openLibrary'

export function createImportFilesRepo(db: Db) {
  const byHash = db.prepare<[string], { id: number }>(
    'SELECT id FROM import_files WHERE content_hash = ?',
  )
  const insert = db.prepare<[string, string, number, SourceKind], never>(
    'INSERT INTO import_files (file_name, content_hash, imported_at, source) VALUES (?, ?, ?, ?)',
  )
  const addSource = db.prepare<[number, number], never>(
    'INSERT OR IGNORE INTO paper_sources (paper_id, import_file_id) VALUES (?, ?)',
  )

  return {
    /** The id of the file with this content, when it was imported before. */
    idOf: (contentHash: string) => byHash.get(contentHash)?.id ?? null,
    record: (fileName: string, contentHash: string, importedAt: number, source: SourceKind) =>
      Number(insert.run(fileName, contentHash, importedAt, source).lastInsertRowid),
    /** Notes that `paperId` came (also) from file `importFileId`. */
    addPaperSource: (paperId: number, importFileId: number) => addSource.run(paperId, importFileId),
  }
}

export type ImportFilesRepo = ReturnType<typeof createImportFilesRepo>
