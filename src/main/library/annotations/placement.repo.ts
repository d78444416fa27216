import type { Db } from '../db/openLibrary'

/** SQL for finding what re-anchoring has left to do; nothing else. */
export function createPlacementRepo(db: Db) {
  // A paper's current file is its newest (paper_files in the order they were added).
  const unplaced = db
    .prepare<[], number>(
      `SELECT DISTINCT a.paper_id FROM pdf_annotations a
       WHERE a.sha256 IS NOT (
         SELECT f.sha256 FROM paper_files pf JOIN pdf_files f ON f.id = pf.file_id
         WHERE pf.paper_id = a.paper_id ORDER BY pf.added_at DESC, f.id DESC LIMIT 1)
       AND EXISTS (SELECT 1 FROM paper_files pf WHERE pf.paper_id = a.paper_id)
       ORDER BY a.paper_id`,
    )
    .pluck()
  return {
    /** Papers with annotations on a file other than their current one. */
    papersWithUnplaced: (): number[] => unplaced.all(),
  }
}
