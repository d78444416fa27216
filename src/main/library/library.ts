import { MarginError } from '../../shared/errors'
import type {
  DigestSummary,
  Paper,
  PaperDetail,
  PaperListResult,
  PaperSummary,
  ReadingStats,
  ReadingStatus,
  SearchAnswer,
  StatusAssignment,
  StatusCounts,
} from '../../shared/models'
import { dirname } from 'node:path'
import { backupLibrary, checkDatabase } from './backup/backups'
import { openLibraryDbRecovering, recoveryNotice, type Recovery } from './backup/recovery'
import { cloudSyncWarning } from './cloudSync'
import { openLibraryDb, type Db, type OpenOptions } from './db/openLibrary'
import { lockLibrary } from './lock'
import { exportLibrary, type ExportFormat, type ExportOptions } from './export/exportLibrary'
import { loadLibraryJson } from './export/loadLibraryJson'
import { snapshotFromRows } from './export/snapshotRows'
import { createHighlightsLibrary } from './highlights/highlightsLibrary'
import { createAnnotationsLibrary } from './annotations/annotationsLibrary'
import { createAnnotationPlacement } from './annotations/placement'
import { bytesSource, fileSource } from './import/digestSource'
import {
  importDigests,
  importFetched,
  previewDigests,
  type ImportOptions,
} from './import/importDigests'
import { toDigestSummary, toPaper, toPaperDetail, toPaperSummary, toStatusCounts } from './paperDto'
import { createDigestsRepo } from './repos/digests.repo'
import { createHighlightsRepo } from './repos/highlights.repo'
import { createImportFilesRepo } from './repos/importFiles.repo'
import { createNotesRepo } from './repos/notes.repo'
import { createPapersRepo, type PaperFilter } from './repos/papers.repo'
import { createSavedSearchesRepo } from './repos/savedSearches.repo'
import { createSnapshotRepo } from './repos/snapshot.repo'
import { createStatusHistoryRepo } from './repos/statusHistory.repo'
import { createTagsRepo } from './repos/tags.repo'
import { createSavedSearchesLibrary } from './search/savedSearchesLibrary'
import { createSearch, type SearchScope } from './search/search'
import { createTagsLibrary } from './tags/tagsLibrary'
import { computeReadingStats } from './stats/readingStats'
import { createPdfLibrary } from './files/pdfLibrary'
import type { ExtractionLimits } from './files/extractionWorker'
import { arxivBaseUrl, createDownloadQueue } from './files/downloadQueue'
import { createHttpClient, realSleep, type Sleep } from './net/httpClient'
import { createValidatorsRepo } from './net/validators.repo'
import { createRules } from './subscriptions/rules'
import { hfBaseUrl } from './subscriptions/hfDailyFetcher'
import { createSubscriptionsLibrary } from './subscriptions/subscriptionsLibrary'
import { createSyncLibrary } from './sync/syncLibrary'

/** Rows of a list sent with its ids: more than a tall window shows. */
const FIRST_PAGE_SIZE = 50

export interface LibraryOptions {
  /** Milliseconds since the epoch; tests pass a fixed clock. */
  now?: () => number
  /** Told before an update of the library's format starts (it takes a while on a large one). */
  onUpdate?: OpenOptions['onUpdate']
  /** Hold the library against other apps until close (the desktop app does). */
  exclusive?: boolean
  /**
   * Set a damaged library aside and restore the newest good backup (the desktop app does): when
   * it cannot be opened, or when the check after the last start (checkOpenLibrary) found damage.
   */
  recover?: boolean
  /** Limits of PDF text extraction per file (time, memory); tests pass small ones. */
  extractionLimits?: ExtractionLimits
  /** The network of PDF downloads and subscriptions; tests pass a fake fetch and sleep (with `now`). */
  fetch?: typeof globalThis.fetch
  sleep?: Sleep
  /** Where PDFs are downloaded from: default MARGIN_ARXIV_BASE_URL, else https://export.arxiv.org. */
  arxivBaseUrl?: string
  /** Where hf-daily subscriptions fetch from: default MARGIN_HF_BASE_URL, else https://huggingface.co. */
  hfBaseUrl?: string
}

export type Library = ReturnType<typeof createLibrary>

