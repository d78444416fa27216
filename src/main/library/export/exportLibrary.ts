import { join } from 'node:path'
import { MarginError } from '../../../shared/errors'
import type { PaperDetail } from '../../../shared/models'
import { ensureFolder, writeFileAtomic } from './atomicWrite'
import { papersBibtex } from './bibtex'
import { papersCsv } from './csv'
import { libraryJson } from './json'
import type { LibrarySnapshot } from './librarySnapshot'
import { markdownPerDigest, markdownPerPaper, type MarkdownFile } from './markdown'
import { ATTACHMENTS_FOLDER } from './markdownAnnotations'
import { narrowSnapshot, type ExportFilter } from './narrowSnapshot'

export const EXPORT_FORMATS = ['markdown', 'json', 'csv', 'bibtex'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

export interface ExportOptions extends ExportFilter {
  /** Markdown only: one file per paper (the default) or per digest. */
  per?: 'paper' | 'digest' | undefined
}

export interface ExportSummary {
  format: ExportFormat
  /** The files written; for Markdown, each file in the folder (area pictures included). */
  written: string[]
  papers: number
  /** BibTeX: papers left out for lack of an arXiv id. */
  skipped: number
}

/** What an export reads from the library. */
export interface ExportSource {
  /** The papers the filter matches, as the app shows them, in list order. */
  papers: (filter: ExportFilter) => PaperDetail[]
  /** Dates of every digest, newest first. */
  digestDates: () => string[]
  snapshot: () => LibrarySnapshot
  /** An area annotation's picture (PNG), or null. */
  annotationImage: (id: number) => Uint8Array | null
}

/**
 * Writes the papers matching the filter to `outPath` (a folder for Markdown, else a file). Every
 * file is written whole or not at all; see atomicWrite.
 */
export async function exportLibrary(
  source: ExportSource,
  format: ExportFormat,
  outPath: string,
  options: ExportOptions = {},
): Promise<ExportSummary> {
  const filter = { digest: options.digest, status: options.status }
  if (filter.digest !== undefined && !source.digestDates().includes(filter.digest)) {
    throw new MarginError('NOT_FOUND', `There is no digest dated ${filter.digest}.`)
  }
  if (options.per === 'digest' && format !== 'markdown') {
    throw new MarginError('INVALID_ARGUMENT', 'One file per digest is a Markdown export option.')
  }
  const summary = (papers: number, skipped = 0, written = [outPath]): ExportSummary => ({
    format,
    written,
    papers,
    skipped,
  })
  switch (format) {
    case 'markdown': {
      const { written, papers } = await writeMarkdown(source, outPath, filter, options.per)
      return summary(papers, 0, written)
    }
    case 'json': {
      const snapshot = narrowSnapshot(source.snapshot(), filter)
      await writeFileAtomic(outPath, libraryJson(snapshot))
      return summary(snapshot.papers.length)
    }
    case 'csv': {
      const papers = source.papers(filter)
      await writeFileAtomic(outPath, papersCsv(papers))
      return summary(papers.length)
    }
    case 'bibtex': {
      const papers = source.papers(filter)
      const { text, skipped } = papersBibtex(papers)
      await writeFileAtomic(outPath, text)
      return summary(papers.length - skipped, skipped)
    }
  }
}

/**
 * Notes written at once: each write waits for its own flush to disk, and a disk serves several
 * (5,000 notes took 8 s one by one, 3 s sixteen at a time, on the machine this was built on).
 */
const PARALLEL_WRITES = 16

async function writeMarkdown(
  source: ExportSource,
  dir: string,
  filter: ExportFilter,
  per: ExportOptions['per'],
): Promise<Pick<ExportSummary, 'written' | 'papers'>> {
  let files: MarkdownFile[]
  let papers: number
  if (per === 'digest') {
    const digests = source
      .digestDates()
      .filter((date) => filter.digest === undefined || date === filter.digest)
      .map((date) => ({ date, papers: source.papers({ ...filter, digest: date }) }))
      .filter((digest) => digest.papers.length > 0)
    files = markdownPerDigest(digests)
    papers = new Set(digests.flatMap((d) => d.papers.map((p) => p.id))).size
  } else {
    const all = source.papers(filter)
    files = markdownPerPaper(all)
    papers = all.length
  }
  // Each file is replaced on its own rather than the folder as a whole: the folder may be an
  // Obsidian vault holding the person's other notes, which must stay untouched.
  await ensureFolder(dir)
  const writes: Array<{ path: string; data: () => string | Uint8Array | null }> = files.map(
    (file) => ({ path: join(dir, file.name), data: () => file.content }),
  )
  const pictures = files.flatMap((file) => file.attachments)
  if (pictures.length) await ensureFolder(join(dir, ATTACHMENTS_FOLDER))
  for (const picture of pictures) {
    // Read one at a time as it is written, not all at once: pictures are up to 4 MB each.
    const data = () => source.annotationImage(picture.annotationId)
    writes.push({ path: join(dir, picture.path), data })
  }
  const written: string[] = []
  for (let i = 0; i < writes.length; i += PARALLEL_WRITES) {
    const batch = writes.slice(i, i + PARALLEL_WRITES)
    const done = await Promise.all(
      batch.map(async ({ path, data }) => {
        const content = data()
        // A picture deleted since the notes were made is left out.
        if (content === null) return null
        await writeFileAtomic(path, content)
        return path
      }),
    )
    written.push(...done.filter((path) => path !== null))
  }
  return { written, papers }
}
