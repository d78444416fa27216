import type { Db } from '../../db/openLibrary'
import { titleKey } from '../../digest/titleKey'
import type { PaperTableRow } from '../../repos/papers.repo'
import type { OpOf } from '../ops'
import type { PaperKeys } from '../paperKey'
import { preparedOnce } from '../preparedOnce'
import {
  joinDigestOrigin,
  joinImportFile,
  joinPaper,
  listColumn,
  samePaper,
  type DigestOrigin,
  type ImportFileFacts,
  type PaperFields,
} from './paperJoin'

/** The columns of a paper that a `paper` operation carries. */
type PaperRow = Omit<PaperTableRow, 'id' | 'status'>

const fieldsOf = (row: PaperRow): PaperFields => ({
  arxivId: row.arxiv_id,
  title: row.title,
  abstract: row.abstract,
  links: listColumn(row.links),
  submittedBy: row.submitted_by,
  authorCount: row.author_count,
  upvotes: row.upvotes,
  authors: listColumn(row.authors),
  categories: listColumn(row.categories),
  publishedAt: row.published_at,
  addedAt: row.added_at,
})

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((item, i) => item === b[i])

function statements(db: Db) {
  return {
    row: db.prepare<[number], PaperRow>(`
      SELECT arxiv_id, title, abstract, links, submitted_by, author_count, upvotes, authors,
        categories, published_at, added_at FROM papers WHERE id = ?`),
    insert: db.prepare<
      [
        {
          title: string
          abstract: string
          titleKey: string
          arxivId: string | null
          links: string
          submittedBy: string | null
          authorCount: number | null
          upvotes: number | null
          authors: string
          categories: string
          publishedAt: string | null
          addedAt: number
        },
      ],
      never
    >(`
      INSERT INTO papers (title, abstract, title_key, arxiv_id, links, submitted_by, author_count,
        upvotes, authors, categories, published_at, added_at)
      VALUES (@title, @abstract, @titleKey, @arxivId, @links, @submittedBy, @authorCount,
        @upvotes, @authors, @categories, @publishedAt, @addedAt)`),
    // One statement per group of columns, so only the indexes of what changed are touched
    // (the search index follows title and abstract, the people index authors, …).
    setText: db.prepare<[string, string, string, number], never>(
      'UPDATE papers SET title = ?, abstract = ?, title_key = ? WHERE id = ?',
    ),
    setAuthors: db.prepare<[string, number], never>('UPDATE papers SET authors = ? WHERE id = ?'),
    setCategories: db.prepare<[string, number], never>(
      'UPDATE papers SET categories = ? WHERE id = ?',
    ),
    setFacts: db.prepare<
      [
        string | null,
        string,
        string | null,
        number | null,
        number | null,
        string | null,
        number,
        number,
      ],
      never
    >(`
      UPDATE papers SET arxiv_id = ?, links = ?, submitted_by = ?, author_count = ?, upvotes = ?,
        published_at = ?, added_at = ? WHERE id = ?`),
    digest: db.prepare<
      [string],
      { id: number; source_file: string; content_hash: string; imported_at: number }
    >('SELECT id, source_file, content_hash, imported_at FROM digests WHERE date = ?'),
    insertDigest: db.prepare<[string, string, string, number], never>(
      'INSERT INTO digests (date, source_file, content_hash, imported_at) VALUES (?, ?, ?, ?)',
    ),
    setDigest: db.prepare<[string, string, number, number], never>(
      'UPDATE digests SET source_file = ?, content_hash = ?, imported_at = ? WHERE id = ?',
    ),
    position: db
      .prepare<[number, number], number>(
        'SELECT position FROM digest_papers WHERE digest_id = ? AND paper_id = ?',
      )
      .pluck(),
    addAppearance: db.prepare<[number, number, number], never>(
      'INSERT INTO digest_papers (digest_id, paper_id, position) VALUES (?, ?, ?)',
    ),
    // Deleted and inserted again, so the list-order triggers (insert and delete) see the move.
    removeAppearance: db.prepare<[number, number], never>(
      'DELETE FROM digest_papers WHERE digest_id = ? AND paper_id = ?',
    ),
    file: db.prepare<
      [string],
      { id: number; file_name: string; imported_at: number; source: ImportFileFacts['source'] }
    >('SELECT id, file_name, imported_at, source FROM import_files WHERE content_hash = ?'),
    insertFile: db.prepare<[string, string, number, string], never>(
      'INSERT INTO import_files (file_name, content_hash, imported_at, source) VALUES (?, ?, ?, ?)',
    ),
    setFile: db.prepare<[string, number, string, number], never>(
      'UPDATE import_files SET file_name = ?, imported_at = ?, source = ? WHERE id = ?',
    ),
    addSource: db.prepare<[number, number], never>(
      'INSERT OR IGNORE INTO paper_sources (paper_id, import_file_id) VALUES (?, ?)',
    ),
  }
}

const statementsOf = preparedOnce(statements)

/**
 * Applies `paper` operations: the paper found by the importer's keys (else added) and joined
 * with the operation field by field; its appearances and sources joined the same way. One
 * applier per batch: it remembers digests and files it met, so a snapshot of 100,000 papers
 * from a few hundred digests reads each digest once.
 */
