import { MarginError } from '../../shared/errors'
import type {
  DigestSummary,
  Paper,
  PaperDetail,
  PaperSummary,
  ReadingStatus,
  StatusCounts,
  TagCount,
} from '../../shared/models'
import { openLibraryDb, type Db } from './db/openLibrary'
import { exportLibrary, type ExportFormat, type ExportOptions } from './export/exportLibrary'
import { loadLibraryJson } from './export/loadLibraryJson'
import { snapshotFromRows } from './export/snapshotRows'
import { bytesSource, fileSource } from './import/digestSource'
import { importDigests, type ImportOptions } from './import/importDigests'
import { toDigestSummary, toPaper, toPaperDetail, toPaperSummary, toStatusCounts } from './paperDto'
import { createDigestsRepo } from './repos/digests.repo'
import { createImportFilesRepo } from './repos/importFiles.repo'
import { createNotesRepo } from './repos/notes.repo'
import { createPapersRepo, type PaperFilter } from './repos/papers.repo'
import { createSnapshotRepo } from './repos/snapshot.repo'
import { createStatusHistoryRepo } from './repos/statusHistory.repo'
import { createTagsRepo } from './repos/tags.repo'

export interface LibraryOptions {
  /** Milliseconds since the epoch; tests pass a fixed clock. */
  now?: () => number
  /** The better-sqlite3 addon to load instead of node_modules' (the app's Electron build). */
  nativeBinding?: string
}

export type Library = ReturnType<typeof createLibrary>

/** Opens the library in `dir`: the one entry point the CLI and the app share. */
export function openLibrary(dir: string, options: LibraryOptions = {}): Library {
  return createLibrary(openLibraryDb(dir, undefined, options.nativeBinding), options)
}

export function createLibrary(db: Db, { now = Date.now }: LibraryOptions = {}) {
  const papers = createPapersRepo(db)
  const digests = createDigestsRepo(db)
  const importFiles = createImportFilesRepo(db)
  const history = createStatusHistoryRepo(db)
  const notes = createNotesRepo(db)
  const tags = createTagsRepo(db)
  const snapshots = createSnapshotRepo(db)
  const importDeps = { db, papers, digests, importFiles, now }

  const requirePaper = (id: number) => {
    const row = papers.get(id)
    if (!row) throw new MarginError('NOT_FOUND', `There is no paper with id ${id}.`)
    return row
  }
  const detail = (id: number): PaperDetail => toPaperDetail(requirePaper(id), history.forPaper(id))

  return {
    db,
    importFiles: (paths: readonly string[], options?: ImportOptions) =>
      importDigests(importDeps, paths.map(fileSource), options),

    /** Imports files the app received as bytes (picked or dropped in the window). */
    importContents: (
      files: ReadonlyArray<{ name: string; data: Uint8Array }>,
      options?: ImportOptions,
    ) =>
      importDigests(
        importDeps,
        files.map((file) => bytesSource(file.name, file.data)),
        options,
      ),

    listPapers: (filter: PaperFilter = {}): Paper[] => papers.list(filter).map(toPaper),

    /** The paper list of the app: the same order and filter, without abstracts. */
    listPaperSummaries: (filter: PaperFilter = {}): PaperSummary[] =>
      papers.summaries(filter).map(toPaperSummary),

    listDigests: (): DigestSummary[] => digests.summaries().map(toDigestSummary),

    statusCounts: (): StatusCounts => toStatusCounts(papers.statusCounts()),

    tagCounts: (): TagCount[] => tags.counts(),

    getPaper: detail,

    /** Records the change in the history; setting the current status again changes nothing. */
    setStatus: (id: number, status: ReadingStatus): PaperDetail => {
      db.transaction(() => {
        const from = requirePaper(id).status
        if (from === status) return
        papers.setStatus(id, status)
        history.record(id, from, status, now())
      })()
      return detail(id)
    },

    /** An empty (or all-white-space) note removes the note. */
    saveNote: (id: number, body: string): PaperDetail => {
      db.transaction(() => {
        requirePaper(id)
        if (body.trim() === '') notes.remove(id)
        else notes.save(id, body, now())
      })()
      return detail(id)
    },

    addTags: (id: number, names: readonly string[]): PaperDetail => {
      const clean = names.map(validTagName)
      db.transaction(() => {
        requirePaper(id)
        for (const name of clean) tags.attach(id, name)
      })()
      return detail(id)
    },

    removeTags: (id: number, names: readonly string[]): PaperDetail => {
      db.transaction(() => {
        requirePaper(id)
        for (const name of names) tags.detach(id, name.trim())
      })()
      return detail(id)
    },

    /** Markdown (`outPath` is a folder), JSON, CSV or BibTeX of the papers the options select. */
    exportLibrary: (format: ExportFormat, outPath: string, options?: ExportOptions) =>
      exportLibrary(
        {
          papers: (filter) => papers.list(filter).map((row) => detail(row.id)),
          digestDates: () => digests.summaries().map((digest) => digest.date),
          snapshot: () => snapshotFromRows(snapshots.read()),
        },
        format,
        outPath,
        options,
      ),

    /** Loads a Margin JSON export; this library must be empty. */
    importLibraryJson: (path: string) => loadLibraryJson(db, snapshots, path),

    close: () => db.close(),
  }
}

const MAX_TAG_LENGTH = 64

function validTagName(name: string): string {
  const clean = name.normalize('NFC').replace(/\s+/g, ' ').trim()
  if (clean === '' || clean.length > MAX_TAG_LENGTH || /\p{Cc}/u.test(clean)) {
    throw new MarginError(
      'INVALID_ARGUMENT',
      `"${name}" is not a tag: a tag is 1 to ${MAX_TAG_LENGTH} printable characters.`,
    )
  }
  return clean
}
