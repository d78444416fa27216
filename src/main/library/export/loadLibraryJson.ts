import { readFileSync } from 'node:fs'
import { MarginError } from '../../../shared/errors'
import type { LibraryLoadSummary } from '../../../shared/models'
import type { Db } from '../db/openLibrary'
import type { SnapshotRepo } from '../repos/snapshot.repo'
import { withBulkIndexing } from '../search/bulkIndexing'
import { counted } from './counted'
import { parseLibraryJson } from './json'
import { rowsFromSnapshot } from './snapshotRows'

export type LoadSummary = LibraryLoadSummary

/**
 * Loads a Margin JSON export into an empty library, in one transaction: afterwards the library
 * is the one that was exported, ids, times, positions and history included.
 */
export function loadLibraryJson(db: Db, snapshots: SnapshotRepo, path: string): LoadSummary {
  return loadLibraryText(
    db,
    snapshots,
    readText(path),
    path,
    (present) =>
      new MarginError(
        'LIBRARY_NOT_EMPTY',
        `This library is not empty (${counted(present.papers, 'paper')}, ${counted(present.digests, 'digest')}); an export loads only into an empty library, so choose a new library folder.`,
      ),
  ).summary
}

/**
 * The text of an export (named `name` in messages) loaded into an empty library in one
 * transaction; `notEmpty` is the refusal when the library holds anything. The rows written
 * and what they add up to.
 */
export function loadLibraryText(
  db: Db,
  snapshots: SnapshotRepo,
  text: string,
  name: string,
  notEmpty: (present: ReturnType<SnapshotRepo['counts']>) => MarginError,
) {
  const snapshot = parseLibraryJson(text, name)
  const rows = rowsFromSnapshot(snapshot)
  db.transaction(() => {
    const present = snapshots.counts()
    if (present.rows > 0) throw notEmpty(present)
    try {
      withBulkIndexing(db, (bulk) => {
        bulk.addingPapers()
        snapshots.write(rows)
      })
    } catch (error) {
      // The schema checks each value; what it cannot see (two papers with one arXiv id, a
      // repeated id) the database refuses.
      throw new MarginError(
        'NOT_A_MARGIN_EXPORT',
        `${name}: the export contradicts itself (${(error as Error).message}); nothing was imported.`,
      )
    }
  }).immediate()
  const summary: LoadSummary = {
    papers: rows.papers.length,
    digests: rows.digests.length,
    notes: rows.notes.length,
    highlights: rows.highlights.length,
    pdfAnnotations: rows.pdfAnnotations.length,
    tags: rows.tags.length,
  }
  return { rows, summary }
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a folder'
          : code === 'EACCES'
            ? 'permission denied'
            : (error as Error).message
    throw new MarginError('FILE_UNREADABLE', `${path}: cannot read the file (${reason}).`)
  }
}

const NOUNS: ReadonlyArray<[keyof LoadSummary, string]> = [
  ['papers', 'paper'],
  ['digests', 'digest'],
  ['notes', 'note'],
  ['highlights', 'highlight'],
  ['pdfAnnotations', 'PDF annotation'],
  ['tags', 'tag'],
]

/** What an export brings, in words: "38 papers, 1 digest, 1 note, … and 1 tag". */
export function describeLoad(summary: LoadSummary): string {
  const parts = NOUNS.map(([key, noun]) => counted(summary[key], noun))
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`
}
