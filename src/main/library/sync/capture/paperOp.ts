import type { SourceKind } from '../../../../shared/models'
import type { Db } from '../../db/openLibrary'
import type { PaperTableRow } from '../../repos/papers.repo'
import type { OpOf } from '../ops'
import { preparedOnce } from '../../db/preparedOnce'

/** What a `paper` operation says: the paper as imports made it, its appearances, its sources. */
export type PaperOpPayload = Pick<OpOf<'paper'>, 'paper' | 'appearances' | 'sources'>

type PaperColumns = Omit<PaperTableRow, 'status'>

interface AppearanceColumns {
  paper_id: number
  date: string
  position: number
  source_file: string
  content_hash: string
  imported_at: number
}

interface SourceColumns {
  paper_id: number
  file_name: string
  content_hash: string
  imported_at: number
  source: SourceKind
}

const PAPER = `SELECT id, arxiv_id, title, abstract, links, submitted_by, author_count, upvotes,
  authors, categories, published_at, added_at FROM papers`
const APPEARANCES = `SELECT dp.paper_id, d.date, dp.position, d.source_file, d.content_hash,
  d.imported_at FROM digest_papers dp JOIN digests d ON d.id = dp.digest_id`
const SOURCES = `SELECT ps.paper_id, f.file_name, f.content_hash, f.imported_at, f.source
  FROM paper_sources ps JOIN import_files f ON f.id = ps.import_file_id`

/** A JSON list column (links, authors, categories); anything else stored there reads as none. */
function names(json: string): string[] {
  const value: unknown = JSON.parse(json)
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : []
}

function payload(
  row: PaperColumns,
  appearances: readonly AppearanceColumns[],
  sources: readonly SourceColumns[],
): PaperOpPayload {
  return {
    paper: {
      arxivId: row.arxiv_id,
      title: row.title,
      abstract: row.abstract,
      links: names(row.links),
      submittedBy: row.submitted_by,
      authorCount: row.author_count,
      upvotes: row.upvotes,
      authors: names(row.authors),
      categories: names(row.categories),
      publishedAt: row.published_at,
      addedAt: row.added_at,
    },
    appearances: appearances.map((a) => ({
      date: a.date,
      position: a.position,
      sourceFile: a.source_file,
      contentHash: a.content_hash,
      importedAt: a.imported_at,
    })),
    sources: sources.map((s) => ({
      fileName: s.file_name,
      contentHash: s.content_hash,
      importedAt: s.imported_at,
      source: s.source,
    })),
  }
}

/** Rows of `rows` grouped by their paper, in the order they came. */
function byPaper<T extends { paper_id: number }>(rows: readonly T[]): Map<number, T[]> {
  const groups = new Map<number, T[]>()
  for (const row of rows) {
    const group = groups.get(row.paper_id)
    if (group) group.push(row)
    else groups.set(row.paper_id, [row])
  }
  return groups
}

/**
 * Reads papers as `paper` operations say them: one by id (a local change), or a page of them
 * in id order (a snapshot). Appearances are in date order, sources in content-hash order, so
 * the same paper always reads the same.
 */
export function createPaperOpReader(db: Db) {
  const one = {
    paper: db.prepare<[number], PaperColumns>(`${PAPER} WHERE id = ?`),
    appearances: db.prepare<[number], AppearanceColumns>(
      `${APPEARANCES} WHERE dp.paper_id = ? ORDER BY d.date, dp.position`,
    ),
    sources: db.prepare<[number], SourceColumns>(
      `${SOURCES} WHERE ps.paper_id = ? ORDER BY f.content_hash`,
    ),
  }
  const page = {
    papers: db.prepare<[number, number], PaperColumns>(`${PAPER} WHERE id > ? ORDER BY id LIMIT ?`),
    appearances: db.prepare<[number, number], AppearanceColumns>(
      `${APPEARANCES} WHERE dp.paper_id BETWEEN ? AND ? ORDER BY dp.paper_id, d.date, dp.position`,
    ),
    sources: db.prepare<[number, number], SourceColumns>(
      `${SOURCES} WHERE ps.paper_id BETWEEN ? AND ? ORDER BY ps.paper_id, f.content_hash`,
    ),
  }
  return {
    /** Paper `paperId`'s operation payload, null when there is no such paper. */
    one(paperId: number): PaperOpPayload | null {
      const row = one.paper.get(paperId)
      if (!row) return null
      return payload(row, one.appearances.all(paperId), one.sources.all(paperId))
    },
    /** Up to `limit` papers after id `afterId`, in id order, each with its local id. */
    page(afterId: number, limit: number): Array<{ paperId: number; op: PaperOpPayload }> {
      const rows = page.papers.all(afterId, limit)
      if (rows.length === 0) return []
      const first = rows[0]!.id
      const last = rows.at(-1)!.id
      const appearances = byPaper(page.appearances.all(first, last))
      const sources = byPaper(page.sources.all(first, last))
      return rows.map((row) => ({
        paperId: row.id,
        op: payload(row, appearances.get(row.id) ?? [], sources.get(row.id) ?? []),
      }))
    },
  }
}
export type PaperOpReader = ReturnType<typeof createPaperOpReader>

const readerOf = preparedOnce(createPaperOpReader)

/** The payload of paper `paperId`'s `paper` operation, null when there is no such paper. */
export function readPaperOp(db: Db, paperId: number): PaperOpPayload | null {
  return readerOf(db).one(paperId)
}
