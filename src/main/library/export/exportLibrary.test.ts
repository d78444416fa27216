import { readdirSync, readFileSync } from 'node:fs'
import { basename, join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openLibrary, type Library } from '../library'
import type { NewPdfAnnotation } from '../../../shared/models'
import { dumpTables } from '../testing/dumpTables'
import { paperPdf } from '../testing/paperPdf'
import { SEED_DIGEST, useTempDir, writeFile } from '../testing/tempDirs'

const tempDir = useTempDir()

const AUG_5 = `Aug 5

arXiv:2408.12757

NanoFlow: Towards Optimal Large Language Model Serving Throughput

We serve LLMs at 1.9x the throughput, see https://github.com/nano_flow/nano_flow.

Über {Braces}: 100% "quoted", commas, =cmd

An abstract, with "quotes"; ünïcode — and a second sentence.
`

/** A fresh library whose clock moves a minute at each reading. */
function newLibrary(): Library {
  let clock = Date.UTC(2026, 7, 6, 9)
  return openLibrary(tempDir(), { now: () => (clock += 60_000) })
}

/** Two digests sharing a paper, statuses with history, notes, tags, highlights. */
async function annotatedLibrary(): Promise<Library> {
  const library = newLibrary()
  await library.importFiles([writeFile(tempDir(), 'aug-5.txt', AUG_5), SEED_DIGEST], {
    year: 2026,
  })
  library.setStatus(1, 'to-read')
  library.setStatus(1, 'reading')
  library.setStatus(1, 'read')
  library.setStatus(2, 'not-reading')
  library.saveNote(1, '# Why\n\n"Overlap", matters.\n')
  library.saveNote(3, 'to be removed')
  library.saveNote(3, '')
  library.saveNote(4, 'ünïcode ✓')
  library.addTags(1, ['systems', 'GPU'])
  library.addTags(2, ['unused'])
  library.removeTags(2, ['unused'])
  library.createHighlight({ paperId: 1, start: 3, end: 13, color: 'green', comment: 'the claim' })
  const paper = library.createHighlight({ paperId: 1, start: 21, end: 36, color: 'yellow' })
  library.updateHighlight(paper.highlights.at(-1)!.id, { comment: 'edited, "later"' })
  return library
}

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])

/**
 * Paper 1 with a PDF and annotations on it: an underline running on to page 3, a note, an area
 * with its picture (a highlight made first was deleted, so ids have a gap).
 */
async function pdfAnnotatedLibrary(): Promise<{ library: Library; pdfPath: string }> {
  const library = newLibrary()
  await library.importFiles([SEED_DIGEST], { year: 2026 })
  const pdfPath = writeFile(tempDir(), 'paper.pdf', (await paperPdf({ pages: 3 })).bytes)
  const sha256 = (await library.pdfs.attachPath(1, pdfPath)).files[0]!.sha256
  const base = { paperId: 1, sha256, prefix: 'before ', suffix: ' after', offset: 40 }
  const made: NewPdfAnnotation[] = [
    {
      ...base,
      type: 'highlight',
      color: 'green',
      comment: 'ünïcode, "quoted"\nand a second line',
      quote: 'a quote',
      position: { pageIndex: 0, rects: [[72.25, 600.5, 296, 610.125]] },
    },
    {
      ...base,
      type: 'underline',
      color: 'blue',
      quote: 'runs on',
      position: { pageIndex: 1, rects: [[316, 90, 540, 100]], nextPageRects: [[72, 700, 90, 710]] },
    },
    {
      ...base,
      type: 'note',
      color: 'pink',
      comment: 'a note',
      quote: '',
      position: { pageIndex: 2, rects: [[300, 400, 322, 422]] },
    },
    {
      ...base,
      type: 'area',
      color: 'yellow',
      quote: 'Figure 1',
      image: PNG,
      position: { pageIndex: 2, rects: [[316, 300, 540, 420]] },
    },
  ]
  for (const annotation of made) library.annotations.create(annotation)
  library.annotations.delete(library.getPaper(1).annotations[0]!.id)
  return { library, pdfPath }
}

async function exportJson(library: Library): Promise<string> {
  const path = join(tempDir(), 'library.json')
  await library.exportLibrary('json', path)
  return path
}

