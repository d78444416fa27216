import type { DayCount, DigestSummary, ReadingStats } from '../../../shared/models'
import type { PaperStatusChangeRow } from '../repos/statusHistory.repo'

const MINUTE_MS = 60_000
const DAY_MS = 24 * 60 * MINUTE_MS

/**
 * The reading stats from every status change: a paper counts as triaged on the day its status
 * first left "new" and as read on the day it first reached "read", whatever happened after.
 * Days are the reader's calendar days, `utcOffsetMinutes` ahead of UTC.
 */
export function computeReadingStats(
  changes: readonly PaperStatusChangeRow[],
  digests: readonly DigestSummary[],
  utcOffsetMinutes: number,
  annotations: { annotations: number; papers: number },
): ReadingStats {
  const triaged = firstTimes(changes, (change) => change.from_status === 'new')
  const read = firstTimes(changes, (change) => change.to_status === 'read')
  const dayOf = (ms: number) =>
    new Date(ms + utcOffsetMinutes * MINUTE_MS).toISOString().slice(0, 10)
  const readTimes = [...read.values()]
  return {
    perDay: tally(triaged, read, dayOf),
    perWeek: tally(triaged, read, (ms) => mondayOf(dayOf(ms))),
    backlog: [...digests]
      .sort((a, b) => b.date.localeCompare(a.date))
      .map(({ date, paperCount, newCount }) => ({ date, paperCount, newCount })),
    medianImportToReadMs: median(readTimes.map((time) => time.at - time.addedAt)),
    readCount: readTimes.length,
    annotationCount: annotations.annotations,
    annotatedPaperCount: annotations.papers,
  }
}

interface FirstTime {
  at: number
  addedAt: number
}

/** For each paper, the earliest change that passes `test`. */
function firstTimes(
  changes: readonly PaperStatusChangeRow[],
  test: (change: PaperStatusChangeRow) => boolean,
): Map<number, FirstTime> {
  const first = new Map<number, FirstTime>()
  for (const change of changes) {
    if (!test(change)) continue
    const known = first.get(change.paper_id)
    if (!known || change.changed_at < known.at) {
      first.set(change.paper_id, { at: change.changed_at, addedAt: change.added_at })
    }
  }
  return first
}

/** Counts per key (a day or a week), in key order, only keys with activity. */
function tally(
  triaged: Map<number, FirstTime>,
  read: Map<number, FirstTime>,
  keyOf: (ms: number) => string,
): DayCount[] {
  const counts = new Map<string, DayCount>()
  const countOf = (day: string) => {
    let count = counts.get(day)
    if (!count) counts.set(day, (count = { day, triaged: 0, read: 0 }))
    return count
  }
  for (const { at } of triaged.values()) countOf(keyOf(at)).triaged++
  for (const { at } of read.values()) countOf(keyOf(at)).read++
  return [...counts.values()].sort((a, b) => a.day.localeCompare(b.day))
}

/** The Monday (YYYY-MM-DD) of the week holding `day`. */
function mondayOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`)
  const daysSinceMonday = (date.getUTCDay() + 6) % 7
  return new Date(date.getTime() - daysSinceMonday * DAY_MS).toISOString().slice(0, 10)
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}
