import { describe, expect, it } from 'vitest'
import type { DigestSummary, ReadingStatus } from '../../../shared/models'
import type { PaperStatusChangeRow } from '../repos/statusHistory.repo'
import { computeReadingStats } from './readingStats'

const HOUR_MS = 3_600_000
const NONE = { annotations: 0, papers: 0 }
const at = (day: number, hour: number, minute = 0) => Date.UTC(2026, 7, day, hour, minute)

function paper(id: number, addedAt: number, ...steps: Array<[ReadingStatus, number]>) {
  let from: ReadingStatus = 'new'
  return steps.map(([to, changedAt]): PaperStatusChangeRow => {
    const row = {
      paper_id: id,
      from_status: from,
      to_status: to,
      changed_at: changedAt,
      added_at: addedAt,
    }
    from = to
    return row
  })
}

// Aug 3 2026 is a Monday. Times are UTC; the reader below is two hours ahead (UTC+2).
const HISTORY = [
  // Triaged late on Aug 3 either way; read at 22:30 UTC on Aug 4, which is 00:30 on Aug 5 at UTC+2.
  ...paper(1, at(3, 8), ['to-read', at(3, 21, 30)], ['read', at(4, 22, 30)]),
  // Read on Aug 5, reset to new, read again on Aug 10: only the first time counts.
  ...paper(2, at(3, 8), ['read', at(5, 10)], ['new', at(6, 10)], ['read', at(10, 10)]),
  ...paper(3, at(3, 8), ['not-reading', at(10, 9)]),
  // Read at 23:00 UTC on Sunday Aug 9: Monday Aug 10, a new week, at UTC+2.
  ...paper(4, at(4, 0), ['reading', at(4, 12)], ['read', at(9, 23)]),
  ...paper(5, at(5, 0), ['read', at(5, 6)]),
]

const DIGESTS: DigestSummary[] = [
  { id: 1, date: '2026-08-03', sourceFile: 'a.txt', importedAt: 1, paperCount: 3, newCount: 0 },
  { id: 3, date: '2026-08-05', sourceFile: 'c.txt', importedAt: 3, paperCount: 1, newCount: 0 },
  { id: 2, date: '2026-08-04', sourceFile: 'b.txt', importedAt: 2, paperCount: 2, newCount: 1 },
]

describe('computeReadingStats', () => {
  it('counts each paper triaged on the day it first left new and read on the day it was first read', () => {
    const stats = computeReadingStats(HISTORY, DIGESTS, 120, NONE)
    expect(stats.perDay).toEqual([
      { day: '2026-08-03', triaged: 1, read: 0 },
      { day: '2026-08-04', triaged: 1, read: 0 },
      { day: '2026-08-05', triaged: 2, read: 3 },
      { day: '2026-08-10', triaged: 1, read: 1 },
    ])
    expect(stats.perWeek).toEqual([
      { day: '2026-08-03', triaged: 4, read: 3 },
      { day: '2026-08-10', triaged: 1, read: 1 },
    ])
  })

  it('puts activity near midnight on the reader’s own calendar day', () => {
    const stats = computeReadingStats(HISTORY, DIGESTS, 0, NONE)
    expect(stats.perDay).toEqual([
      { day: '2026-08-03', triaged: 1, read: 0 },
      { day: '2026-08-04', triaged: 1, read: 1 },
      { day: '2026-08-05', triaged: 2, read: 2 },
      { day: '2026-08-09', triaged: 0, read: 1 },
      { day: '2026-08-10', triaged: 1, read: 0 },
    ])
    expect(stats.perWeek).toEqual([
      { day: '2026-08-03', triaged: 4, read: 4 },
      { day: '2026-08-10', triaged: 1, read: 0 },
    ])
    // Ten hours behind UTC (Hawaii): paper 2's 10:00 UTC is midnight, the start of Aug 5.
    expect(computeReadingStats(HISTORY, DIGESTS, -600, NONE).perDay).toEqual([
      { day: '2026-08-03', triaged: 1, read: 0 },
      { day: '2026-08-04', triaged: 2, read: 2 },
      { day: '2026-08-05', triaged: 1, read: 1 },
      { day: '2026-08-09', triaged: 1, read: 1 },
    ])
  })

  it('takes the median time from import to first read over an even number of papers', () => {
    // 6 h (paper 5), 38.5 h (1), 50 h (2), 143 h (4): the median is halfway between 38.5 and 50.
    const stats = computeReadingStats(HISTORY, DIGESTS, 120, NONE)
    expect(stats.readCount).toBe(4)
    expect(stats.medianImportToReadMs).toBe(44.25 * HOUR_MS)
    const odd = computeReadingStats(
      HISTORY.filter((row) => row.paper_id !== 5),
      DIGESTS,
      120,
      NONE,
    )
    expect(odd.medianImportToReadMs).toBe(50 * HOUR_MS)
  })

  it('gives the backlog per digest, newest first', () => {
    expect(computeReadingStats(HISTORY, DIGESTS, 0, NONE).backlog).toEqual([
      { date: '2026-08-05', paperCount: 1, newCount: 0 },
      { date: '2026-08-04', paperCount: 2, newCount: 1 },
      { date: '2026-08-03', paperCount: 3, newCount: 0 },
    ])
  })

  it('is empty before any change', () => {
    expect(computeReadingStats([], [], 0, NONE)).toEqual({
      perDay: [],
      perWeek: [],
      backlog: [],
      medianImportToReadMs: null,
      readCount: 0,
      annotationCount: 0,
      annotatedPaperCount: 0,
    })
  })

  it('passes on how many annotations there are and on how many papers', () => {
    const stats = computeReadingStats([], [], 0, { annotations: 7, papers: 3 })
    expect([stats.annotationCount, stats.annotatedPaperCount]).toEqual([7, 3])
  })
})
