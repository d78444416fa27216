import type { Db } from '../db/openLibrary'
import type { ReadingStatus } from '../../../shared/models'

export interface StatusHistoryRow {
  from_status: ReadingStatus
  to_status: ReadingStatus
  changed_at: number
}

/** A change with the paper it belongs to and when that paper was added, for the reading stats. */
export interface PaperStatusChangeRow extends StatusHistoryRow {
  paper_id: number
  added_at: number
}

export function createStatusHistoryRepo(db: Db) {
  const insert = db.prepare<[number, ReadingStatus, ReadingStatus, number], never>(
    'INSERT INTO status_history (paper_id, from_status, to_status, changed_at) VALUES (?, ?, ?, ?)',
  )
  const forPaper = db.prepare<[number], StatusHistoryRow>(
    'SELECT from_status, to_status, changed_at FROM status_history WHERE paper_id = ? ORDER BY changed_at, id',
  )
  const all = db.prepare<[], PaperStatusChangeRow>(`
    SELECT h.paper_id, h.from_status, h.to_status, h.changed_at, p.added_at
    FROM status_history h JOIN papers p ON p.id = h.paper_id
    ORDER BY h.changed_at, h.id`)

  return {
    record: (paperId: number, from: ReadingStatus, to: ReadingStatus, at: number) =>
      insert.run(paperId, from, to, at),
    forPaper: (paperId: number) => forPaper.all(paperId),
    all: () => all.all(),
  }
}

export type StatusHistoryRepo = ReturnType<typeof createStatusHistoryRepo>
