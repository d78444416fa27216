import { readFile } from 'node:fs/promises'
import { isAbsolute, relative, resolve } from 'node:path'
import { MarginError } from '../../../shared/errors'
import type { PaperDetail } from '../../../shared/models'
import { writeFileAtomic } from '../export/atomicWrite'
import { uniqueFileNames } from '../export/fileNames'
import { annotatedPdf } from './annotatedPdf'

/** What the export reads of the library: the paper, and where its PDFs are stored. */
export interface AnnotatedPdfSource {
  getPaper: (paperId: number) => PaperDetail
  pdfs: { store: { root: string; pathOf: (sha256: string) => string } }
}

export interface AnnotatedPdfExport {
  path: string
  /** The annotations written into the copy. */
  written: number
  /** Detached annotations, left out: they are not placed on this PDF. */
  leftOut: number
}

/** A file name to offer for the copy: the paper's title, marked as annotated. */
export function annotatedPdfName(paper: Pick<PaperDetail, 'title'>): string {
  return uniqueFileNames([`${paper.title} (annotated)`], '.pdf')[0]!
}

/**
 * Writes a copy of the paper's current PDF (its newest) to `outPath` with its annotations as
 * standard PDF annotations, whole or not at all. The stored PDF is never changed.
 */
export async function exportAnnotatedPdf(
  library: AnnotatedPdfSource,
  paperId: number,
  outPath: string,
): Promise<AnnotatedPdfExport> {
  const paper = library.getPaper(paperId)
  const file = paper.files.at(-1)
  if (!file) {
    throw new MarginError(
      'NOT_FOUND',
      `Paper #${paperId} has no PDF to export; attach one first (margin attach ${paperId} FILE).`,
    )
  }
  const path = resolve(outPath)
  const inStore = relative(resolve(library.pdfs.store.root), path)
  if (!inStore.startsWith('..') && !isAbsolute(inStore)) {
    throw new MarginError(
      'INVALID_ARGUMENT',
      `${outPath} is inside the library's PDF store, which only Margin writes; choose another place.`,
    )
  }
  const placed = paper.annotations.filter((a) => a.detached === null && a.sha256 === file.sha256)
  const copy = await annotatedPdf(await readStored(library, file.sha256), placed)
  await writeFileAtomic(path, copy)
  return { path, written: placed.length, leftOut: paper.annotations.length - placed.length }
}

async function readStored(library: AnnotatedPdfSource, sha256: string): Promise<Uint8Array> {
  try {
    return await readFile(library.pdfs.store.pathOf(sha256))
  } catch (error) {
    throw new MarginError(
      'NOT_FOUND',
      `The PDF ${sha256.slice(0, 12)}… cannot be read from the library folder (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); run “margin check”.`,
      { cause: error },
    )
  }
}
