import { READING_STATUSES, type ReadingStatus } from '../../../shared/models'

export interface QueryFilters {
  /** Any of these (status:read status:reading); empty means any status. */
  statuses: ReadingStatus[]
  /** All of these. */
  tags: string[]
  /** Inclusive ISO dates of a digest the paper appeared in. */
  digest: { from: string; to: string } | null
  hasNote: boolean
  hasHighlight: boolean
  /** The paper holds a PDF (has:pdf). */
  hasPdf: boolean
  /** Words and phrases must match the text of the paper's PDF pages, and nothing else (in:pdf). */
  inPdf: boolean
  arxiv: string | null
  /** All of these are (part of) an author's name, in any case. */
  authors: string[]
  /** All of these are categories of the paper (cat:cs.LG), or archives of one (cat:cs). */
  categories: string[]
}

export interface ParsedQuery {
  /** Free words in the order typed. */
  words: string[]
  phrases: string[]
  /** Words and phrases after '-'. */
  excluded: string[]
  filters: QueryFilters
  /** The query ends in a free word still being typed, so the last word is a prefix. */
  endsInWord: boolean
  /** A gentle sentence about what could not be read; null when everything could. */
  problem: string | null
}

const STATUS_LIST = 'new, to-read, reading, read or not-reading'
const LONE_MINUS = 'A lone "-" excludes nothing; write it right before a word, as in -survey.'
const FILTER_KEYS = 'status:, tag:, digest:, has:, in:, arxiv:, author: or cat:'

/** Parses the search query language; never throws: what it cannot read becomes `problem`. */
export function parseQuery(text: string): ParsedQuery {
  const query: ParsedQuery = {
    words: [],
    phrases: [],
    excluded: [],
    filters: {
      statuses: [],
      tags: [],
      digest: null,
      hasNote: false,
      hasHighlight: false,
      hasPdf: false,
      inPdf: false,
      arxiv: null,
      authors: [],
      categories: [],
    },
    endsInWord: false,
    problem: null,
  }
  const problems: string[] = []
  let at = 0
  while (at < text.length) {
    if (/\s/.test(text[at]!)) {
      at++
      continue
    }
    const negated = text[at] === '-'
    if (negated) at++
    const token = readToken(text, at)
    at = token.end
    query.endsInWord = false
    if (token.unclosed) problems.push(`The quote before "${token.value}" is not closed.`)
    if (negated && token.key !== null) {
      problems.push(`"-${token.key}:" cannot be excluded; only words and "phrases" can.`)
    } else if (negated) {
      if (token.value === '') problems.push(LONE_MINUS)
      else query.excluded.push(token.value)
    } else if (token.key !== null) {
      const problem = applyFilter(query.filters, token.key, token.value)
      if (problem) problems.push(problem)
    } else if (token.quoted) {
      if (token.value !== '') query.phrases.push(token.value)
    } else {
      query.words.push(token.value)
      query.endsInWord = true
    }
  }
  query.endsInWord &&= !/\s$/.test(text)
  query.problem = problems.length > 0 ? problems.join(' ') : null
  return query
}

interface Token {
  /** The filter key before ':', lower case; null for a word or phrase. */
  key: string | null
  value: string
  quoted: boolean
  unclosed: boolean
  end: number
}

function readToken(text: string, start: number): Token {
  const filter = /^([a-z]+):/i.exec(text.slice(start))
  const key = filter ? filter[1]!.toLowerCase() : null
  const valueStart = start + (filter ? filter[0].length : 0)
  if (text[valueStart] === '"') {
    const close = text.indexOf('"', valueStart + 1)
    const end = close === -1 ? text.length : close + 1
    const value = text.slice(valueStart + 1, close === -1 ? text.length : close).trim()
    return { key, value, quoted: true, unclosed: close === -1, end }
  }
  let end = valueStart
  while (end < text.length && !/[\s"]/.test(text[end]!)) end++
  return { key, value: text.slice(valueStart, end), quoted: false, unclosed: false, end }
}

function applyFilter(filters: QueryFilters, key: string, value: string): string | null {
  switch (key) {
    case 'status': {
      const status = READING_STATUSES.find((s) => s === value.toLowerCase())
      if (!status) return `"status:${value}" is not a status; use ${STATUS_LIST}.`
      filters.statuses.push(status)
      return null
    }
    case 'tag':
      if (value === '') return '"tag:" needs a tag name, as in tag:robotics or tag:"two words".'
      filters.tags.push(value)
      return null
    case 'digest': {
      const range = digestRange(value)
      if (!range) {
        return `"digest:${value}" is not a date; write digest:2024-08-06, digest:2024-08 or digest:2024-08-01..2024-08-15.`
      }
      filters.digest = intersect(filters.digest, range)
      return null
    }
    case 'has':
      if (value.toLowerCase() === 'note') filters.hasNote = true
      else if (['highlight', 'annotation'].includes(value.toLowerCase())) {
        filters.hasHighlight = true
      } else if (value.toLowerCase() === 'pdf') filters.hasPdf = true
      else {
        return `"has:${value}" is not something a paper has; use has:note, has:highlight (or has:annotation) or has:pdf.`
      }
      return null
    case 'in':
      if (value.toLowerCase() !== 'pdf') {
        return `"in:${value}" is not a place to search; use in:pdf to search only the papers' PDFs.`
      }
      filters.inPdf = true
      return null
    case 'arxiv':
      if (value === '') return '"arxiv:" needs an arXiv id, as in arxiv:2408.01234.'
      filters.arxiv = value
      return null
    case 'author':
      if (value === '') return '"author:" needs a name, as in author:hinton or author:"Yann LeCun".'
      filters.authors.push(value)
      return null
    case 'cat':
      if (!/^[a-z-]+(\.[a-z-]+)?$/i.test(value)) {
        return `"cat:${value}" is not an arXiv category; write cat:cs.LG, or cat:cs for all of cs.`
      }
      filters.categories.push(value)
      return null
    default:
      return `"${key}:" is not a filter; use ${FILTER_KEYS}.`
  }
}

/** A date, a month or a range of either, as inclusive ISO dates; null when unreadable. */
function digestRange(value: string): { from: string; to: string } | null {
  const [first, last, ...rest] = value.split('..')
  if (rest.length > 0) return null
  const from = dateBound(first!, 'start')
  const to = dateBound(last ?? first!, 'end')
  return from && to && from <= to ? { from, to } : null
}

function dateBound(value: string, side: 'start' | 'end'): string | null {
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(value)
  if (!match) return null
  const [, year, month, day] = match
  if (Number(month) < 1 || Number(month) > 12) return null
  const lastDay = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate()
  if (day === undefined) return `${year}-${month}-${side === 'start' ? '01' : String(lastDay)}`
  return Number(day) >= 1 && Number(day) <= lastDay ? value : null
}

function intersect(
  a: { from: string; to: string } | null,
  b: { from: string; to: string },
): { from: string; to: string } {
  if (!a) return b
  return { from: a.from > b.from ? a.from : b.from, to: a.to < b.to ? a.to : b.to }
}
