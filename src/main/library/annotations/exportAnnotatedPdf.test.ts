import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { NewPdfAnnotation } from '../../../shared/models'
import { sha256Of } from '../files/pdfStore'
import { openLibrary, type Library } from '../library'
import { paperPdf } from '../testing/paperPdf'
import { readPdfAnnotations } from '../testing/readPdfAnnotations'
import { SEED_DIGEST, useTempDir, writeFile } from '../testing/tempDirs'
import { annotatedPdfName, exportAnnotatedPdf } from './exportAnnotatedPdf'

const tempDir = useTempDir()
const opened: Library[] = []
afterEach(() => {
  for (const library of opened.splice(0)) library.close()
})

async function libraryWithPaper(): Promise<Library> {
  let clock = Date.UTC(2026, 10, 30, 12)
  const library = openLibrary(tempDir(), { now: () => (clock += 1000) })
  opened.push(library)
  await library.importFiles([SEED_DIGEST], { year: 2026 })
  return library
}

const annotation = (sha256: string, fields: Partial<NewPdfAnnotation>): NewPdfAnnotation => ({
  paperId: 1,
  sha256,
  type: 'highlight',
  color: 'yellow',
  position: { pageIndex: 0, rects: [[72, 600, 296, 610]] },
  quote: 'a quote',
  prefix: '',
  suffix: '',
  offset: 0,
  ...fields,
})

describe('exportAnnotatedPdf', () => {
  it("writes a copy of the paper's current PDF with the annotations placed on it", async () => {
    const library = await libraryWithPaper()
    const v1 = writeFile(tempDir(), 'v1.pdf', (await paperPdf({ pages: 2, seed: 1 })).bytes)
    const first = (await library.pdfs.attachPath(1, v1)).files[0]!.sha256
    library.annotations.create(
      annotation(first, { quote: 'words v2 no longer has', comment: 'v1' }),
    )
    const v2 = await paperPdf({ pages: 3, seed: 2 })
    const current = (await library.pdfs.attachPath(1, writeFile(tempDir(), 'v2.pdf', v2.bytes)))
      .files[1]!.sha256
    await library.pdfs.whenTextIdle()
    library.annotations.create(annotation(current, { comment: 'on v2, p. 1' }))
    library.annotations.create(
      annotation(current, {
        type: 'note',
        color: 'pink',
        quote: '',
        comment: 'a note on p. 3',
        position: { pageIndex: 2, rects: [[300, 400, 322, 422]] },
      }),
    )
    expect(library.getPaper(1).annotations.map((a) => a.detached)).toEqual([
      null,
      null,
      'earlier-version',
    ])

    const out = join(tempDir(), 'annotated.pdf')
    expect(await exportAnnotatedPdf(library, 1, out)).toEqual({
      path: out,
      written: 2,
      leftOut: 1,
    })
    const found = await readPdfAnnotations(readFileSync(out))
    expect(found.map(({ page, subtype, contents }) => [page, subtype, contents])).toEqual([
      [1, 'Highlight', 'on v2, p. 1'],
      [3, 'Text', 'a note on p. 3'],
    ])
    // The stored PDF is as it was.
    expect(sha256Of(readFileSync(library.pdfs.store.pathOf(current)))).toBe(current)
  })

  it('refuses a paper without a PDF, and a place inside the PDF store', async () => {
    const library = await libraryWithPaper()
    await expect(exportAnnotatedPdf(library, 2, join(tempDir(), 'x.pdf'))).rejects.toThrow(
      'Paper #2 has no PDF to export; attach one first (margin attach 2 FILE).',
    )
    const pdf = writeFile(tempDir(), 'p.pdf', (await paperPdf({ pages: 1 })).bytes)
    const sha256 = (await library.pdfs.attachPath(1, pdf)).files[0]!.sha256
    const stored = library.pdfs.store.pathOf(sha256)
    await expect(exportAnnotatedPdf(library, 1, stored)).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining("is inside the library's PDF store"),
    })
    expect(sha256Of(readFileSync(stored))).toBe(sha256)
  })

  it('offers a file name made from the title', () => {
    expect(annotatedPdfName({ title: 'NanoFlow: Optimal "LLM" Serving' })).toBe(
      'NanoFlow Optimal LLM Serving (annotated).pdf',
    )
  })
})
