import type { DigestDate } from '../dates'

/** Text as a source wraps it (hard line breaks, indentation) as one line with single spaces. */
export function unwrap(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

const NEW_STYLE_ID = /(\d{4}\.\d{4,5})(?:v\d+)?/
const OLD_STYLE_ID = /([a-z-]+(?:\.[A-Z]{2})?\/\d{7})(?:v\d+)?/

/** The arXiv id in an id, abs URL or OAI identifier, without its version, or null. */
export function arxivIdOf(value: string | null | undefined): string | null {
  if (!value) return null
  const match = NEW_STYLE_ID.exec(value) ?? OLD_STYLE_ID.exec(value)
  return match ? match[1]! : null
}

/** The calendar day (UTC) of an ISO timestamp such as 2025-03-04T12:00:00.000Z, or null. */
export function isoDay(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value.trim())
  if (!match) return null
  const time = Date.parse(value.trim())
  return Number.isNaN(time)
    ? `${match[1]}-${match[2]}-${match[3]}`
    : new Date(time).toISOString().slice(0, 10)
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
