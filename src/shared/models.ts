export const READING_STATUSES = ['new', 'to-read', 'reading', 'read', 'not-reading'] as const
export type ReadingStatus = (typeof READING_STATUSES)[number]

export function isReadingStatus(value: string): value is ReadingStatus {
  return (READING_STATUSES as readonly string[]).includes(value)
}

/** Where papers came from: each format Margin reads, told apart by content. */
export const SOURCE_KINDS = [
  'text-digest',
  'hf-daily',
  'hf-page',
  'arxiv-atom',
  'arxiv-email',
] as const
export type SourceKind = (typeof SOURCE_KINDS)[number]

/** Orders of a paper list besides the digests' own (listed). */
export const LIST_SORTS = ['listed', 'published', 'upvotes'] as const
export type ListSort = (typeof LIST_SORTS)[number]

/** How people call each source. */
export const SOURCE_NAMES: Record<SourceKind, string> = {
  'text-digest': 'Daily Papers text',
  'hf-daily': 'Hugging Face JSON',
  'hf-page': 'Daily Papers web page',
  'arxiv-atom': 'arXiv Atom feed',
  'arxiv-email': 'arXiv listing email',
}

/** What a digest page copy can say about a paper besides its title and abstract. */
export interface PaperMeta {
  arxivId: string | null
  submittedBy: string | null
  authorCount: number | null
  upvotes: number | null
}

/** What sources tell about a paper besides its text: filled in as more sources name it. */
export interface PaperFacts extends PaperMeta {
  /** Names in the source's order; empty when no source listed them. */
  authors: string[]
  /** arXiv categories such as cs.LG, the primary first; empty when unknown. */
  categories: string[]
  /** The day the paper itself was published (YYYY-MM-DD), when a source said. */
  publishedAt: string | null
}

export interface Paper extends PaperFacts {
  id: number
  title: string
  abstract: string
  links: string[]
  status: ReadingStatus
  /** ISO dates (YYYY-MM-DD) of every digest that listed the paper, newest first. */
  digests: string[]
  note: string | null
  tags: string[]
  addedAt: number
}

export interface StatusChange {
  from: ReadingStatus
  to: ReadingStatus
  at: number
}

/** A file a paper came from. */
export interface PaperSource {
  fileName: string
  source: SourceKind
  importedAt: number
}

export interface PaperDetail extends Paper {
  /** Every file the paper came from, first imported first (provenance). */
  sources: PaperSource[]
  noteUpdatedAt: number | null
  statusHistory: StatusChange[]
  /** In order of their place in the abstract; detached ones last. */
  highlights: Highlight[]
  /** Annotations on the PDF's pages, in reading order (sort key); detached ones last. */
  annotations: PdfAnnotation[]
  /** The paper's PDFs, first added first (the reader opens the first). */
  files: PdfFile[]
  /** Where the reader was in the paper's PDF; null before it was opened. */
  position: ReadingPosition | null
}

/** A PDF a paper holds; its bytes are in the library's files/ folder, named by `sha256`. */
export interface PdfFile {
  sha256: string
  size: number
  pageCount: number
  /** The arXiv URL with its version, or the attached file's name. */
  origin: string
  addedAt: number
  /** Its text for full-text search: being extracted, extracted, or given up on (with why). */
  textState: 'pending' | 'done' | 'failed'
  textProblem: string | null
}

/** How the reader sizes pages: to the pane's width or whole page, or a scale (1 = 100%). */
export type ReaderZoom = 'fit-width' | 'fit-page' | number

/** Where the reader was: 1-based page, and how far down it (0 top, 1 bottom). */
export interface ReadingPosition {
  page: number
  offset: number
  pageCount: number
  zoom: ReaderZoom
  updatedAt: number
}

/** The queue of PDF downloads from arXiv, as the window shows it. */
export interface DownloadStatus {
  paused: boolean
  /** False while the machine cannot connect: the queue waits and resumes by itself. */
  online: boolean
  /** Papers in this run of the queue (since it was last empty): done + failed + waiting. */
  total: number
  done: number
  waiting: number
  /** The paper being downloaded now. */
  current: { paperId: number; title: string } | null
  failed: Array<{ paperId: number; title: string; problem: string }>
}

