/**
 * The day arXiv lists a paper as new, from the time it was submitted. arXiv closes a day's
 * submissions at 14:00 US Eastern time, Monday to Friday, and lists them as new on the next
 * weekday (https://info.arxiv.org/help/availability.html): sent on Monday at 13:59 Eastern,
 * listed on Tuesday; at 14:00, on Wednesday; from Thursday 14:00 to Friday 13:59, on Monday;
 * from Friday 14:00 to Monday 13:59, on Tuesday. Eastern time is UTC−5, or UTC−4 from the
 * second Sunday of March at 02:00 to the first Sunday of November at 02:00 (US daylight saving
 * time since 2007).
 * Holidays are not known here: a paper held over one is listed a day early.
 */

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS
const CUT_OFF_HOUR = 14

/** The announcement day (YYYY-MM-DD) of a paper submitted at `submitted` (ISO), or null if unreadable. */
export function announcementDay(submitted: string): string | null {
  const at = Date.parse(submitted)
  if (Number.isNaN(at)) return null
  const eastern = new Date(at + easternOffsetMs(at))
  const beforeCutOff = eastern.getUTCHours() < CUT_OFF_HOUR
  let day = Date.UTC(eastern.getUTCFullYear(), eastern.getUTCMonth(), eastern.getUTCDate())
  // The weekday whose 14:00 closes the submission, then the weekday after it.
  if (!(isWeekday(day) && beforeCutOff)) day = nextWeekday(day)
  return new Date(nextWeekday(day)).toISOString().slice(0, 10)
}

/** US Eastern time's offset from UTC at the instant `at` (−4 or −5 hours, in ms). */
export function easternOffsetMs(at: number): number {
  const year = new Date(at).getUTCFullYear()
  // 02:00 EST is 07:00 UTC; 02:00 EDT is 06:00 UTC.
  const start = nthSunday(year, 2, 2) + 7 * HOUR_MS
  const end = nthSunday(year, 10, 1) + 6 * HOUR_MS
  return at >= start && at < end ? -4 * HOUR_MS : -5 * HOUR_MS
}

/** Midnight UTC of the `n`th Sunday of `month` (0-based) in `year`. */
function nthSunday(year: number, month: number, n: number): number {
  const first = Date.UTC(year, month, 1)
  const toSunday = (7 - new Date(first).getUTCDay()) % 7
  return first + (toSunday + 7 * (n - 1)) * DAY_MS
}

function isWeekday(day: number): boolean {
  const weekday = new Date(day).getUTCDay()
  return weekday !== 0 && weekday !== 6
}

function nextWeekday(day: number): number {
  let next = day + DAY_MS
  while (!isWeekday(next)) next += DAY_MS
  return next
}
