import type { DigestDate } from '../dates'

/** Text as a source wraps it (hard line breaks, indentation) as one line with single spaces. */
export function unwrap(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/** The names in one text that lists them ("A, B and C"), each unwrapped. */
export function splitAuthors(text: string): string[] {
  return text
    .split(/,\s*|\s+and\s+/)
    .map(unwrap)
    .filter(Boolean)
}

const NEW_STYLE_ID = /(\d{4}\.\d{4,5})(?:v\d+)?/
const OLD_STYLE_ID = /([a-z-]+(?:\.[A-Z]{2})?\/\d{7})(?:v\d+)?/

/** The arXiv id in an id, abs URL or OAI identifier, without its version, or null. */
export function arxivIdOf(value: string | null | undefined): string | null {
  if (!value) return null
  const match = NEW_STYLE_ID.exec(value) ?? OLD_STYLE_ID.exec(value)
  return match ? match[1]! : null
}

/**
 * The day an ISO timestamp such as 2025-03-04T12:00:00.000Z or 2025-03-05T00:30:00-05:00 names,
 * as written (a feed's day is its publisher's day, whatever the hour in UTC), or null.
 */
export function isoDay(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])/.exec(value.trim())
  if (!match) return null
  const [, year, month, day] = match
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)))
  return date.getUTCDate() === Number(day) ? `${year}-${month}-${day}` : null
}

export function digestDateOf(day: string): DigestDate {
  const [year, month, date] = day.split('-').map(Number)
  return { year: year!, month: month!, day: date! }
}

/** Links a source gives besides the abstract (code, project page): http(s) only. */
export function webLinks(...values: unknown[]): string[] {
  return values.filter(
    (value): value is string => typeof value === 'string' && /^https?:\/\/\S+$/i.test(value.trim()),
  )
}
