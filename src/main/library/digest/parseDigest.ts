import { MarginError } from '../../../shared/errors'
import type { PaperFacts, PaperMeta, SourceKind } from '../../../shared/models'
import { parseDateLine, type DigestDate } from './dates'
import { extractLinks } from './links'

export interface ParsedPaper extends PaperFacts {
  title: string
  abstract: string
  links: string[]
  /** 1-based line of the title in the file (the entry's number in JSON and feeds). */
  line: number
  /** When it was submitted, as the source wrote it (ISO), where a source says (arXiv feeds). */
  submittedAt?: string
}

export interface ParsedSection {
  date: DigestDate
  line: number
  papers: ParsedPaper[]
}

export interface ParsedDigest {
  source: SourceKind
  sections: ParsedSection[]
}

/** Longer lines are not a page copy; refusing them early keeps memory and time bounded. */
export const MAX_LINE_LENGTH = 100_000
/** A title is one short line; anything longer means titles and abstracts are out of step. */
const MAX_TITLE_LENGTH = 500
/**
 * A Daily Papers page lists under a hundred papers; a month of them fits well under this. More
 * is not a digest, and a file is imported whole in one transaction, so it stays short.
 */
export const MAX_PAPERS_PER_FILE = 2_000

const BOILERPLATE = [
  /^new$/i,
  /^get trending papers in your email inbox!?$/i,
  /^subscribe$/i,
  /^daily papers$/i,
  /^by\s?ak and the research community$/i,
]
const SUBMITTED_BY = /^submitted by\s+(.+)$/i
const AUTHOR_COUNT = /^(?:[·•]\s*)?(\d{1,4})\s+authors?$/i
const UPVOTES = /^\d{1,7}$/
const ARXIV_ID = /^(?:arxiv:\s*|https?:\/\/arxiv\.org\/(?:abs|pdf)\/)?(\d{4}\.\d{4,5})(?:v\d+)?$/i

type Line =
  | { kind: 'blank' }
  | { kind: 'date'; date: DigestDate }
  | { kind: 'meta'; meta: Partial<PaperMeta> }
  | { kind: 'text'; text: string }

interface Paragraph {
  text: string
  line: number
}

/**
 * Reads the text of a Daily Papers page copy: header lines, then for each date line the papers
 * of that day as a title line, a blank line and an abstract paragraph. Lines a page copy carries
 * besides those (boilerplate, "Submitted by", author counts, upvotes, arXiv ids) are dropped or
 * kept as metadata of the paper they stand with.
 */
export function parseDigest(text: string): ParsedDigest {
  const sections: ParsedSection[] = []
  let section: ParsedSection | null = null
  let paragraph: Paragraph | null = null
  let title: Paragraph | null = null
  let meta: Partial<PaperMeta> = {}
  let paperCount = 0

  const endParagraph = () => {
    if (!paragraph) return
    const done = paragraph
    paragraph = null
    if (!section) {
      throw new MarginError(
        'NO_DATE',
        `line ${done.line}: "${preview(done.text)}" comes before any date line; a digest starts with a date such as "Aug 6".`,
      )
    }
    if (!title) {
      if (done.text.length > MAX_TITLE_LENGTH) {
        throw new MarginError(
          'MALFORMED_DIGEST',
          `line ${done.line}: expected a paper title but found a ${done.text.length}-character paragraph; is a title missing before it?`,
        )
      }
      title = done
      return
    }
    if (++paperCount > MAX_PAPERS_PER_FILE) {
      throw new MarginError(
        'TOO_MANY_PAPERS',
        `line ${title.line}: the file holds more than ${MAX_PAPERS_PER_FILE.toLocaleString('en-US')} papers; a digest is a day's Daily Papers page (usually under 100). Split the file into smaller ones and import them together.`,
      )
    }
    section.papers.push(makePaper(title, done.text, meta))
    title = null
    meta = {}
  }

  const endSection = () => {
    endParagraph()
    if (title) {
      throw new MarginError(
        'TRUNCATED',
        `line ${title.line}: the title "${preview(title.text)}" has no abstract; the file looks cut off.`,
      )
    }
    const last = section?.papers.at(-1)
    // Metadata after a day's last abstract can only belong to that paper.
    if (last) Object.assign(last, withoutNulls(meta, last))
    meta = {}
  }

  // Looked for once in the whole text rather than in every line: most digests have none.
  const oddSpaces = ODD_SPACES.some((space) => text.includes(space))
  forEachLine(text, (raw, lineNumber) => {
    const line = classify(raw, oddSpaces)
    switch (line.kind) {
      case 'blank':
        endParagraph()
        return
      case 'date':
        endSection()
        section = { date: line.date, line: lineNumber, papers: [] }
        sections.push(section)
        return
      case 'meta':
        endParagraph()
        meta = { ...meta, ...line.meta }
        return
      case 'text':
        if (paragraph) paragraph.text += ` ${line.text}`
        else paragraph = { text: line.text, line: lineNumber }
    }
  })
  endSection()

  if (paperCount === 0) {
    throw new MarginError(
      'NO_PAPERS',
      sections.length === 0
        ? 'no papers found: expected a date line such as "Aug 6" followed by titles and abstracts.'
        : `no papers found under ${sections.length === 1 ? 'the date line' : 'any date line'}: expected titles and abstracts after it.`,
    )
  }
  return { source: 'text-digest', sections: sections.filter((s) => s.papers.length > 0) }
}

