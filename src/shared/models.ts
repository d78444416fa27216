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
}

export type StatusCounts = Record<ReadingStatus, number>

export interface TagCount {
  name: string
  count: number
}
