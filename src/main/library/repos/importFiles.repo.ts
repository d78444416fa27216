import type { SourceKind } from '../../../shared/models'
import type { Db } from '../db/openLibrary'

/** A file a paper came from, as stored. */
export interface PaperSourceFileRow {
  file_name: string
  source: SourceKind
  imported_at: number
}

export function createImportFilesRepo(db: Db) {
  const byHash = db.prepare<[string], { id: number }>(
    'SELECT id FROM import_files WHERE content_hash = ?',
  )
  const insert = db.prepare<[string, string, number, SourceKind], never>(
    'INSERT INTO import_files (file_name, content_hash, imported_at, source) VALUES (?, ?, ?, ?)',
  )
  const sourcesOf = db.prepare<[number], PaperSourceFileRow>(`
    SELECT f.file_name, f.source, f.imported_at FROM paper_sources ps
      JOIN import_files f ON f.id = ps.import_file_id
    WHERE ps.paper_id = ? ORDER BY f.imported_at, f.id`)
  const addSources = db.prepare<[number, string], never>(`
    INSERT OR IGNORE INTO paper_sources (paper_id, import_file_id)
    SELECT value, ? FROM json_each(?)`)

  return {
    /** The id of the file with this content, when it was imported before. */
    idOf: (contentHash: string) => byHash.get(contentHash)?.id ?? null,
    record: (fileName: string, contentHash: string, importedAt: number, source: SourceKind) =>
      Number(insert.run(fileName, contentHash, importedAt, source).lastInsertRowid),
    /** Notes that the papers `paperIds` came (also) from file `importFileId`: one statement. */
    addPaperSources: (paperIds: readonly number[], importFileId: number) =>
      addSources.run(importFileId, JSON.stringify(paperIds)),
    /** The files `paperId` came from, first imported first. */
    sourcesOf: (paperId: number) => sourcesOf.all(paperId),
  }
}

export type ImportFilesRepo = ReturnType<typeof createImportFilesRepo>
