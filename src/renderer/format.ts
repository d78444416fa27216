const MONTH_DAY = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
})
const FULL_DATE = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  timeZone: 'UTC',
})
const DATE_TIME = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' })

/** "Aug 6" for a digest of this year, "Aug 6, 2024" otherwise. */
export function digestLabel(isoDate: string, now = new Date()): string {
  const date = new Date(`${isoDate}T00:00:00Z`)
  return date.getUTCFullYear() === now.getFullYear()
    ? MONTH_DAY.format(date)
    : FULL_DATE.format(date)
}

export function dateTime(ms: number): string {
  return DATE_TIME.format(new Date(ms))
}

/** "1 paper", "3 papers". */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`
}

const TIME = new Intl.DateTimeFormat('en-US', { timeStyle: 'short' })
const DAY_TIME = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
})

/** "6:28 PM" today, "Nov 29, 6:28 PM" another day: a time where space is short. */
export function shortDateTime(ms: number, now = new Date()): string {
  const date = new Date(ms)
  return date.toDateString() === now.toDateString() ? TIME.format(date) : DAY_TIME.format(date)
}