export const HIGHLIGHT_COLORS = ['yellow', 'green', 'blue', 'pink'] as const
export type HighlightColor = (typeof HIGHLIGHT_COLORS)[number]

/**
 * A highlighted passage of an abstract, stored as its quote, the text around it and its
 * position, so it is found again after re-import or a slightly changed abstract.
 */
export interface Highlight {
  id: number
  paperId: number
  quote: string
  /** Up to 32 characters before and after the quote when it was made. */
  prefix: string
  suffix: string
  color: HighlightColor
  comment: string | null
  createdAt: number
  updatedAt: number
  /** Where the quote stands in the current abstract; null when it can no longer be placed. */
  anchor: { start: number; end: number } | null
}

export const PDF_ANNOTATION_TYPES = ['highlight', 'underline', 'note', 'area'] as const
/** Marked text (highlight, underline), a note pinned at a point, a rectangle over a figure. */
export type PdfAnnotationType = (typeof PDF_ANNOTATION_TYPES)[number]

/** [x1, y1, x2, y2] in the page's PDF user space: points, origin bottom-left, x1 < x2, y1 < y2. */
export type PdfRect = [number, number, number, number]

/** Where an annotation sits in its PDF, as PDF annotations (and Zotero) store it. */
export interface PdfPosition {
  /** 0-based page index. */
  pageIndex: number
  /** One rectangle per line of marked text; the one rectangle of a note or an area. */
  rects: PdfRect[]
  /** Marked text that runs on past the page's end: its lines on the next page. */
  nextPageRects?: PdfRect[]
}

/**
 * Why an annotation is not drawn on the paper's PDF: it was made on an earlier file whose
 * quote was not found in the current one (or not yet: its text is being read), its file was
 * removed, or its page is not in the file.
 */
export type DetachedReason = 'earlier-version' | 'file-removed' | 'page-missing'

/**
 * An annotation on a page of a paper's PDF. Its text is kept as an exact quote with the text
 * around it (never pixels), so it is placed again on a new version of the PDF.
 */
export interface PdfAnnotation {
  id: number
  paperId: number
  /** The PDF it is placed on. */
  sha256: string
  type: PdfAnnotationType
  color: HighlightColor
  comment: string | null
  position: PdfPosition
  /** The marked text (a note: empty; an area: the text inside it, maybe empty)... */
  quote: string
  /** ...and up to 32 characters of the page's text before and after it. */
  prefix: string
  suffix: string
  /** Orders a paper's annotations as they are read: "page|offset in the page's text|top". */
  sortKey: string
  /** An area has a picture of what it covers ('annotations:image'). */
  hasImage: boolean
  createdAt: number
  updatedAt: number
  /** Null when it is drawn on the paper's current PDF (the newest file). */
  detached: DetachedReason | null
}

/** What the renderer measured of a new annotation on the page it shows. */
export interface NewPdfAnnotation {
  paperId: number
  sha256: string
  type: PdfAnnotationType
  color: HighlightColor
  comment?: string
  position: PdfPosition
  quote: string
  prefix: string
  suffix: string
  /** Where the quote starts in the page's text (a note or area: the text nearest to it). */
  offset: number
  /** An area's picture, PNG. */
  image?: Uint8Array
}

/** One status change to make; also what undo gets back. */
export interface StatusAssignment {
  id: number
  status: ReadingStatus
}

export interface DayCount {
  /** Local calendar day, YYYY-MM-DD; weeks are named by their Monday. */
  day: string
  triaged: number
  read: number
}

export interface ReadingStats {
  perDay: DayCount[]
  perWeek: DayCount[]
  /** Per digest, newest first: how many papers are still new. */
  backlog: Array<{ date: string; paperCount: number; newCount: number }>
  /** Median time from a paper's import to its first "read"; null before any paper is read. */
  medianImportToReadMs: number | null
  readCount: number
  /** Abstract highlights and PDF annotations, and how many papers have any. */
  annotationCount: number
  annotatedPaperCount: number
}

