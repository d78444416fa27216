import { setImmediate as nextTurn } from 'node:timers/promises'
import { isMarginError } from '../../../shared/errors'
import type { FileImportReport, ImportedDigest, ImportReport } from '../../../shared/models'
import type { Db } from '../db/openLibrary'
import { resolveDigestDate } from '../digest/dates'
import type { ParsedDigest, ParsedPaper } from '../digest/parseDigest'
import { titleKey } from '../digest/titleKey'
import type { DigestsRepo } from '../repos/digests.repo'
import type { ImportFilesRepo } from '../repos/importFiles.repo'
import type { PapersRepo } from '../repos/papers.repo'
import type { SnapshotRepo } from '../repos/snapshot.repo'
import { type BulkWrite, withBulkIndexing } from '../search/bulkIndexing'
import { readDigest, type DigestSource } from './digestSource'
import { isLibraryExport, loadExportSource } from './libraryExport'

export interface ImportOptions {
  /** The year for dates the digest writes without one. */
  year?: number | undefined
  /** Called after each file, for progress. */
  onFile?: ((done: number, total: number, report: FileImportReport) => void) | undefined
}

export interface ImportDeps {
  db: Db
  papers: PapersRepo
  digests: DigestsRepo
  importFiles: ImportFilesRepo
  snapshots: SnapshotRepo
  now: () => number
}

/**
 * The run's Margin JSON exports first (each loads only into an empty library, so the order the
 * files came in, a drop's for one, does not decide which loads), then its digests; each with
 * its index in `sources`, for reports in the order given.
 */
function inOrder(sources: readonly DigestSource[]) {
  const indexed = sources.map((source, index) => ({ source, index }))
  const isExport = indexed.map(({ source }) => isLibraryExport(source))
  return {
    exports: indexed.filter((_, i) => isExport[i]),
    digests: indexed.filter((_, i) => !isExport[i]),
  }
}

/**
 * What importing `sources` would do, file by file, writing nothing: the import runs in one
 * transaction that is rolled back, so the report is exactly the real one (a paper the first
 * file adds counts as present for the second).
 */
export function previewDigests(
  deps: ImportDeps,
  sources: readonly DigestSource[],
  options: Pick<ImportOptions, 'year'> = {},
): ImportReport {
  const files: FileImportReport[] = []
  const { exports, digests } = inOrder(sources)
  const rollBack = new Error('preview: roll back')
  try {
    deps.db.transaction(() => {
      for (const { source, index } of exports) files[index] = loadExport(deps, source)
      for (const { source, index } of digests) {
        files[index] = importOne(deps, source, options.year)
      }
      throw rollBack
    })()
  } catch (error) {
    if (error !== rollBack) throw error
  }
  return { files }
}

function loadExport(deps: ImportDeps, source: DigestSource): FileImportReport {
  return loadExportSource(deps.db, deps.snapshots, source)
}

const NOTHING_WRITTEN = new Error('every file of the slice failed')

/**
 * How long one commit may take, its files and their indexing together: few commits make
 * imports fast, short ones keep the app live.
 */
const COMMIT_SLICE_MS = 200

/**
 * Imports each source on its own: all of a file or none of it (a savepoint per file); one bad
 * file never stops the rest. Files are committed together in short time slices, yielding to
 * the event loop between slices so progress reaches the window and other requests are served.
 * A Margin JSON export among them loads first, as import-json loads it (libraryExport.ts).
 */
export async function importDigests(
  deps: ImportDeps,
  sources: readonly DigestSource[],
  options: ImportOptions = {},
): Promise<ImportReport> {
  const { exports, digests } = inOrder(sources)
  const reports: FileImportReport[] = []
  // An export is one transaction of its own, as import-json's.
  for (const { source } of exports) {
    const report = loadExport(deps, source)
    reports.push(report)
    options.onFile?.(reports.length, sources.length, report)
    await nextTurn()
  }
  const rest = digests.map(({ source }) => source)
  let done = 0
  // Indexing and committing a slice's papers takes about as long again as writing them, this
  // much of it by the last slice: the files stop in time for the whole slice to fit.
  let tailPerWriteMs = 1
  const failSlice = (sliceStart: number, error: unknown) => {
    // The commit failed: nothing of this slice was stored (at least the file it began with).
    done = Math.max(done, sliceStart + 1)
    const lost = rest.slice(sliceStart, done)
    reports.splice(
      exports.length + sliceStart,
      Infinity,
      ...lost.map((source) => failure(source, error)),
    )
  }
  while (done < rest.length) {
    const sliceStart = done
    const startedAt = performance.now()
    let written = startedAt
    try {
      deps.db
        .transaction(() =>
          withBulkIndexing(deps.db, (bulk) => {
            const deadline = startedAt + COMMIT_SLICE_MS / (1 + tailPerWriteMs)
            do {
              const report = importOne(deps, rest[done]!, options.year, bulk)
              reports.push(report)
              done++
              options.onFile?.(reports.length, sources.length, report)
            } while (done < rest.length && performance.now() < deadline)
            written = performance.now()
            // A slice of files that all failed wrote nothing: its transaction is not even
            // committed, so the library file stays as it was, byte for byte.
            if (reports.slice(exports.length + sliceStart).every((report) => !report.ok)) {
              throw NOTHING_WRITTEN
            }
          }),
        )
        .immediate()
      tailPerWriteMs = (performance.now() - written) / Math.max(written - startedAt, 1)
    } catch (error) {
      if (error !== NOTHING_WRITTEN) failSlice(sliceStart, error)
    }
    await nextTurn()
  }

  deps.db.pragma('wal_checkpoint(PASSIVE)')
  const files: FileImportReport[] = []
  for (const [i, { index }] of [...exports, ...digests].entries()) files[index] = reports[i]!
  return { files }
}

