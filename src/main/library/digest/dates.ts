/** A digest date as the page writes it; the year is often left out. */
export interface DigestDate {
  month: number
  day: number
  year: number | null
}

const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
]
const MONTH_DAY = /^([a-z]{3,9})\.?\s+(\d{1,2})(?:(?:st|nd|rd|th))?(?:,?\s+(\d{4}))?$/i
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** Reads a date line such as `Aug 6`, `August 6`, `Aug 6, 2024` or `2024-08-06`. */
export function parseDateLine(line: string): DigestDate | null {
  const iso = ISO_DATE.exec(line)
  if (iso) return validDate(Number(iso[2]), Number(iso[3]), Number(iso[1]))
  const named = MONTH_DAY.exec(line)
  if (!named) return null
  const month = monthNumber(named[1]!)
  if (month === null) return null
  return validDate(month, Number(named[2]), named[3] ? Number(named[3]) : null)
}

function monthNumber(word: string): number | null {
  const lower = word.toLowerCase()
  const index = MONTH_NAMES.findIndex(
    (name) =>
      lower === name || lower === name.slice(0, 3) || (name === 'september' && lower === 'sept'),
  )
  return index === -1 ? null : index + 1
}

function validDate(month: number, day: number, year: number | null): DigestDate | null {
  if (month < 1 || month > 12 || day < 1) return null
  // A year-less date is valid if some year has it (Feb 29 does).
  if (day > daysIn(month, year ?? 2000)) return null
  return { month, day, year }
}

function daysIn(month: number, year: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/**
 * The ISO date of a digest. A date without a year takes the latest such date not after `now`
 * (local calendar), unless `yearOverride` says which year.
 */
export function resolveDigestDate(date: DigestDate, now: Date, yearOverride?: number): string {
  const year = date.year ?? yearOverride ?? latestYearNotAfter(date, now)
  return `${year}-${pad(date.month)}-${pad(date.day)}`
}

function latestYearNotAfter(date: DigestDate, now: Date): number {
  const today = [now.getFullYear(), now.getMonth() + 1, now.getDate()] as const
  let year = today[0]
  const notAfterToday = (y: number) =>
    y < today[0] || date.month < today[1] || (date.month === today[1] && date.day <= today[2])
  while (!(notAfterToday(year) && date.day <= daysIn(date.month, year))) year--
  return year
}

function pad(value: number): string {
  return String(value).padStart(2, '0')
}
