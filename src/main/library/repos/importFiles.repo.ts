import type { Db } from '../db/openLibrary'

export function createImportFilesRepo(db: Db) {
  const byHash = db.prepare<[string], { id: number }>(
    'SELECT id FROM import_files WHERE content_hash = ?',
  )
  const insert = db.prepare<[string, string, number], never>(
    'INSERT INTO import_files (file_name, content_hash, imported_at) VALUES (?, ?, ?)',
  )

  return {
    wasImported: (contentHash: string) => byHash.get(contentHash) !== undefined,
    record: (fileName: string, contentHash: string, importedAt: number) =>
      insert.run(fileName, contentHash, importedAt),
  }
}

export type ImportFilesRepo = ReturnType<typeof createImportFilesRepo>
