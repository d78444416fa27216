import type { ErrorCode } from './errors'
import type {
  DigestSummary,
  DownloadStatus,
  FetchReport,
  RuleEffects,
  SearchRule,
  SubscriptionKind,
  SubscriptionsStatus,
  SyncStatus,
  NoteConflict,
  ReaderZoom,
  HighlightColor,
  Highlight,
  NewPdfAnnotation,
  PdfAnnotation,
  ImportReport,
  ListSort,
  PaperListResult,
  SavedSearch,
  ReadingStats,
  StatusAssignment,
  PaperDetail,
  PaperSummary,
  ReadingStatus,
  StatusCounts,
  TagCount,
} from './models'

/** What the paper list shows: one sidebar entry, optionally narrowed by the search box. */
export type PaperView =
  | { kind: 'inbox' }
  | { kind: 'all' }
  | { kind: 'digest'; date: string }
  | { kind: 'status'; status: ReadingStatus }
  | { kind: 'tag'; tag: string }

export interface DigestFile {
  name: string
  data: Uint8Array
}

/** A PDF the window received (picked or dropped). */
export type PdfUpload = DigestFile

/** Every channel between the window and the main process, with its request and response. */
export interface IpcContract {
  /**
   * `text` is a search in the query language (words, "phrases", -exclusions, status: tag:
   * digest: has: (note, highlight, pdf) in:pdf arxiv: author: cat:), ordered by relevance:
   * papers whose title, abstract, notes or tags match first, then those matching only on the
   * pages of their PDFs (with in:pdf, only the pages count; each summary's match gives the
   * matching pages); `sort` orders a list without one (default: listed).
   */
  'papers:list': {
    request: { view: PaperView; text?: string; sort?: ListSort }
    response: PaperListResult
  }
  /** Summaries of ids 'papers:list' gave for this view and text, in the order asked. */
  'papers:summaries': {
    request: { view: PaperView; text?: string; ids: number[] }
    response: PaperSummary[]
  }
  /** Papers like this one, by its most distinctive terms. */
  'papers:related': { request: { id: number }; response: PaperSummary[] }
  'searches:list': { request: Record<string, never>; response: SavedSearch[] }
  'searches:save': { request: { name: string; query: string }; response: SavedSearch[] }
  'searches:delete': { request: { id: number }; response: SavedSearch[] }
  /** Sets (or, with null, removes) what the saved search does to new fetched papers. */
  'searches:setRule': { request: { id: number; rule: SearchRule | null }; response: SavedSearch[] }
  'subscriptions:status': { request: Record<string, never>; response: SubscriptionsStatus }
  /** Refused with the reason when the category or query is not one arXiv reads. */
  'subscriptions:add': {
    request: { kind: SubscriptionKind; query?: string; since?: string }
    response: SubscriptionsStatus
  }
  'subscriptions:remove': { request: { id: number }; response: SubscriptionsStatus }
  /** Hours between two passes while the app runs (1 to 168). */
  'subscriptions:setInterval': { request: { hours: number }; response: SubscriptionsStatus }
  /**
   * Starts a pass now (these subscriptions, or all) unless one is running; answers at once.
   * Progress comes as subscriptions:changed, the result as subscriptions:fetched.
   */
  'subscriptions:fetchNow': { request: { ids?: number[] }; response: SubscriptionsStatus }
  'sync:status': { request: Record<string, never>; response: SyncStatus }
  /**
   * Syncs this library through `folder` as a device named `deviceName` (the first time: writes
   * its state there); refused with the reason for the library's own folder or an unusable one.
   */
  'sync:setup': { request: { folder: string; deviceName: string }; response: SyncStatus }
  /** Renames this device in the folder. */
  'sync:rename': { request: { deviceName: string }; response: SyncStatus }
  /** Stops syncing (nothing is deleted, here or in the folder). */
  'sync:stop': { request: Record<string, never>; response: SyncStatus }
  /** Starts a pass now unless one is running; answers at once (sync:changed follows). */
  'sync:now': { request: Record<string, never>; response: SyncStatus }
  /** Largest attached PDF copied into the folder, in bytes. */
  'sync:setFileSizeLimit': { request: { bytes: number }; response: SyncStatus }
  /** Asks for a folder (a folder dialog in the app); null when the person cancels. */
  'sync:chooseFolder': { request: Record<string, never>; response: { folder: string | null } }
  'sync:conflicts': { request: Record<string, never>; response: NoteConflict[] }
  /** Saves the note as resolved: its text replaces both versions on every device. */
  'sync:resolveConflict': { request: { paperId: number; body: string }; response: PaperDetail }
  /** Takes back what one fetch's rules did: statuses back (recorded), tags off, downloads out. */
  'rules:undo': { request: { effects: RuleEffects }; response: null }
  'papers:get': { request: { id: number }; response: PaperDetail }
  /** Bulk and undoable: answers each paper's status before the change. */
  'papers:setStatuses': {
    request: { changes: StatusAssignment[] }
    response: { previous: StatusAssignment[] }
  }
  'highlights:create': {
    request: {
      paperId: number
      start: number
      end: number
      color: HighlightColor
      comment?: string
    }
    response: PaperDetail
  }
  'highlights:update': {
    request: { id: number; color?: HighlightColor; comment?: string | null }
    response: PaperDetail
  }
  'highlights:delete': { request: { id: number }; response: PaperDetail }
  /** Undo of a delete: the highlight back as it was, under its own id. */
  'highlights:restore': { request: { highlight: Highlight }; response: PaperDetail }
  /**
   * Annotates a page of the paper's PDF `sha256`: the quote, its surroundings and position as the
   * reader measured them (refused with the reason when the file or page is not the paper's).
   */
  'annotations:create': { request: NewPdfAnnotation; response: PaperDetail }
  /** Changes what is given: a colour, a comment (null or empty removes it), or both. */
  'annotations:update': {
    request: { id: number; color?: HighlightColor; comment?: string | null }
    response: PaperDetail
  }
  'annotations:delete': { request: { id: number }; response: PaperDetail }
  /** Undo of a delete: the annotation back as it was (with its picture), under its own id. */
  'annotations:restore': {
    request: { annotation: PdfAnnotation; image?: Uint8Array }
    response: PaperDetail
  }
  /** An area's picture (PNG), or null when it has none. */
  'annotations:image': { request: { id: number }; response: Uint8Array | null }
  /**
   * Writes a copy of the paper's PDF with its annotations as standard PDF annotations where the
   * person chooses (a save dialog); the stored PDF is never changed. Null path: cancelled.
   * `written` annotations are in the copy; `leftOut` detached ones are not (not on that PDF).
   */
  'annotations:exportPdf': {
    request: { paperId: number }
    response: { path: string | null; written?: number; leftOut?: number }
  }
  'notes:save': { request: { id: number; body: string }; response: PaperDetail }
  'tags:add': { request: { id: number; tags: string[] }; response: PaperDetail }
  'tags:remove': { request: { id: number; tags: string[] }; response: PaperDetail }
  'tags:list': { request: Record<string, never>; response: TagCount[] }
  /** Renaming onto an existing tag (any case) merges the two. */
  'tags:rename': { request: { from: string; to: string }; response: TagCount[] }
  'tags:delete': { request: { name: string }; response: TagCount[] }
  /** `utcOffsetMinutes` is the window's, so days are the reader's own calendar days. */
  'stats:get': { request: { utcOffsetMinutes: number }; response: ReadingStats }
  'digests:list': { request: Record<string, never>; response: DigestSummary[] }
  'digests:import': { request: { files: DigestFile[] }; response: ImportReport }
  /** What digests:import would do with these files, per file; writes nothing. */
  'digests:preview': { request: { files: DigestFile[] }; response: ImportReport }
  /** Stores the PDF with the paper (refused with the reason when it is not a readable PDF). */
  'files:attach': { request: { paperId: number; file: PdfUpload }; response: PaperDetail }
  /** The paper a PDF dropped on the list belongs to (arXiv id in its name or first page), or null. */
  'files:match': { request: { file: PdfUpload }; response: { paperId: number | null } }
  /** Removes the file from the paper; its bytes go when no paper uses them any more. */
  'files:remove': { request: { paperId: number; sha256: string }; response: PaperDetail }
  /** Disk use of the library's files/ folder. */
  'files:usage': { request: Record<string, never>; response: { files: number; bytes: number } }
  /** Where the reader is in the paper's PDF, remembered for the next opening. */
  'reader:savePosition': {
    request: { paperId: number; page: number; offset: number; pageCount: number; zoom: ReaderZoom }
    response: null
  }
  /** Queues these papers' arXiv PDFs (papers without an arXiv id or with a PDF are skipped). */
  'downloads:enqueue': { request: { ids: number[] }; response: DownloadStatus }
  'downloads:status': { request: Record<string, never>; response: DownloadStatus }
  'downloads:pause': { request: { paused: boolean }; response: DownloadStatus }
  /** Cancels every waiting download. */
  'downloads:cancel': { request: Record<string, never>; response: DownloadStatus }
  'library:counts': { request: Record<string, never>; response: StatusCounts }
  /** What the person must know: a recovery at start, a risky location (cloud-sync folder). */
  'library:warnings': { request: Record<string, never>; response: string[] }
  /** Where an update of the library's format is (the window asks once at start, then listens). */
  'library:update': { request: Record<string, never>; response: LibraryUpdateState }
  'app:openExternal': { request: { url: string }; response: { opened: boolean } }
  /** The window's answer to app:flushRequested: every pending save is written. */
  'app:flushed': { request: { requestId: number }; response: null }
}

