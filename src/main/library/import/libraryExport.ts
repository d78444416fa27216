import { isMarginError, MarginError } from '../../../shared/errors'
import type { FileImportReport } from '../../../shared/models'
import type { Db } from '../db/openLibrary'
import { loadLibraryText, type LoadSummary } from '../export/loadLibraryJson'
import { SNAPSHOT_FORMAT } from '../export/librarySnapshot'
import type { SnapshotRepo } from '../repos/snapshot.repo'
import type { DigestSource } from './digestSource'

/** A Margin JSON export that `import` loaded (into an empty library), reported as a file. */
export type ExportFileReport = Extract<FileImportReport, { ok: true }> & {
  /** What the export brought, as `import-json` reports it. */
  libraryExport: LoadSummary
}

export function isExportReport(report: FileImportReport): report is ExportFileReport {
  return report.ok && 'libraryExport' in report
}

/** An export's first key, within its head (DigestSource.head). */
const EXPORT_HEAD = new RegExp(`^\\uFEFF?\\s*\\{[^]*?"format"\\s*:\\s*"${SNAPSHOT_FORMAT}"`)

/** The source is a Margin JSON export (told by its content, as every source is). */
export function isLibraryExport(source: DigestSource): boolean {
  if (source.parse) return false
  try {
    return EXPORT_HEAD.test(new TextDecoder().decode(source.head()))
  } catch {
    return false // Unreadable: the digest path says why.
  }
}

/**
 * Loads an export given to `import` as `import-json` loads it: parsed and checked whole,
 * written in one transaction, only into an empty library. Into a library that has anything,
 * refused with what to do instead, before reading it; nothing is written either way on failure.
 */
export function loadExportSource(
  db: Db,
  snapshots: SnapshotRepo,
  source: DigestSource,
): FileImportReport {
  try {
    if (snapshots.counts().rows > 0) throw notEmpty(source.name)
    const text = new TextDecoder().decode(source.whole())
    const { rows, summary } = loadLibraryText(db, snapshots, text, source.name, () =>
      notEmpty(source.name),
    )
    const papersOn = new Map<number, number>()
    for (const row of rows.appearances) {
      papersOn.set(row.digest_id, (papersOn.get(row.digest_id) ?? 0) + 1)
    }
    const report: ExportFileReport = {
      file: source.name,
      ok: true,
      source: rows.importFiles[0]?.source ?? 'text-digest',
      digests: rows.digests.map((d) => ({ date: d.date, papers: papersOn.get(d.id) ?? 0 })),
      added: rows.papers.length,
      alreadyPresent: 0,
      alreadyImported: false,
      libraryExport: summary,
    }
    return report
  } catch (error) {
    const { code, message } = isMarginError(error)
      ? error
      : {
          code: 'WRITE_FAILED',
          message: `${source.name}: the library could not store it (${String(error)}); nothing was written.`,
        }
    return { file: source.name, ok: false, error: { code, message } }
  }
}

function notEmpty(name: string): MarginError {
  const file = /\s/.test(name) ? `"${name}"` : name
  return new MarginError(
    'LIBRARY_NOT_EMPTY',
    `${name} is a Margin library export; it loads only into an empty library (margin import-json ${file} --library NEW_DIR); to bring two libraries together, sync them (margin sync --folder DIR). Nothing of it was imported.`,
  )
}