/** Opens the library in `dir`: the one entry point the CLI and the app share. */
export function openLibrary(dir: string, options: LibraryOptions = {}): Library {
  const release = options.exclusive ? lockLibrary(dir) : () => {}
  try {
    const open = { onUpdate: options.onUpdate }
    const { db, recovery } = options.recover
      ? openLibraryDbRecovering(dir, () => new Date(options.now?.() ?? Date.now()), open)
      : { db: openLibraryDb(dir, undefined, open), recovery: null }
    return createLibrary(db, { ...options, onClose: release, recovery })
  } catch (error) {
    release()
    throw error
  }
}

/** Files the app received as bytes (picked or dropped in the window), as digest sources. */
const received = (files: ReadonlyArray<{ name: string; data: Uint8Array }>) =>
  files.map((file) => bytesSource(file.name, file.data))

export function createLibrary(
  db: Db,
  {
    now = Date.now,
    onClose = () => {},
    recovery = null,
    extractionLimits,
    fetch,
    sleep,
    arxivBaseUrl: baseUrl = arxivBaseUrl(),
    hfBaseUrl: hfUrl = hfBaseUrl(),
  }: LibraryOptions & { onClose?: () => void; recovery?: Recovery | null } = {},
) {
  const papers = createPapersRepo(db)
  const digests = createDigestsRepo(db)
  const importFiles = createImportFilesRepo(db)
  const history = createStatusHistoryRepo(db)
  const notes = createNotesRepo(db)
  const tags = createTagsRepo(db)
  const snapshots = createSnapshotRepo(db)
  const highlights = createHighlightsRepo(db)
  const savedSearches = createSavedSearchesRepo(db)
  const search = createSearch(db)
  const importDeps = { db, papers, digests, importFiles, snapshots, now }
  const indexed = <T>(result: T): T => {
    search.indexChanged()
    return result
  }

  /** Summaries as the list of `filter` (and search `text`) shows them, matches marked. */
  const summarize = (ids: readonly number[], filter: PaperFilter, text?: string) => {
    if (text?.trim()) return search.summaries(ids, text, filter)
    const range = filter.digest ? { digestFrom: filter.digest, digestTo: filter.digest } : undefined
    return papers.summaries(ids, range).map(toPaperSummary)
  }

  const noPaper = (id: number) => new MarginError('NOT_FOUND', `There is no paper with id ${id}.`)
  const requirePaper = (id: number) => {
    const row = papers.get(id)
    if (!row) throw noPaper(id)
    return row
  }
  const detail = (id: number): PaperDetail =>
    toPaperDetail(
      requirePaper(id),
      history.forPaper(id),
      highlights.forPaper(id),
      importFiles.sourcesOf(id),
      {
        files: pdfs.files(id),
        position: pdfs.position(id),
        annotations: annotations.repo.forPaper(id),
      },
    )
  const pdfs = createPdfLibrary({
    db,
    libraryDir: dirname(db.name),
    now,
    detail: (id) => detail(id),
    requirePaper,
    findByArxivId: (arxivId) => papers.findIdByArxivId(arxivId),
    extractionLimits,
  })
  const annotations = createAnnotationsLibrary({
    db,
    now,
    requirePaper,
    detail: (id) => detail(id),
    files: (id) => pdfs.files(id),
  })
  // Annotations follow a paper's current PDF: a new version attached, the newest removed.
  const placement = createAnnotationPlacement({ db, annotations: annotations.repo, pdfs })
  // One polite client for PDF downloads and subscriptions; conditional requests remember validators.
  const client = createHttpClient({ fetch, now, sleep, validators: createValidatorsRepo(db, now) })
  // Uses the network only after downloads.start() (the app starts it; the CLI when it fetches).
  const downloads = createDownloadQueue({
    db,
    client,
    attach: (id, file, origin) => pdfs.attach(id, file, { origin }),
    baseUrl,
    now,
  })
  const highlightActions = createHighlightsLibrary({ db, highlights, now, requirePaper, detail })
  const tagActions = createTagsLibrary({ db, tags, requirePaper, detail })
  const savedSearchActions = createSavedSearchesLibrary({ savedSearches, now })
  const rules = createRules({
    db,
    rules: () =>
      savedSearchActions
        .listSavedSearches()
        .flatMap(({ query, rule }) => (rule ? [{ query, rule }] : [])),
    matching: (query, ids) => search.search(query, { ids }, { limit: ids.length }).ids,
    statusOf: (id) => papers.statusOf(id),
    changeStatus: (id, status, at) => changeStatus(id, status, at),
    attachTag: (id, tag) => tags.attach(id, tag),
    detachTag: (id, tag) => tags.detach(id, tag),
    downloads: { request: downloads.request, cancelPapers: downloads.cancelPapers },
    now,
  })
  // Uses the network only after subscriptions.start() (the app) or a fetch (the CLI, the window).
  const subscriptions = createSubscriptionsLibrary({
    db,
    client,
    now,
    sleep: sleep ?? realSleep,
    hfBaseUrl: hfUrl,
    arxivBaseUrl: baseUrl,
    importAnswer: (source) => indexed(importFetched(importDeps, source)),
    isKnown: (arxivId) => papers.findIdByArxivId(arxivId) !== null,
    applyRules: rules.apply,
  })
  /** An empty (or all-white-space) note removes the note. */
  const saveNote = (id: number, body: string): PaperDetail => {
    db.transaction(() => {
      requirePaper(id)
      if (body.trim() === '') notes.remove(id)
      else notes.save(id, body, now())
    })()
    return detail(id)
  }
  // Sync through a folder: passes only after setup (and start(), which the app calls).
  const sync = createSyncLibrary({
    db,
    now,
    libraryDir: dirname(db.name),
    pdfs,
    indexChanged: () => search.indexChanged(),
    saveNote,
  })
  /** Changes one paper's status and records it; the status before, or null when unchanged. */
  const changeStatus = (id: number, status: ReadingStatus, at: number): ReadingStatus | null => {
    const from = papers.statusOf(id)
    if (from === null) throw noPaper(id)
    if (from === status) return null
    papers.setStatus(id, status)
    history.record(id, from, status, at)
    return from
  }

  return {
    db,
    importFiles: (paths: readonly string[], options?: ImportOptions) =>
      importDigests(importDeps, paths.map(fileSource), options).then(indexed),

    /** Imports files the app received as bytes (picked or dropped in the window). */
    importContents: (
      files: ReadonlyArray<{ name: string; data: Uint8Array }>,
      options?: ImportOptions,
    ) => importDigests(importDeps, received(files), options).then(indexed),

    /** What importing these files would add and merge, per file; writes nothing. */
    previewFiles: (paths: readonly string[], options?: Pick<ImportOptions, 'year'>) =>
      previewDigests(importDeps, paths.map(fileSource), options),

    /** What importing these received files would add and merge, per file; writes nothing. */
    previewContents: (files: ReadonlyArray<{ name: string; data: Uint8Array }>) =>
      previewDigests(importDeps, received(files)),

    listPapers: (filter: PaperFilter = {}): Paper[] => papers.list(filter).map(toPaper),

    /** The paper list of the app: the same order and filter, without abstracts. */
    listPaperSummaries: (filter: PaperFilter = {}): PaperSummary[] =>
      summarize(papers.listIds(filter), filter),

    /**
     * The papers of `scope` matching `text` in the query language, best match first, each with
     * its matches marked; `limit` defaults to 500.
     */
    searchPapers: (
      scope: SearchScope,
      text: string,
      options?: { limit?: number },
    ): SearchAnswer => {
      const { ids, queryProblem } = search.search(text, scope, options)
      return { papers: search.summaries(ids, text, scope), queryProblem }
    },

    /**
     * The window's list of `filter`, or of the search `text` within it: all ids, which are new,
     * and the first page of summaries.
     */
    paperList: (filter: PaperFilter, text?: string): PaperListResult => {
      const searching = Boolean(text?.trim())
      const { ids, more, queryProblem } = searching
        ? search.search(text!, filter)
        : { ids: papers.listIds(filter), more: false, queryProblem: null }
      const newIds = searching
        ? papers.onlyNew(ids)
        : filter.status === undefined || filter.status === 'new'
          ? papers.listIds({ ...filter, status: 'new' })
          : []
      const firstPage = summarize(ids.slice(0, FIRST_PAGE_SIZE), filter, text)
      return { ids, more, newIds, firstPage, queryProblem }
    },

    /** Summaries of `ids` from the list `paperList` gave for this filter and text, in order. */
    paperSummaries: (ids: readonly number[], filter: PaperFilter, text?: string) =>
      summarize(ids, filter, text),

    /** Up to 5 papers like paper `id`, by its most distinctive terms. */
    relatedPapers: (id: number): PaperSummary[] => {
      requirePaper(id)
      return search.related(id)
    },

    /** Builds search's typo tolerance now rather than on the first search; resolves when ready. */
    prepareSearch: () => search.prepare(),

    ...savedSearchActions,

    /**
     * Saved searches' rules on papers a subscription brought: apply(newIds) acts on the new
     * ones each search matches; undo(effects) takes one pass's effects back as a batch.
     */
    rules,

    /** What the person must know about the library: a recovery at open, a risky location. */
    warnings: (): string[] => {
      const cloudSync = cloudSyncWarning(dirname(db.name))
      return [recovery && recoveryNotice(recovery), cloudSync].filter((w) => w !== null)
    },

    /** The damaged library set aside and the backup restored when it opened, if that happened. */
    recovery,

    /** SQLite's integrity and foreign-key checks of the library. */
    check: () => checkDatabase(db),

    /**
     * Papers' PDFs: attach, match, remove, files, usage, check, positions, the protocol;
     * whenTextIdle also waits for annotations to be placed on a paper's new file (onPlaced).
     */
    pdfs: { ...pdfs, whenTextIdle: placement.whenIdle, onPlaced: placement.onPlaced },

    /** Annotations on the pages of papers' PDFs: create, update, delete, restore, image. */
    annotations,

    /** The persistent queue of arXiv PDF downloads: enqueue, status, pause, cancel, start, stop. */
    downloads,

    /** What the library follows while online: status, add, remove, setInterval, fetch, start, stop. */
    subscriptions,

    /** A verified copy of the library at `out` (SQLite's online backup). */
    backup: (out: string) => backupLibrary(db, out),

    listDigests: (): DigestSummary[] => digests.summaries().map(toDigestSummary),
    hasDigests: (): boolean => digests.any(),

    statusCounts: (): StatusCounts => toStatusCounts(papers.statusCounts()),

    /** Days are the reader's own: `utcOffsetMinutes` ahead of UTC. */
    readingStats: (utcOffsetMinutes: number): ReadingStats =>
      computeReadingStats(
        history.all(),
        digests.summaries().map(toDigestSummary),
        utcOffsetMinutes,
        annotations.repo.counts(),
      ),

    getPaper: detail,

    /** Records the change in the history; setting the current status again changes nothing. */
    setStatus: (id: number, status: ReadingStatus): PaperDetail => {
      db.transaction(() => changeStatus(id, status, now()))()
      return detail(id)
    },

    /**
     * All changes or none. `previous` holds each paper whose status changed, once, with its
     * status before this call (so applying it undoes the call); papers already at the asked
     * status are left out.
     */
    setStatuses: (changes: readonly StatusAssignment[]): { previous: StatusAssignment[] } => {
      const before = db.transaction(() => {
        const at = now()
        const before = new Map<number, ReadingStatus>()
        for (const { id, status } of changes) {
          const from = changeStatus(id, status, at)
          if (from !== null && !before.has(id)) before.set(id, from)
        }
        return before
      })()
      return { previous: [...before].map(([id, status]) => ({ id, status })) }
    },

    /** An empty (or all-white-space) note removes the note. */
    saveNote,

    ...highlightActions,

    ...tagActions,

    /** Markdown (`outPath` is a folder), JSON, CSV or BibTeX of the papers the options select. */
    exportLibrary: (format: ExportFormat, outPath: string, options?: ExportOptions) =>
      exportLibrary(
        {
          papers: (filter) => papers.list(filter).map((row) => detail(row.id)),
          digestDates: () => digests.summaries().map((digest) => digest.date),
          snapshot: () => snapshotFromRows(snapshots.read()),
          annotationImage: (id) => annotations.repo.image(id),
        },
        format,
        outPath,
        options,
      ),

    /** Loads a Margin JSON export; this library must be empty. */
    importLibraryJson: (path: string) => indexed(loadLibraryJson(db, snapshots, path)),

    /**
     * Sync through a folder: status, setup, rename, stopSyncing, pass, passNow, conflicts,
     * resolveConflict, setFileSizeLimit, start/stop (the app's watcher), onChange, onApplied.
     */
    sync,

    close: () => {
      void sync.stop()
      void subscriptions.stop()
      void downloads.stop()
      placement.close()
      pdfs.close()
      db.close()
      onClose()
    },
  }
}