export function createPaperApplier(db: Db, paperKeys: PaperKeys) {
  const s = statementsOf(db)
  const digests = new Map<string, { id: number; origin: DigestOrigin }>()
  const files = new Map<string, { id: number; facts: ImportFileFacts }>()

  const digestId = (date: string, origin: DigestOrigin): number => {
    let digest = digests.get(date)
    if (!digest) {
      const row = s.digest.get(date)
      if (row) {
        digest = {
          id: row.id,
          origin: {
            sourceFile: row.source_file,
            contentHash: row.content_hash,
            importedAt: row.imported_at,
          },
        }
      } else {
        const id = Number(
          s.insertDigest.run(date, origin.sourceFile, origin.contentHash, origin.importedAt)
            .lastInsertRowid,
        )
        digest = { id, origin }
      }
      digests.set(date, digest)
    }
    const joined = joinDigestOrigin(digest.origin, origin)
    if (joined !== digest.origin) {
      const same =
        joined.sourceFile === digest.origin.sourceFile &&
        joined.contentHash === digest.origin.contentHash &&
        joined.importedAt === digest.origin.importedAt
      if (!same)
        s.setDigest.run(joined.sourceFile, joined.contentHash, joined.importedAt, digest.id)
      digest.origin = joined
    }
    return digest.id
  }

  const fileId = (contentHash: string, facts: ImportFileFacts): number => {
    let file = files.get(contentHash)
    if (!file) {
      const row = s.file.get(contentHash)
      if (row) {
        file = {
          id: row.id,
          facts: { fileName: row.file_name, importedAt: row.imported_at, source: row.source },
        }
      } else {
        const id = Number(
          s.insertFile.run(facts.fileName, contentHash, facts.importedAt, facts.source)
            .lastInsertRowid,
        )
        file = { id, facts }
      }
      files.set(contentHash, file)
    }
    const joined = joinImportFile(file.facts, facts)
    if (
      joined.fileName !== file.facts.fileName ||
      joined.importedAt !== file.facts.importedAt ||
      joined.source !== file.facts.source
    ) {
      s.setFile.run(joined.fileName, joined.importedAt, joined.source, file.id)
      file.facts = joined
    }
    return file.id
  }

  return {
    /** Applies one paper operation; whether it added the paper. */
    apply(op: OpOf<'paper'>): { paperId: number; added: boolean } {
      const key = { arxivId: op.paper.arxivId, titleKey: titleKey(op.paper.title) }
      let paperId = paperKeys.find(key)
      let added = false
      if (paperId === null) {
        const p = op.paper
        paperId = Number(
          s.insert.run({
            title: p.title,
            abstract: p.abstract,
            titleKey: key.titleKey,
            arxivId: p.arxivId,
            links: JSON.stringify(p.links),
            submittedBy: p.submittedBy,
            authorCount: p.authorCount,
            upvotes: p.upvotes,
            authors: JSON.stringify(p.authors),
            categories: JSON.stringify(p.categories),
            publishedAt: p.publishedAt,
            addedAt: p.addedAt,
          }).lastInsertRowid,
        )
        added = true
      } else {
        const local = fieldsOf(s.row.get(paperId)!)
        const joined = joinPaper(local, op.paper)
        if (!samePaper(joined, local)) writeJoined(paperId, local, joined)
      }
      for (const appearance of oncePerDate(op.appearances)) {
        const digest = digestId(appearance.date, appearance)
        // A paper just added has no appearances yet.
        const position = added ? undefined : s.position.get(digest, paperId)
        if (position === undefined) s.addAppearance.run(digest, paperId, appearance.position)
        else if (appearance.position < position) {
          s.removeAppearance.run(digest, paperId)
          s.addAppearance.run(digest, paperId, appearance.position)
        }
      }
      for (const source of op.sources) {
        s.addSource.run(paperId, fileId(source.contentHash, source))
      }
      return { paperId, added }
    },
  }

  function writeJoined(id: number, local: PaperFields, joined: PaperFields) {
    if (joined.title !== local.title || joined.abstract !== local.abstract) {
      s.setText.run(joined.title, joined.abstract, titleKey(joined.title), id)
    }
    if (!sameList(joined.authors, local.authors))
      s.setAuthors.run(JSON.stringify(joined.authors), id)
    if (!sameList(joined.categories, local.categories)) {
      s.setCategories.run(JSON.stringify(joined.categories), id)
    }
    if (
      joined.arxivId !== local.arxivId ||
      !sameList(joined.links, local.links) ||
      joined.submittedBy !== local.submittedBy ||
      joined.authorCount !== local.authorCount ||
      joined.upvotes !== local.upvotes ||
      joined.publishedAt !== local.publishedAt ||
      joined.addedAt !== local.addedAt
    ) {
      s.setFacts.run(
        joined.arxivId,
        JSON.stringify(joined.links),
        joined.submittedBy,
        joined.authorCount,
        joined.upvotes,
        joined.publishedAt,
        joined.addedAt,
        id,
      )
    }
  }
}
export type PaperApplier = ReturnType<typeof createPaperApplier>

type Appearance = OpOf<'paper'>['appearances'][number]

/**
 * One appearance per date (a paper is in a digest once): a forged operation naming a date twice
 * gives the smaller position and the first origin, joined as two operations would be.
 */
function oncePerDate(appearances: readonly Appearance[]): Appearance[] {
  const byDate = new Map<string, Appearance>()
  for (const appearance of appearances) {
    const other = byDate.get(appearance.date)
    if (!other) byDate.set(appearance.date, appearance)
    else {
      byDate.set(appearance.date, {
        ...joinDigestOrigin(other, appearance),
        date: appearance.date,
        position: Math.min(other.position, appearance.position),
      })
    }
  }
  return [...byDate.values()]
}