export interface DigestSummary {
  id: number
  date: string
  sourceFile: string
  importedAt: number
  paperCount: number
  newCount: number
}

export interface ImportedDigest {
  date: string
  papers: number
}

/** What loading a Margin JSON export brought. */
export interface LibraryLoadSummary {
  papers: number
  digests: number
  notes: number
  highlights: number
  pdfAnnotations: number
  tags: number
}

export type FileImportReport =
  | {
      file: string
      ok: true
      /** The format the file was read as. */
      source: SourceKind
      digests: ImportedDigest[]
      /** New papers. */
      added: number
      /** Papers the library had (same arXiv id or title): merged, gaining what they lacked. */
      alreadyPresent: number
      /** The same bytes were imported before (from this or another file name). */
      alreadyImported: boolean
      /** The file was a Margin library export, loaded whole into the empty library. */
      libraryExport?: LibraryLoadSummary
    }
  | { file: string; ok: false; error: { code: string; message: string } }

export interface ImportReport {
  files: FileImportReport[]
}

/** A row of the paper list: what the list shows, without the abstract. */
export interface PaperSummary {
  id: number
  title: string
  status: ReadingStatus
  /** The newest digest that listed the paper (ISO date). */
  digest: string
  hasNote: boolean
  tags: string[]
  /** With a search: the title and a snippet of the best matching text, matches between MATCH_START and MATCH_END. */
  match?: {
    title: string
    snippet: string | null
    /** Pages of the PDF whose text matches (1-based, ascending), and a snippet of the first. */
    pages?: number[]
    pageSnippet?: string | null
    /** Pages (1-based, ascending) of the PDF annotations whose quote or comment matches. */
    annotationPages?: number[]
  }
  /** The paper has a PDF; with `progress` where the reader was in it (e.g. p. 7/24). */
  hasPdf?: boolean
  progress?: { page: number; pageCount: number } | null
}

/** Private-use characters that mark matched terms in search results; never HTML. */
export const MATCH_START = '\uE000'
export const MATCH_END = '\uE001'

/**
 * A paper list as the window gets it: every id in list order, and summaries of the first rows
 * only; the window asks for the others ('papers:summaries') as they scroll into view.
 */
export interface PaperListResult {
  ids: number[]
  /** A search found more papers than it lists (the best 500). */
  more: boolean
  /** Those of `ids` still new, in list order. */
  newIds: number[]
  /** Summaries of the first ids, in order. */
  firstPage: PaperSummary[]
  /** A gentle word on query syntax that could not be read; the rest of the query still ran. */
  queryProblem: string | null
}

/** A search with every paper it found summarized (the CLI's answer). */
export interface SearchAnswer {
  papers: PaperSummary[]
  queryProblem: string | null
}

export interface SavedSearch {
  id: number
  name: string
  query: string
  createdAt: number
  /** What happens to new papers matching it as subscriptions bring them; null: nothing. */
  rule: SearchRule | null
}

/** A saved search's rule: what it does to each new fetched paper that matches it. */
export interface SearchRule {
  /** Adds this tag. */
  tag: string | null
  /** Sets the status To read (recorded in the status history like any change). */
  toRead: boolean
  /** Queues the arXiv PDF download. */
  downloadPdf: boolean
}

/** What one fetch's rules did, so it can be undone as a batch. */
export interface RuleEffects {
  /** Papers whose status a rule changed, with the status before (as setStatuses answers). */
  previous: StatusAssignment[]
  /** Tags a rule added (papers that had the tag already are not listed). */
  tagged: Array<{ id: number; tag: string }>
  /** Papers whose PDF download a rule queued. */
  queued: number[]
}

export const SUBSCRIPTION_KINDS = ['hf-daily', 'arxiv'] as const
/** The Hugging Face daily papers list, or an arXiv category or API query. */
export type SubscriptionKind = (typeof SUBSCRIPTION_KINDS)[number]

