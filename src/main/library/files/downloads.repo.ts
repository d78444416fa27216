import type { Db } from '../db/openLibrary'
import { createSettingsRepo } from '../repos/settings.repo'

/** A paper as the download queue sees it. */
export interface DownloadCandidateRow {
  id: number
  title: string
  arxiv_id: string | null
  has_pdf: 0 | 1
  queued: 0 | 1
}

/** The next waiting download, with its paper. */
export interface QueuedDownloadRow {
  id: number
  paper_id: number
  attempts: number
  title: string
  arxiv_id: string
}

export interface WaitingDownloadRow {
  paper_id: number
  title: string
  arxiv_id: string
}

export interface FailedDownloadRow {
  paper_id: number
  title: string
  problem: string
}

export type DownloadState = 'queued' | 'done' | 'failed' | 'cancelled'

const PAUSED_KEY = 'downloads.paused'

/** SQL of the persistent download queue (pdf_downloads) and its pause (settings). */
export function createDownloadsRepo(db: Db) {
  const candidate = db.prepare<[number], DownloadCandidateRow>(`
    SELECT p.id, p.title, p.arxiv_id,
      EXISTS (SELECT 1 FROM paper_files f WHERE f.paper_id = p.id) AS has_pdf,
      EXISTS (SELECT 1 FROM pdf_downloads d WHERE d.paper_id = p.id AND d.state = 'queued') AS queued
    FROM papers p WHERE p.id = ?`)
  const anyQueued = db
    .prepare<[], number>("SELECT EXISTS (SELECT 1 FROM pdf_downloads WHERE state = 'queued')")
    .pluck()
  const clearFinished = db.prepare<[], never>("DELETE FROM pdf_downloads WHERE state <> 'queued'")
  const clearFinishedOf = db.prepare<[number], never>(
    "DELETE FROM pdf_downloads WHERE paper_id = ? AND state <> 'queued'",
  )
  const insert = db.prepare<[number, number, number], never>(
    'INSERT INTO pdf_downloads (paper_id, created_at, updated_at) VALUES (?, ?, ?)',
  )
  const next = db.prepare<[], QueuedDownloadRow>(`
    SELECT d.id, d.paper_id, d.attempts, p.title, p.arxiv_id
    FROM pdf_downloads d JOIN papers p ON p.id = d.paper_id
    WHERE d.state = 'queued' ORDER BY d.id LIMIT 1`)
  const storing = db.prepare<[number, number], never>(
    'UPDATE pdf_downloads SET attempts = attempts + 1, updated_at = ? WHERE id = ?',
  )
  const finish = db.prepare<[DownloadState, string | null, number, number], never>(
    "UPDATE pdf_downloads SET state = ?, problem = ?, updated_at = ? WHERE id = ? AND state = 'queued'",
  )
  const cancelQueued = db.prepare<[number], never>(
    "UPDATE pdf_downloads SET state = 'cancelled', updated_at = ? WHERE state = 'queued'",
  )
  const cancelQueuedOf = db.prepare<[number, string], never>(`
    UPDATE pdf_downloads SET state = 'cancelled', updated_at = ?
    WHERE state = 'queued' AND paper_id IN (SELECT value FROM json_each(?))`)
  const counts = db.prepare<[], { state: DownloadState; count: number }>(
    'SELECT state, count(*) AS count FROM pdf_downloads GROUP BY state',
  )
  const waiting = db.prepare<[], WaitingDownloadRow>(`
    SELECT d.paper_id, p.title, p.arxiv_id
    FROM pdf_downloads d JOIN papers p ON p.id = d.paper_id
    WHERE d.state = 'queued' ORDER BY d.id`)
  const failed = db.prepare<[], FailedDownloadRow>(`
    SELECT d.paper_id, p.title, coalesce(d.problem, '') AS problem
    FROM pdf_downloads d JOIN papers p ON p.id = d.paper_id
    WHERE d.state = 'failed' ORDER BY d.updated_at, d.id`)
  const settings = createSettingsRepo(db)

  return {
    candidate: (paperId: number): DownloadCandidateRow | undefined => candidate.get(paperId),
    anyQueued: (): boolean => anyQueued.get() === 1,
    /** Forgets the finished rows of the last run (a new run starts when nothing waits). */
    clearFinished: () => clearFinished.run(),
    /** Queues papers, all or none; a paper's finished row of this run gives way to the new one. */
    enqueue: db.transaction((paperIds: readonly number[], at: number) => {
      for (const id of paperIds) {
        clearFinishedOf.run(id)
        insert.run(id, at, at)
      }
    }),
    next: (): QueuedDownloadRow | undefined => next.get(),
    /**
     * Counts a hand-over of the bytes to the store (in `attempts`), so a PDF that keeps the app
     * from finishing (it quit or crashed while storing) is noticed on the next start.
     */
    storing: (id: number, at: number) => storing.run(at, id),
    /** Ends a waiting download; one cancelled meanwhile stays cancelled. */
    finish: (
      id: number,
      state: Exclude<DownloadState, 'queued'>,
      problem: string | null,
      at: number,
    ) => finish.run(state, problem, at, id),
    cancelQueued: (at: number) => cancelQueued.run(at).changes,
    cancelQueuedOf: (paperIds: readonly number[], at: number) =>
      cancelQueuedOf.run(at, JSON.stringify(paperIds)).changes,
    counts: (): Record<DownloadState, number> => {
      const result = { queued: 0, done: 0, failed: 0, cancelled: 0 }
      for (const row of counts.all()) result[row.state] = row.count
      return result
    },
    /** The papers waiting, in the order they will be downloaded. */
    waiting: (): WaitingDownloadRow[] => waiting.all(),
    failed: (): FailedDownloadRow[] => failed.all(),
    paused: (): boolean => settings.get(PAUSED_KEY) === 'true',
    setPaused: (paused: boolean) => settings.set(PAUSED_KEY, String(paused)),
  }
}

export type DownloadsRepo = ReturnType<typeof createDownloadsRepo>
