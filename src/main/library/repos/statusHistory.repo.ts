import type { Db } from '../db/openLibrary'
import type { ReadingStatus } from '../../../shared/models'

export interface StatusHistoryRow {
  from_status: ReadingStatus
  to_status: ReadingStatus
  changed_at: number
}

export function createStatusHistoryRepo(db: Db) {
  const insert = db.prepare<[number, ReadingStatus, ReadingStatus, number], never>(
    'INSERT INTO status_history (paper_id, from_status, to_status, changed_at) VALUES (?, ?, ?, ?)',
  )
  const forPaper = db.prepare<[number], StatusHistoryRow>(
    'SELECT from_status, to_status, changed_at FROM status_history WHERE paper_id = ? ORDER BY changed_at, id',
  )

  return {
    record: (paperId: number, from: ReadingStatus, to: ReadingStatus, at: number) =>
      insert.run(paperId, from, to, at),
    forPaper: (paperId: number) => forPaper.all(paperId),
  }
}

export type StatusHistoryRepo = ReturnType<typeof createStatusHistoryRepo>