describe('the JSON export', () => {
  it('loads into an empty library as the same library, and exports the same text again', async () => {
    const original = await annotatedLibrary()
    const first = await exportJson(original)
    const copy = newLibrary()
    expect(copy.importLibraryJson(first)).toEqual({
      papers: 39,
      digests: 2,
      notes: 2,
      highlights: 2,
      pdfAnnotations: 0,
      tags: 3,
    })
    const second = await exportJson(copy)
    expect(readFileSync(second, 'utf8')).toBe(readFileSync(first, 'utf8'))
    expect(dumpTables(copy.db)).toEqual(dumpTables(original.db))
    expect(copy.getPaper(1)).toEqual(original.getPaper(1))
    expect(copy.getPaper(1)).toMatchObject({
      status: 'read',
      digests: ['2026-08-06', '2026-08-05'],
      tags: ['GPU', 'systems'],
      highlights: [{ quote: 'serve LLMs', comment: 'the claim' }, { comment: 'edited, "later"' }],
    })
    expect(copy.getPaper(1).statusHistory).toHaveLength(3)
  })

  it('carries PDF annotations and their pictures loss-free; they wait, detached, for their PDF', async () => {
    const { library: original, pdfPath } = await pdfAnnotatedLibrary()
    const copy = newLibrary()
    try {
      const path = await exportJson(original)
      expect(copy.importLibraryJson(path)).toMatchObject({ pdfAnnotations: 3 })
      expect(readFileSync(await exportJson(copy), 'utf8')).toBe(readFileSync(path, 'utf8'))
      const annotationTables = (library: Library) => {
        const { pdf_annotations, pdf_annotation_images, sqlite_sequence } = dumpTables(library.db)
        return { pdf_annotations, pdf_annotation_images, sqlite_sequence }
      }
      expect(annotationTables(copy)).toEqual(annotationTables(original))
      const annotations = original.getPaper(1).annotations
      expect(annotations.map((a) => a.type)).toEqual(['underline', 'note', 'area'])
      expect(copy.annotations.image(annotations[2]!.id)).toEqual(PNG)
      // The export holds no PDFs: the annotations wait for theirs, and are placed when it comes.
      expect(copy.getPaper(1).annotations).toEqual(
        annotations.map((a) => ({ ...a, detached: 'file-removed' })),
      )
      await copy.pdfs.attachPath(1, pdfPath)
      expect(copy.getPaper(1).annotations).toEqual(annotations)
    } finally {
      original.close()
      copy.close()
    }
  })

  it('remembers the imported files, so importing the same digest again adds nothing', async () => {
    const copy = newLibrary()
    copy.importLibraryJson(await exportJson(await annotatedLibrary()))
    const [report] = (await copy.importFiles([SEED_DIGEST], { year: 2026 })).files
    expect(report).toMatchObject({ ok: true, added: 0, alreadyPresent: 38, alreadyImported: true })
  })

  it('is refused by a library that is not empty, which stays as it was', async () => {
    const path = await exportJson(await annotatedLibrary())
    const other = newLibrary()
    await other.importFiles([SEED_DIGEST], { year: 2026 })
    const before = dumpTables(other.db)
    expect(() => other.importLibraryJson(path)).toThrow(
      expect.objectContaining({
        code: 'LIBRARY_NOT_EMPTY',
        message:
          'This library is not empty (38 papers, 1 digest); an export loads only into an empty library, so choose a new library folder.',
      }),
    )
    expect(dumpTables(other.db)).toEqual(before)
  })

  it('loads nothing at all from an export that contradicts itself', async () => {
    const path = await exportJson(await annotatedLibrary())
    const snapshot = JSON.parse(readFileSync(path, 'utf8'))
    snapshot.papers[5].arxivId = snapshot.papers[0].arxivId
    const bad = writeFile(tempDir(), 'bad.json', JSON.stringify(snapshot))
    const copy = newLibrary()
    const empty = dumpTables(copy.db)
    expect(() => copy.importLibraryJson(bad)).toThrow(
      `${bad}: the export contradicts itself (UNIQUE constraint failed: papers.arxiv_id); nothing was imported.`,
    )
    expect(dumpTables(copy.db)).toEqual(empty)
  })

  it('filtered by digest, holds that digest and loads on its own', async () => {
    const path = join(tempDir(), 'aug-5.json')
    const summary = await (
      await annotatedLibrary()
    ).exportLibrary('json', path, {
      digest: '2026-08-05',
    })
    expect(summary).toEqual({ format: 'json', written: [path], papers: 2, skipped: 0 })
    const copy = newLibrary()
    copy.importLibraryJson(path)
    expect(copy.listDigests()).toMatchObject([{ date: '2026-08-05', paperCount: 2 }])
    expect(copy.getPaper(1).highlights).toHaveLength(2)
  })

  it('cannot be read from a missing file', () => {
    expect(() => newLibrary().importLibraryJson('/nonexistent/library.json')).toThrow(
      expect.objectContaining({
        code: 'FILE_UNREADABLE',
        message: '/nonexistent/library.json: cannot read the file (no such file).',
      }),
    )
  })
})