export type Channel = keyof IpcContract
export type RequestOf<C extends Channel> = IpcContract[C]['request']
export type ResponseOf<C extends Channel> = IpcContract[C]['response']

// Record<Channel, true> makes the compiler insist that every channel is listed.
const CHANNEL_SET: Record<Channel, true> = {
  'papers:list': true,
  'papers:summaries': true,
  'papers:related': true,
  'searches:list': true,
  'searches:save': true,
  'searches:delete': true,
  'searches:setRule': true,
  'subscriptions:status': true,
  'subscriptions:add': true,
  'subscriptions:remove': true,
  'subscriptions:setInterval': true,
  'subscriptions:fetchNow': true,
  'rules:undo': true,
  'sync:status': true,
  'sync:setup': true,
  'sync:rename': true,
  'sync:stop': true,
  'sync:now': true,
  'sync:setFileSizeLimit': true,
  'sync:chooseFolder': true,
  'sync:conflicts': true,
  'sync:resolveConflict': true,
  'papers:get': true,
  'papers:setStatuses': true,
  'highlights:create': true,
  'highlights:update': true,
  'highlights:delete': true,
  'highlights:restore': true,
  'annotations:create': true,
  'annotations:update': true,
  'annotations:delete': true,
  'annotations:restore': true,
  'annotations:image': true,
  'annotations:exportPdf': true,
  'notes:save': true,
  'tags:add': true,
  'tags:remove': true,
  'tags:list': true,
  'tags:rename': true,
  'tags:delete': true,
  'stats:get': true,
  'digests:list': true,
  'digests:import': true,
  'digests:preview': true,
  'files:attach': true,
  'files:match': true,
  'files:remove': true,
  'files:usage': true,
  'reader:savePosition': true,
  'downloads:enqueue': true,
  'downloads:status': true,
  'downloads:pause': true,
  'downloads:cancel': true,
  'library:counts': true,
  'library:warnings': true,
  'library:update': true,
  'app:openExternal': true,
  'app:flushed': true,
}
/** Every channel name, for the preload and the test bridge. */
export const CHANNELS = Object.keys(CHANNEL_SET) as Channel[]

