import type { Statement } from 'better-sqlite3'
import type { Db } from '../../db/openLibrary'
import { titleKey } from '../../digest/titleKey'
import type { PaperTableRow } from '../../repos/papers.repo'
import type { OpOf } from '../ops'
import type { PaperKeys } from '../paperKey'
import { preparedOnce } from '../../db/preparedOnce'
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
    /** Inserts `count` papers in one statement (see `insertMany` below). */
    insertMany: new Map<number, Statement<unknown[], { id: number; title_key: string }>>(),
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
    // Ids and positions given as a JSON array of rows (numbers only), for many at once.
    addAppearances: db.prepare<[string], never>(`
      INSERT INTO digest_papers (digest_id, paper_id, position)
      SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(?)`),
    addSources: db.prepare<[string], never>(`
      INSERT OR IGNORE INTO paper_sources (paper_id, import_file_id)
      SELECT value ->> 0, value ->> 1 FROM json_each(?)`),
  }
}

const statementsOf = preparedOnce(statements)

const INSERT_COLUMNS = `title, abstract, title_key, arxiv_id, links, submitted_by, author_count,
  upvotes, authors, categories, published_at, added_at, listed_date, listed_position`
/** Papers inserted by one statement at most (14 values each). */
const INSERT_MAX = 64

/**
 * The statement inserting `count` papers at once: the full-text indexes write what one statement
 * gathered when the next one starts, so papers inserted one by one would each be written (and
 * merged) as a segment of their own.
 */
function insertMany(db: Db, s: ReturnType<typeof statements>, count: number) {
  let statement = s.insertMany.get(count)
  if (!statement) {
    const row = `(${Array.from({ length: 14 }, () => '?').join(', ')})`
    statement = db.prepare<unknown[], { id: number; title_key: string }>(
      `INSERT INTO papers (${INSERT_COLUMNS}) VALUES ${Array.from({ length: count }, () => row).join(', ')}
       RETURNING id, title_key`,
    )
    s.insertMany.set(count, statement)
  }
  return statement
}

/** A paper this library lacks, waiting to be inserted with the others of its batch. */
interface Pending {
  op: OpOf<'paper'>
  titleKey: string
  appearances: Appearance[]
}

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
  /** Papers added by flushes `apply` made, not yet counted. */
  let flushed = 0

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

  const pending: Pending[] = []
  const pendingTitles = new Set<string>()
  const pendingArxivIds = new Set<string>()

  /** Inserts the waiting papers (each in its final form), then their appearances and sources. */
  const flush = (): number => {
    const count = pending.length
    for (let from = 0; from < pending.length; from += INSERT_MAX) {
      const part = pending.slice(from, from + INSERT_MAX)
      const values: unknown[] = []
      for (const { op, titleKey: key, appearances } of part) {
        const p = op.paper
        // Its place in the list written with it: the appearances' trigger then finds it already
        // there (the newest date, the first position on it) and does not rewrite the row.
        const listed = newestOf(appearances)
        values.push(
          p.title,
          p.abstract,
          key,
          p.arxivId,
          JSON.stringify(p.links),
          p.submittedBy,
          p.authorCount,
          p.upvotes,
          JSON.stringify(p.authors),
          JSON.stringify(p.categories),
          p.publishedAt,
          p.addedAt,
          listed?.date ?? null,
          listed?.position ?? null,
        )
      }
      // Title keys are distinct among the waiting papers (one that is not waits for a flush).
      const ids = new Map<string, number>()
      for (const row of insertMany(db, s, part.length).all(...values))
        ids.set(row.title_key, row.id)
      // Their appearances (none yet: just added) and sources, each kind in one statement too.
      const added: Array<[number, number, number]> = []
      const sources: Array<[number, number]> = []
      for (const { op, titleKey: key, appearances } of part) {
        const paperId = ids.get(key)!
        for (const appearance of appearances) {
          added.push([digestId(appearance.date, appearance), paperId, appearance.position])
        }
        for (const source of op.sources) {
          sources.push([paperId, fileId(source.contentHash, source)])
        }
      }
      if (added.length > 0) s.addAppearances.run(JSON.stringify(added))
      if (sources.length > 0) s.addSources.run(JSON.stringify(sources))
    }
    pending.length = 0
    pendingTitles.clear()
    pendingArxivIds.clear()
    return count
  }

  return {
    /**
     * Applies one paper operation: a paper this library lacks waits to be inserted with the
     * others of the batch (`flush`, before anything reads papers).
     */
    apply(op: OpOf<'paper'>): void {
      const key = { arxivId: op.paper.arxivId, titleKey: titleKey(op.paper.title) }
      // The same paper as one waiting (or perhaps so): that one is inserted first.
      if (
        pendingTitles.has(key.titleKey) ||
        (key.arxivId !== null && pendingArxivIds.has(key.arxivId))
      ) {
        flushed += flush()
      }
      const paperId = paperKeys.find(key)
      if (paperId === null) {
        pending.push({ op, titleKey: key.titleKey, appearances: oncePerDate(op.appearances) })
        pendingTitles.add(key.titleKey)
        if (key.arxivId !== null) pendingArxivIds.add(key.arxivId)
        return
      }
      const local = fieldsOf(s.row.get(paperId)!)
      const joined = joinPaper(local, op.paper)
      if (!samePaper(joined, local)) writeJoined(paperId, local, joined)
      for (const appearance of oncePerDate(op.appearances)) {
        const digest = digestId(appearance.date, appearance)
        const position = s.position.get(digest, paperId)
        if (position === undefined) s.addAppearance.run(digest, paperId, appearance.position)
        else if (appearance.position < position) {
          s.removeAppearance.run(digest, paperId)
          s.addAppearance.run(digest, paperId, appearance.position)
        }
      }
      for (const source of op.sources) {
        s.addSource.run(paperId, fileId(source.contentHash, source))
      }
    },
    /** Inserts the papers waiting; how many papers were added since the last call. */
    flush(): number {
      const added = flushed + flush()
      flushed = 0
      return added
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

/** The appearance the paper list places a paper by: the newest date, the smallest position. */
function newestOf(appearances: readonly Appearance[]): Appearance | undefined {
  let newest: Appearance | undefined
  for (const appearance of appearances) {
    if (
      !newest ||
      appearance.date > newest.date ||
      (appearance.date === newest.date && appearance.position < newest.position)
    ) {
      newest = appearance
    }
  }
  return newest
}

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
