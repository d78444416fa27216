import type { SourceKind } from '../../../../shared/models'
import type { OpOf } from '../ops'

/**
 * How two devices' views of one paper meet: each field joins in a semilattice (commutative,
 * associative, idempotent), so every device reaches the same paper whatever order the operations
 * arrive in and however often. Absent (null) is below any value.
 */
export type PaperFields = OpOf<'paper'>['paper']

/** What a digest row says of where it came from. */
export interface DigestOrigin {
  sourceFile: string
  contentHash: string
  importedAt: number
}

/** What an import_files row says of a file. */
export interface ImportFileFacts {
  fileName: string
  importedAt: number
  source: SourceKind
}

const smaller = (a: string, b: string): string => (a <= b ? a : b)

/** The longer text; of two as long, the smaller by code units. */
function longerText(a: string, b: string): string {
  if (a.length !== b.length) return a.length > b.length ? a : b
  return smaller(a, b)
}

function present<T>(a: T | null, b: T | null, both: (a: T, b: T) => T): T | null {
  if (a === null) return b
  if (b === null) return a
  return both(a, b)
}

/** The longer list; of two as long, the one whose JSON is smaller. */
function longerList(a: readonly string[], b: readonly string[]): string[] {
  if (a.length !== b.length) return [...(a.length > b.length ? a : b)]
  return [...(JSON.stringify(a) <= JSON.stringify(b) ? a : b)]
}

/**
 * Links: the same list stays as it is (its order is the abstract's); different lists become
 * their union, sorted. (Two lists equal only as sets are sorted too: keeping either order would
 * depend on which device joins, and the devices must agree.)
 */
function joinLinks(a: readonly string[], b: readonly string[]): string[] {
  if (a.length === b.length && a.every((link, i) => link === b[i])) return [...a]
  return [...new Set([...a, ...b])].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0))
}

/** The join of two views of one paper. */
export function joinPaper(a: PaperFields, b: PaperFields): PaperFields {
  return {
    arxivId: present(a.arxivId, b.arxivId, smaller),
    title: longerText(a.title, b.title),
    abstract: longerText(a.abstract, b.abstract),
    links: joinLinks(a.links, b.links),
    submittedBy: present(a.submittedBy, b.submittedBy, smaller),
    authorCount: present(a.authorCount, b.authorCount, Math.max),
    upvotes: present(a.upvotes, b.upvotes, Math.max),
    authors: longerList(a.authors, b.authors),
    categories: longerList(a.categories, b.categories),
    publishedAt: present(a.publishedAt, b.publishedAt, smaller),
    addedAt: Math.min(a.addedAt, b.addedAt),
  }
}

/** Whether two views of a paper say the same (so nothing needs writing). */
export function samePaper(a: PaperFields, b: PaperFields): boolean {
  return (
    a.arxivId === b.arxivId &&
    a.title === b.title &&
    a.abstract === b.abstract &&
    sameList(a.links, b.links) &&
    a.submittedBy === b.submittedBy &&
    a.authorCount === b.authorCount &&
    a.upvotes === b.upvotes &&
    sameList(a.authors, b.authors) &&
    sameList(a.categories, b.categories) &&
    a.publishedAt === b.publishedAt &&
    a.addedAt === b.addedAt
  )
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((item, i) => item === b[i])

/** A digest's origin: the smallest [importedAt, sourceFile, contentHash], as one. */
export function joinDigestOrigin(a: DigestOrigin, b: DigestOrigin): DigestOrigin {
  if (a.importedAt !== b.importedAt) return a.importedAt < b.importedAt ? a : b
  if (a.sourceFile !== b.sourceFile) return a.sourceFile < b.sourceFile ? a : b
  return a.contentHash <= b.contentHash ? a : b
}

/** A file imported (same content hash) on two devices: the first import and the smaller name. */
export function joinImportFile(a: ImportFileFacts, b: ImportFileFacts): ImportFileFacts {
  return {
    fileName: smaller(a.fileName, b.fileName),
    importedAt: Math.min(a.importedAt, b.importedAt),
    source: smaller(a.source, b.source) as SourceKind,
  }
}

/**
 * A JSON list column (links, authors, categories, a note version's parents); anything else stored
 * there reads as none.
 */
export function listColumn(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json)
    return Array.isArray(value)
      ? value.filter((item): item is string => typeof item === 'string')
      : []
  } catch {
    return []
  }
}