export interface IpcError {
  code: ErrorCode | 'FORBIDDEN' | 'INVALID_REQUEST'
  message: string
}

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError }

/** A step of an update of the library's format, as it goes. */
export type LibraryUpdateStep =
  /** A checked copy of the library as it was is being kept in backups/. */
  | { phase: 'copy' }
  /** Migration to `schema` has done `done` of `total` (papers it indexes). */
  | { phase: 'migrate'; schema: number; done: number; total: number }
  /** The file is rewritten without the pages the update freed. */
  | { phase: 'compact' }

/**
 * Whether the library is being updated to this version's format before it opens: 'none' when it
 * needs no update, 'updating' while it is (the window shows the update instead of the library),
 * 'updated' once it is and the library is open (`notice`: what the person should know, such as a
 * compaction that failed), 'failed' when the library could not be updated or opened.
 */
export type LibraryUpdateState =
  | { state: 'none' }
  | { state: 'updating'; from: number; to: number; step: LibraryUpdateStep | null }
  | { state: 'updated'; from: number; to: number; notice: string | null }
  | { state: 'failed'; code: IpcError['code']; message: string }

/** Events the main process pushes to the window. */
export interface IpcEvents {
  /**
   * Something in the library changed (import, status, note, tags, highlights, a PDF attached or
   * removed): views refresh.
   */
  'library:changed': {
    reason: 'import' | 'status' | 'note' | 'tags' | 'highlight' | 'files' | 'sync'
  }
  /**
   * A PDF's text extraction ended: its text is searchable ('done') or not ('failed', with why on
   * the file). The reading pane shows the paper's files again, instead of asking until it knows.
   */
  'files:textDone': { sha256: string; state: 'done' | 'failed' }
  /** Fetching moved on (a subscription started or ended, online or not, a subscription changed). */
  'subscriptions:changed': SubscriptionsStatus
  /** A fetch pass ended: what each subscription brought and what the rules did. */
  'subscriptions:fetched': FetchReport
  /** Sync moved on: a pass started or ended, the folder or a device changed. */
  'sync:changed': SyncStatus
  /** The download queue moved on (a paper started, finished or failed; paused; offline). */
  'downloads:changed': DownloadStatus
  'digests:importProgress': { done: number; total: number; file: string }
  /** An import started from the menu or a drop finished. */
  'digests:imported': ImportReport
  /** A menu item the window carries out (the menu and the keys share one command list). */
  'app:command': { command: AppCommand }
  /** The app is quitting or the window closing: save what is pending, then answer app:flushed. */
  'app:flushRequested': { requestId: number }
  /** The update of the library's format moved on (library:update's answer, as it changes). */
  'library:updating': LibraryUpdateState
}