/**
 * Imports one answer a subscription fetched (its parser given with it), all or nothing: the
 * report, and the ids of the papers it added (not those it merged), for the rules.
 */
export function importFetched(
  deps: ImportDeps,
  source: DigestSource,
): { report: FileImportReport; addedIds: number[] } {
  return importTracked(deps, source, undefined)
}

function importOne(
  deps: ImportDeps,
  source: DigestSource,
  year: number | undefined,
  bulk?: BulkWrite,
): FileImportReport {
  return importTracked(deps, source, year, bulk).report
}

function importTracked(
  deps: ImportDeps,
  source: DigestSource,
  year: number | undefined,
  bulk?: BulkWrite,
) {
  try {
    const { contentHash, digest } = readDigest(source)
    // A file not imported before may add papers: said before its savepoint (bulkIndexing.ts).
    // One imported before, or one that fails to read, leaves the library as it was.
    const previousImport = deps.importFiles.idOf(contentHash)
    if (bulk && previousImport === null) bulk.addingPapers()
    const { addedIds, ...counts } = writeDigest(deps, digest, {
      fileName: source.fileName,
      contentHash,
      year,
      previousImport,
    })
    const report: FileImportReport = {
      file: source.name,
      ok: true,
      source: digest.source,
      ...counts,
    }
    return { report, addedIds }
  } catch (error) {
    return { report: failure(source, error), addedIds: [] }
  }
}

function failure(source: DigestSource, error: unknown): FileImportReport {
  const { code, message } = isMarginError(error)
    ? error
    : {
        code: 'WRITE_FAILED',
        message: `the library could not store it (${String(error)}); nothing was written.`,
      }
  return { file: source.name, ok: false, error: { code, message: `${source.name}: ${message}` } }
}

interface Source {
  fileName: string
  contentHash: string
  year: number | undefined
  /** The id of the same content's earlier import, or null. */
  previousImport: number | null
}

function writeDigest(deps: ImportDeps, digest: ParsedDigest, source: Source) {
  const { db, papers, digests, importFiles } = deps
  return db.transaction(() => {
    const now = deps.now()
    const { previousImport } = source
    const alreadyImported = previousImport !== null
    const fileId =
      previousImport ?? importFiles.record(source.fileName, source.contentHash, now, digest.source)
    const seen = new Map<number, 'added' | 'present'>()
    const imported: ImportedDigest[] = []
    for (const section of digest.sections) {
      const date = resolveDigestDate(section.date, new Date(now), source.year)
      const digestId =
        digests.findIdByDate(date) ??
        digests.insert({
          date,
          sourceFile: source.fileName,
          contentHash: source.contentHash,
          importedAt: now,
        })
      // Each paper listed once, after the papers the digest lists already: written in one
      // statement per section (and a file's sources in one), not one per paper.
      const listing = digests.listing(digestId)
      const appended: Array<[number, number]> = []
      for (const parsed of section.papers) {
        const position = listing.next + appended.length
        const { id, added } = findOrAddPaper(papers, parsed, { now, date, position })
        if (!seen.has(id)) seen.set(id, added ? 'added' : 'present')
        if (!listing.paperIds.has(id)) {
          listing.paperIds.add(id)
          appended.push([id, position])
        }
      }
      digests.addAppearances(digestId, appended)
      imported.push({ date, papers: section.papers.length })
    }
    importFiles.addPaperSources([...seen.keys()], fileId)
    const addedIds = [...seen].flatMap(([id, outcome]) => (outcome === 'added' ? [id] : []))
    return {
      digests: imported,
      added: addedIds.length,
      alreadyPresent: seen.size - addedIds.length,
      alreadyImported,
      addedIds,
    }
  })()
}

/** Where a paper added now appears: the digest's date and its position there. */
interface Appearance {
  now: number
  date: string
  position: number
}

function findOrAddPaper(papers: PapersRepo, parsed: ParsedPaper, at: Appearance) {
  const key = titleKey(parsed.title)
  const existing =
    (parsed.arxivId !== null ? papers.findIdByArxivId(parsed.arxivId) : null) ??
    matchByTitle(papers, key, parsed.arxivId)
  if (existing !== null) {
    if (hasMeta(parsed)) papers.fillMissingMeta(existing, parsed)
    return { id: existing, added: false }
  }
  const paper = {
    ...parsed,
    titleKey: key,
    addedAt: at.now,
    listedDate: at.date,
    listedPosition: at.position,
  }
  return { id: papers.insert(paper), added: true }
}

/** The same title is the same paper, unless both carry different arXiv ids. */
function matchByTitle(papers: PapersRepo, key: string, arxivId: string | null): number | null {
  const match = papers.findByTitleKey(key)
  if (!match) return null
  return arxivId !== null && match.arxiv_id !== null && match.arxiv_id !== arxivId ? null : match.id
}

function hasMeta(paper: ParsedPaper): boolean {
  return (
    [paper.arxivId, paper.submittedBy, paper.authorCount, paper.upvotes, paper.publishedAt].some(
      (v) => v !== null,
    ) ||
    paper.authors.length > 0 ||
    paper.categories.length > 0
  )
}
