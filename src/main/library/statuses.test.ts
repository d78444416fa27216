import { describe, expect, it } from 'vitest'
import { openLibrary } from './library'
import { SEED_DIGEST, useTempDir } from './testing/tempDirs'

const tempDir = useTempDir()
const NOW = Date.UTC(2026, 7, 6, 9)
const HOUR_MS = 3_600_000

async function seededLibrary(now = () => NOW) {
  const library = openLibrary(tempDir(), { now })
  await library.importFiles([SEED_DIGEST])
  return library
}

const historyRows = (library: ReturnType<typeof openLibrary>) =>
  library.db.prepare('SELECT count(*) AS n FROM status_history').get()

describe('setStatuses', () => {
  it('changes many papers at once, recording each real change, and answers what they were', async () => {
    const library = await seededLibrary()
    library.setStatus(2, 'reading')
    const { previous } = library.setStatuses([
      { id: 1, status: 'read' },
      { id: 2, status: 'not-reading' },
      { id: 3, status: 'new' },
    ])
    expect(previous).toEqual([
      { id: 1, status: 'new' },
      { id: 2, status: 'reading' },
    ])
    expect(library.getPaper(2).statusHistory).toEqual([
      { from: 'new', to: 'reading', at: NOW },
      { from: 'reading', to: 'not-reading', at: NOW },
    ])
    expect(library.getPaper(3).statusHistory).toEqual([])
    expect(library.listDigests()[0]).toMatchObject({ paperCount: 38, newCount: 36 })
  })

  it('undoes a call by applying its previous statuses, even when a paper changed twice', async () => {
    const library = await seededLibrary()
    library.setStatus(4, 'to-read')
    const { previous } = library.setStatuses([
      { id: 4, status: 'read' },
      { id: 5, status: 'read' },
      { id: 4, status: 'not-reading' },
    ])
    expect(previous).toEqual([
      { id: 4, status: 'to-read' },
      { id: 5, status: 'new' },
    ])
    library.setStatuses(previous)
    expect([library.getPaper(4).status, library.getPaper(5).status]).toEqual(['to-read', 'new'])
    expect(library.getPaper(4).statusHistory.map((c) => c.to)).toEqual([
      'to-read',
      'read',
      'not-reading',
      'to-read',
    ])
  })

  it('writes nothing when one id is unknown', async () => {
    const library = await seededLibrary()
    expect(() =>
      library.setStatuses([
        { id: 1, status: 'read' },
        { id: 999, status: 'read' },
      ]),
    ).toThrow('There is no paper with id 999.')
    expect(library.getPaper(1).status).toBe('new')
    expect(historyRows(library)).toEqual({ n: 0 })
  })

  it('marks a whole digest in one call', async () => {
    const library = await seededLibrary()
    const all = library.listPapers().map((p) => ({ id: p.id, status: 'to-read' as const }))
    expect(library.setStatuses(all).previous).toHaveLength(38)
    expect(library.statusCounts()).toMatchObject({ new: 0, 'to-read': 38 })
    expect(historyRows(library)).toEqual({ n: 38 })
  })
})

describe('readingStats', () => {
  it('counts what the status history holds, on the reader’s calendar', async () => {
    let now = NOW
    const library = await seededLibrary(() => now)
    now = NOW + 2 * HOUR_MS
    library.setStatuses([
      { id: 1, status: 'read' },
      { id: 2, status: 'to-read' },
    ])
    now = Date.UTC(2026, 7, 6, 23)
    library.setStatus(3, 'read')
    library.setStatus(1, 'new')
    library.setStatus(1, 'read')

    expect(library.readingStats(0)).toEqual({
      perDay: [{ day: '2026-08-06', triaged: 3, read: 2 }],
      perWeek: [{ day: '2026-08-03', triaged: 3, read: 2 }],
      backlog: [{ date: '2026-08-06', paperCount: 38, newCount: 35 }],
      medianImportToReadMs: (2 * HOUR_MS + 14 * HOUR_MS) / 2,
      readCount: 2,
      annotationCount: 0,
      annotatedPaperCount: 0,
    })
    expect(library.readingStats(60).perDay).toEqual([
      { day: '2026-08-06', triaged: 2, read: 1 },
      { day: '2026-08-07', triaged: 1, read: 1 },
    ])
  })
})