export type AppCommand =
  | 'importDigest'
  | 'showShortcuts'
  | 'toggleTheme'
  | 'focusSearch'
  | 'attachPdf'
  | 'toggleReader'
  | 'exportAnnotatedPdf'
  | 'showSubscriptions'
  | 'fetchNow'
  | 'showSyncSettings'
  | 'showConflicts'

export type EventName = keyof IpcEvents
const EVENT_SET: Record<EventName, true> = {
  'library:changed': true,
  'digests:importProgress': true,
  'downloads:changed': true,
  'subscriptions:changed': true,
  'subscriptions:fetched': true,
  'sync:changed': true,
  'files:textDone': true,
  'digests:imported': true,
  'app:command': true,
  'app:flushRequested': true,
  'library:updating': true,
}
export const EVENT_NAMES = Object.keys(EVENT_SET) as EventName[]

/** What the preload exposes on `window.margin`: one function per channel, plus events. */
export type MarginBridge = {
  [C in Channel]: (request: RequestOf<C>) => Promise<IpcResult<ResponseOf<C>>>
} & {
  on: <E extends EventName>(event: E, listener: (payload: IpcEvents[E]) => void) => () => void
  /** Where the window reads a stored PDF's bytes (the app's pdf protocol; never file://). */
  pdfUrl: (sha256: string) => string
}

/** The privileged scheme that serves stored PDFs to the window, by hash. */
export const PDF_SCHEME = 'margin-pdf'
export const PDF_URL_BASE = `${PDF_SCHEME}://files/`

export const BRIDGE_GLOBAL = 'margin'