/** LF, CR (alone or before LF), and NEL, LINE and PARAGRAPH SEPARATOR, which Unicode counts too. */
const LINE_BREAK = /\r\n?|[\n\u0085\u2028\u2029]/g

function forEachLine(text: string, visit: (line: string, lineNumber: number) => void): void {
  // Most text breaks its lines with LF alone: each break is then found by indexOf, several
  // times faster than the regular expression (and a loop over every character, a third of the
  // parsing of a large import).
  const breaks = OTHER_BREAKS.some((other) => text.includes(other)) ? new RegExp(LINE_BREAK) : null
  let start = 0
  let lineNumber = 1
  for (;;) {
    const found = breaks ? breaks.exec(text) : null
    const lf = breaks ? -1 : text.indexOf('\n', start)
    const end = found ? found.index : lf !== -1 ? lf : text.length
    if (end - start > MAX_LINE_LENGTH) {
      throw new MarginError(
        'LINE_TOO_LONG',
        `line ${lineNumber} is ${(end - start).toLocaleString('en-US')} characters long; a digest line is at most ${MAX_LINE_LENGTH.toLocaleString('en-US')}. This is not a copy of a Daily Papers page.`,
      )
    }
    visit(text.slice(start, end), lineNumber)
    if (breaks ? !found : lf === -1) return
    start = breaks ? breaks.lastIndex : lf + 1
    lineNumber++
  }
}

/** The line breaks other than LF (see LINE_BREAK). */
const OTHER_BREAKS = ['\r', '\u0085', '\u2028', '\u2029']

const BLANK: Line = { kind: 'blank' }

/**
 * Byte order marks left inside by joined files, and spaces other than the plain one: searched
 * one by one (a search for one character is several times faster than a character class).
 */
const ODD_SPACES = ['\uFEFF', '\u00A0', '\u2007', '\u202F', '\t']

function classify(raw: string, oddSpaces: boolean): Line {
  if (raw === '') return BLANK
  const text = (
    oddSpaces ? raw.replace(/\uFEFF/g, '').replace(/[\u00A0\u2007\u202F\t]/g, ' ') : raw
  ).trim()
  if (text === '' || BOILERPLATE.some((pattern) => pattern.test(text))) return BLANK
  const date = parseDateLine(text)
  if (date) return { kind: 'date', date }
  const submitter = SUBMITTED_BY.exec(text)
  if (submitter) return { kind: 'meta', meta: { submittedBy: submitter[1]!.trim() } }
  const authors = AUTHOR_COUNT.exec(text)
  if (authors) return { kind: 'meta', meta: { authorCount: Number(authors[1]) } }
  if (UPVOTES.test(text)) return { kind: 'meta', meta: { upvotes: Number(text) } }
  const arxiv = ARXIV_ID.exec(text)
  if (arxiv) return { kind: 'meta', meta: { arxivId: arxiv[1]! } }
  return { kind: 'text', text: text.includes('  ') ? text.replace(/ {2,}/g, ' ') : text }
}

function makePaper(title: Paragraph, abstract: string, meta: Partial<PaperMeta>): ParsedPaper {
  return {
    title: title.text,
    abstract,
    links: extractLinks(abstract),
    line: title.line,
    arxivId: meta.arxivId ?? null,
    submittedBy: meta.submittedBy ?? null,
    authorCount: meta.authorCount ?? null,
    upvotes: meta.upvotes ?? null,
    authors: [],
    categories: [],
    publishedAt: null,
  }
}

function withoutNulls(meta: Partial<PaperMeta>, paper: ParsedPaper): Partial<PaperMeta> {
  const filled: Partial<PaperMeta> = {}
  for (const key of ['arxivId', 'submittedBy', 'authorCount', 'upvotes'] as const) {
    if (meta[key] !== undefined && paper[key] === null) Object.assign(filled, { [key]: meta[key] })
  }
  return filled
}

function preview(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text
}
