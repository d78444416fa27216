import type { NewPdfAnnotation } from '../../../shared/models'
import { linesPdf } from '../files/testPdfs'
import { openLibrary, type Library } from '../library'
import { writeFile } from './tempDirs'

const ABSTRACT = 'Sparse attention cuts memory. Dense attention keeps accuracy. We compare both.'

/** Pages of a small PDF, `pages` long, each saying which page it is. */
export function pdfOfPages(pages: number, version = 1): Promise<Uint8Array> {
  return linesPdf(
    Array.from({ length: pages }, (_, i) => [`Version ${version}, page ${i + 1}.`, 'Body text.']),
  )
}

/** A library in `dir` with one paper (id 1) holding a PDF of `pages` pages; its sha256. */
export async function libraryWithPdf(
  dir: string,
  { pages = 3, now }: { pages?: number; now?: () => number } = {},
): Promise<{ library: Library; sha256: string }> {
  const library = openLibrary(dir, now ? { now } : {})
  await library.importFiles([writeFile(dir, 'aug6.txt', `Aug 6\n\nA paper\n\n${ABSTRACT}\n`)])
  const paper = await library.pdfs.attach(1, { name: 'paper.pdf', data: await pdfOfPages(pages) })
  return { library, sha256: paper.files[0]!.sha256 }
}

/** A highlight on page 1 (index 0) of paper 1's file `sha256`, as the reader would send it. */
export function newAnnotation(
  sha256: string,
  change: Partial<NewPdfAnnotation> = {},
): NewPdfAnnotation {
  return {
    paperId: 1,
    sha256,
    type: 'highlight',
    color: 'yellow',
    position: { pageIndex: 0, rects: [[72, 718, 200, 731]] },
    quote: 'Version 1',
    prefix: '',
    suffix: ', page 1.',
    offset: 0,
    ...change,
  }
}

/** The eight bytes every PNG starts with, and a little after them. */
export const PNG_BYTES = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 1, 2])
