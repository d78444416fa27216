import type { PaperFilter } from '../repos/papers.repo'
import type { LibrarySnapshot } from './librarySnapshot'

export type ExportFilter = Pick<PaperFilter, 'digest' | 'status'>

/**
 * The part of the library a filtered export holds: the matching papers whole, the digests that
 * list them (only the filter's digest, when it names one) with just their appearances, the tags
 * they carry and the files those digests and papers came from. It still loads into an empty
 * library.
 */
export function narrowSnapshot(snapshot: LibrarySnapshot, filter: ExportFilter): LibrarySnapshot {
  const { digest, status } = filter
  if (digest === undefined && status === undefined) return snapshot
  const digests = snapshot.digests.filter((d) => digest === undefined || d.date === digest)
  const listed = new Set(digests.flatMap((d) => d.papers.map((a) => a.paperId)))
  const papers = snapshot.papers.filter(
    (p) =>
      (digest === undefined || listed.has(p.id)) && (status === undefined || p.status === status),
  )
  const kept = new Set(papers.map((p) => p.id))
  const keptDigests = digests
    .map((d) => ({ ...d, papers: d.papers.filter((a) => kept.has(a.paperId)) }))
    .filter((d) => d.papers.length > 0)
  const tagNames = new Set(papers.flatMap((p) => p.tags))
  const hashes = new Set(keptDigests.map((d) => d.contentHash))
  const sourceFiles = new Set(papers.flatMap((p) => p.sources))
  return {
    ...snapshot,
    importFiles: snapshot.importFiles.filter(
      (f) => hashes.has(f.contentHash) || sourceFiles.has(f.id),
    ),
    digests: keptDigests,
    tags: snapshot.tags.filter((t) => tagNames.has(t.name)),
    papers,
  }
}