describe('exports of the papers a filter selects', () => {
  it('Markdown: a note per paper in the folder, highlights marked', async () => {
    const dir = join(tempDir(), 'vault')
    const library = await annotatedLibrary()
    const summary = await library.exportLibrary('markdown', dir, { digest: '2026-08-05' })
    expect(summary.papers).toBe(2)
    expect(readdirSync(dir).sort()).toEqual([
      'NanoFlow Towards Optimal Large Language Model Serving Throughput.md',
      'Über {Braces} 100% quoted , commas, =cmd.md',
    ])
    expect(summary.written).toEqual(readdirSync(dir).map((name) => join(dir, name)))
    const note = readFileSync(join(dir, readdirSync(dir)[0]!), 'utf8')
    expect(note).toContain('We ==serve LLMs== at 1.9x ==the throughput==, see')
    expect(note).toContain('- “serve LLMs” — the claim\n- “the throughput” — edited, "later"')
    expect(note).toContain('status: read\ntags:\n  - "GPU"\n  - "systems"\n')
  })

  it("Markdown: an area's picture beside the note, in attachments/", async () => {
    const dir = join(tempDir(), 'vault')
    const { library } = await pdfAnnotatedLibrary()
    try {
      const area = library.getPaper(1).annotations.find((a) => a.type === 'area')!
      const summary = await library.exportLibrary('markdown', dir, { status: 'new' })
      const pictures = summary.written.filter((path) => path.endsWith('.png'))
      expect(pictures.map((path) => relative(dir, path))).toEqual([
        expect.stringMatching(new RegExp(`^attachments/NanoFlow .*-p3-${area.id}\\.png$`)),
      ])
      expect(readFileSync(pictures[0]!)).toEqual(Buffer.from(PNG))
      const name = basename(pictures[0]!)
      const note = readFileSync(join(dir, name.replace(/-p3-\d+\.png$/, '.md')), 'utf8')
      expect(note).toContain('## PDF annotations\n\n- pp. 2–3, blue underline: “runs on”')
      expect(note).toContain(`  ![yellow area, p. 3](attachments/${encodeURIComponent(name)})`)
    } finally {
      library.close()
    }
  })

  it('Markdown: a note per digest', async () => {
    const dir = join(tempDir(), 'digests')
    const summary = await (
      await annotatedLibrary()
    ).exportLibrary('markdown', dir, {
      per: 'digest',
      status: 'read',
    })
    expect(summary).toMatchObject({ papers: 1 })
    expect(readdirSync(dir).sort()).toEqual([
      'Daily papers 2026-08-05.md',
      'Daily papers 2026-08-06.md',
    ])
  })

  it('CSV by status, BibTeX with the count of papers it had to skip', async () => {
    const library = await annotatedLibrary()
    const csv = join(tempDir(), 'read.csv')
    expect(await library.exportLibrary('csv', csv, { status: 'not-reading' })).toMatchObject({
      papers: 1,
    })
    expect(readFileSync(csv, 'utf8').split('\r\n')[1]).toMatch(
      /^2,"Über \{Braces\}: 100% ""quoted"", commas, =cmd",,,,,,not-reading,2026-08-05,,no,,,/,
    )
    const bib = join(tempDir(), 'papers.bib')
    expect(await library.exportLibrary('bibtex', bib)).toEqual({
      format: 'bibtex',
      written: [bib],
      papers: 1,
      skipped: 38,
    })
    expect(readFileSync(bib, 'utf8')).toMatch(/^@misc\{nanoflow2408\.12757,\n/)
  })

  it('names an unknown digest and keeps one file per digest to Markdown', async () => {
    const library = await annotatedLibrary()
    const out = join(tempDir(), 'x.csv')
    await expect(library.exportLibrary('csv', out, { digest: '2026-08-07' })).rejects.toThrow(
      expect.objectContaining({
        code: 'NOT_FOUND',
        message: 'There is no digest dated 2026-08-07.',
      }),
    )
    await expect(library.exportLibrary('csv', out, { per: 'digest' })).rejects.toThrow(
      'One file per digest is a Markdown export option.',
    )
  })
})
