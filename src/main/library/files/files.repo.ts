import type { Db } from '../db/openLibrary'

export interface PdfFileRow {
  id: number
  sha256: string
  size: number
  page_count: number
  text_state: 'pending' | 'done' | 'failed'
  text_problem: string | null
  created_at: number
}

/** A file as one paper holds it. */
export interface PaperFileRow extends PdfFileRow {
  paper_id: number
  origin: string
  added_at: number
}

export interface ReadingPositionRow {
  paper_id: number
  page: number
  page_offset: number
  page_count: number
  zoom: string
  updated_at: number
}

/** SQL for pdf_files, paper_files, pdf_pages and reading_positions; nothing else. */
export function createFilesRepo(db: Db) {
  const bySha = db.prepare<[string], PdfFileRow>('SELECT * FROM pdf_files WHERE sha256 = ?')
  const insertFile = db.prepare<
    [{ sha256: string; size: number; page_count: number; created_at: number }]
  >(`INSERT INTO pdf_files (sha256, size, page_count, created_at)
     VALUES (@sha256, @size, @page_count, @created_at) ON CONFLICT (sha256) DO NOTHING`)
  const link = db.prepare<
    [{ paper_id: number; file_id: number; origin: string; added_at: number }]
  >(
    `INSERT INTO paper_files (paper_id, file_id, origin, added_at)
     VALUES (@paper_id, @file_id, @origin, @added_at) ON CONFLICT DO NOTHING`,
  )
  const unlink = db.prepare<[number, number]>(
    'DELETE FROM paper_files WHERE paper_id = ? AND file_id = ?',
  )
  const papersOf = db
    .prepare<[number], number>(
      'SELECT paper_id FROM paper_files WHERE file_id = ? ORDER BY paper_id',
    )
    .pluck()
  const users = db
    .prepare<[number], number>('SELECT count(*) FROM paper_files WHERE file_id = ?')
    .pluck()
  const deletePages = db.prepare<[number]>('DELETE FROM pdf_pages WHERE file_id = ?')
  const deleteFile = db.prepare<[number]>('DELETE FROM pdf_files WHERE id = ?')
  const ofPaper = db.prepare<[number], PaperFileRow>(`
    SELECT f.*, pf.paper_id, pf.origin, pf.added_at
    FROM paper_files pf JOIN pdf_files f ON f.id = pf.file_id
    WHERE pf.paper_id = ? ORDER BY pf.added_at, f.id`)
  const all = db.prepare<[], PdfFileRow & { paper_ids: string }>(`
    SELECT f.*, (SELECT json_group_array(paper_id) FROM paper_files WHERE file_id = f.id)
      AS paper_ids
    FROM pdf_files f ORDER BY f.id`)
  const nextPending = db.prepare<[], PdfFileRow>(
    "SELECT * FROM pdf_files WHERE text_state = 'pending' ORDER BY id LIMIT 1",
  )
  const setText = db.prepare<[{ id: number; state: string; problem: string | null }]>(
    'UPDATE pdf_files SET text_state = @state, text_problem = @problem WHERE id = @id',
  )
  const insertPage = db.prepare<[number, number, string]>(
    'INSERT INTO pdf_pages (file_id, page, text) VALUES (?, ?, ?)',
  )
  const positionOf = db.prepare<[number], ReadingPositionRow>(
    'SELECT * FROM reading_positions WHERE paper_id = ?',
  )
  const savePosition = db.prepare<[ReadingPositionRow]>(`
    INSERT INTO reading_positions (paper_id, page, page_offset, page_count, zoom, updated_at)
    VALUES (@paper_id, @page, @page_offset, @page_count, @zoom, @updated_at)
    ON CONFLICT (paper_id) DO UPDATE SET page = excluded.page,
      page_offset = excluded.page_offset, page_count = excluded.page_count,
      zoom = excluded.zoom, updated_at = excluded.updated_at`)
  const pageTextOf = db
    .prepare<[number, number], string>('SELECT text FROM pdf_pages WHERE file_id = ? AND page = ?')
    .pluck()

  return {
    bySha: (sha: string) => bySha.get(sha) ?? null,
    /** The row of these bytes, added (text pending) when new. */
    addFile: (file: { sha256: string; size: number; page_count: number; created_at: number }) => {
      insertFile.run(file)
      return bySha.get(file.sha256)!
    },
    link: (row: { paper_id: number; file_id: number; origin: string; added_at: number }) =>
      link.run(row).changes > 0,
    unlink: (paperId: number, fileId: number) => unlink.run(paperId, fileId).changes > 0,
    usersOf: (fileId: number): number => users.get(fileId) ?? 0,
    papersOf: (fileId: number): number[] => papersOf.all(fileId),
    /** Removes the file's row and its pages (and so their search index entries). */
    deleteFile: (fileId: number) => {
      deletePages.run(fileId)
      deleteFile.run(fileId)
    },
    ofPaper: (paperId: number) => ofPaper.all(paperId),
    all: () =>
      all.all().map((row) => ({ ...row, paper_ids: JSON.parse(row.paper_ids) as number[] })),
    nextPending: () => nextPending.get() ?? null,
    setTextState: (id: number, state: PdfFileRow['text_state'], problem: string | null = null) =>
      setText.run({ id, state, problem }),
    deletePages: (fileId: number) => deletePages.run(fileId),
    /** `texts[i]` is page `firstPage + i`. */
    insertPages: (fileId: number, firstPage: number, texts: readonly string[]) => {
      texts.forEach((text, i) => insertPage.run(fileId, firstPage + i, text))
    },
    pageText: (fileId: number, page: number) => pageTextOf.get(fileId, page) ?? null,
    position: (paperId: number) => positionOf.get(paperId) ?? null,
    savePosition: (row: ReadingPositionRow) => savePosition.run(row),
  }
}

export type FilesRepo = ReturnType<typeof createFilesRepo>