export interface Subscription {
  id: number
  kind: SubscriptionKind
  /** arxiv: a category (cs.LG), an archive (cs) or an API query (au:…, ti:…, abs:"…"); hf-daily: null. */
  query: string | null
  /** How people call it: "Hugging Face Daily Papers", "arXiv cs.LG", "arXiv abs:\"…\"". */
  label: string
  /** The first day it fetches (YYYY-MM-DD). */
  since: string
  createdAt: number
  lastSuccessAt: number | null
  /** The last failure, a sentence a person can act on; null after a success. */
  lastFailure: { at: number; message: string } | null
  /** When it is fetched next (the schedule, or a back-off after a failure); null when not planned. */
  nextAttemptAt: number | null
}

/** What the window shows of fetching: the subscriptions, what is being fetched, whether online. */
export interface SubscriptionsStatus {
  subscriptions: Subscription[]
  /** The subscription being fetched now. */
  fetching: { id: number; label: string } | null
  /** False while the machine cannot connect: fetching waits quietly and tries again later. */
  online: boolean
  /** Hours between two passes while the app runs. */
  intervalHours: number
}

/** One subscription's part of a fetch pass. */
export interface SubscriptionFetchReport {
  id: number
  label: string
  requests: number
  digests: ImportedDigest[]
  added: number
  /** Papers the library had (merged: gaining what they lacked). */
  merged: number
  /** Why it failed, a sentence; null when it did not. */
  failure: string | null
  /** Nothing came because the machine was offline: not a failure. */
  offline: boolean
}

export interface FetchReport {
  subscriptions: SubscriptionFetchReport[]
  /** What the saved searches' rules did to the new papers. */
  rules: RuleEffects
}

/** A device that syncs this library through the folder (this one included). */
export interface SyncDevice {
  id: string
  name: string
  thisDevice: boolean
  /** When it last wrote to the folder (its own word; null when it has not said). */
  lastPassAt: number | null
  /** How far its clock runs ahead of this machine's when that is more than a minute, else null. */
  clockAheadMs: number | null
}

/** What the window shows of sync: the folder, this device, the others, what the last pass saw. */
export interface SyncStatus {
  /** False until a folder is chosen (Settings › Sync or `margin sync --folder`). */
  configured: boolean
  folder: string | null
  deviceId: string | null
  deviceName: string | null
  /** A pass is running now. */
  syncing: boolean
  lastSyncAt: number | null
  devices: SyncDevice[]
  /** Papers whose note holds both texts of edits that overlapped, until resolved. */
  conflicts: number
  /** Local changes not yet written to the folder. */
  pending: number
  /** Attached PDFs another device announced that have not arrived yet. */
  filesWaiting: number
  /** Largest attached PDF copied into the folder, in bytes (a setting). */
  fileSizeLimit: number
  /**
   * What the last pass saw that a person should know, each a sentence: lines skipped as damaged,
   * conflict copies and placeholders left unread, a clock far ahead, an emptied folder.
   */
  notices: string[]
  /** Why the last pass failed (the folder unreachable, …), a sentence; null when it did not. */
  problem: string | null
  /** The folder is not inside a known sync engine's folder (a sentence), else null. */
  folderWarning: string | null
}

/** What one sync pass did. */
export interface SyncPassReport {
  /** Operations this device wrote to the folder. */
  wrote: number
  /** Operations of other devices applied here. */
  applied: number
  /** Lines of other devices skipped as damaged or invalid. */
  skipped: number
  papersAdded: number
  /** Notes merged from edits made on two devices; conflicts among them. */
  notesMerged: number
  conflicts: number
  filesFetched: number
  notices: string[]
}

/** A paper whose note holds the texts of two overlapping edits between markers. */
export interface NoteConflict {
  paperId: number
  title: string
  /** When this device first saw the conflict. */
  since: number
}

export type StatusCounts = Record<ReadingStatus, number>

export interface TagCount {
  name: string
  count: number
}
