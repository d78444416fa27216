import { join } from 'node:path'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { PdfRect } from '../../shared/models'
import { layoutPage, lineRects, quoteContext } from '../../shared/pdfLayout'
import { openLibrary } from '../library/library'
import { paperPdf } from '../library/testing/paperPdf'
import { readPdfAnnotations } from '../library/testing/readPdfAnnotations'
import { SEED_DIGEST, useTempDir, writeFile } from '../library/testing/tempDirs'
import { margin } from './testing/margin'

const tempDir = useTempDir()

/** A library folder holding the seed digest, for the CLI to open. */
function seededEnv() {
  const dir = tempDir()
  expect(margin(['import', SEED_DIGEST], { env: { MARGIN_LIBRARY: dir } }).code).toBe(0)
  return { dir, env: { MARGIN_LIBRARY: dir } }
}

describe('margin highlights', () => {
  it('lists a paper’s highlights in reading order with colour, comment and detached ones last', () => {
    const { dir, env } = seededEnv()
    const library = openLibrary(dir)
    const abstract = library.getPaper(1).abstract
    const at = (quote: string) => abstract.indexOf(quote)
    library.createHighlight({
      paperId: 1,
      start: at('planet-scale'),
      end: at('planet-scale') + 12,
      color: 'yellow',
      comment: 'scale matters\nsecond line',
    })
    library.createHighlight({ paperId: 1, start: 4, end: 14, color: 'blue' })
    library.createHighlight({ paperId: 1, start: at('GPUs'), end: at('GPUs') + 4, color: 'pink' })
    library.db
      .prepare('UPDATE papers SET abstract = replace(abstract, ?, ?) WHERE id = 1')
      .run('GPUs', 'accelerators')
    library.close()

    const text = margin(['highlights', '1'], { env })
    expect(text.code).toBe(0)
    expect(text.stdout).toBe(
      [
        '#1  NanoFlow: Towards Optimal Large Language Model Serving Throughput',
        '',
        'blue: "increasing"',
        '',
        'yellow: "planet-scale"',
        '  scale matters',
        '  second line',
        '',
        'pink (detached): "GPUs"',
        '',
      ].join('\n'),
    )
    const listed = JSON.parse(margin(['highlights', '1', '--json'], { env }).stdout)
    expect(listed.map((h: { quote: string; anchor: unknown }) => [h.quote, h.anchor])).toEqual([
      ['increasing', { start: 4, end: 14 }],
      ['planet-scale', { start: at('planet-scale'), end: at('planet-scale') + 12 }],
      ['GPUs', null],
    ])
    expect(margin(['highlights', '2'], { env }).stdout).toBe('#2 has no highlights.\n')
    expect(margin(['highlights', '999'], { env })).toMatchObject({
      code: 1,
      stderr: 'margin highlights: There is no paper with id 999.\n',
    })
  })
})

/**
 * Paper 1 with a two-column PDF and, beside an abstract highlight, a highlight over several
 * lines of page 2 made as the reader makes it (quote, context and one rectangle per line from
 * the page's layout), a note on page 3 and one made on a file since removed.
 */
async function annotatedPaper(dir: string) {
  const library = openLibrary(dir)
  try {
    library.createHighlight({ paperId: 1, start: 4, end: 14, color: 'blue', comment: 'first' })
    const pdf = await paperPdf({ pages: 3, seed: 5, arxivId: '2408.12757' })
    const gone = await paperPdf({ pages: 1, seed: 6 })
    const goneSha = (await library.pdfs.attachPath(1, writeFile(dir, 'old.pdf', gone.bytes)))
      .files[0]!.sha256
    library.annotations.create({
      paperId: 1,
      sha256: goneSha,
      type: 'underline',
      color: 'yellow',
      position: { pageIndex: 0, rects: [[72, 600, 200, 610]] },
      quote: 'an old quote',
      prefix: '',
      suffix: '',
      offset: 0,
    })
    library.pdfs.remove(1, goneSha)
    const sha256 = (await library.pdfs.attachPath(1, writeFile(dir, 'paper.pdf', pdf.bytes)))
      .files[0]!.sha256
    await library.pdfs.whenTextIdle()
    const pieces = (await library.pdfs.pieces(sha256, [2]))!.get(2)!
    const layout = layoutPage(pieces)
    const start = layout.text.indexOf(' ', 600) + 1
    const end = layout.text.indexOf(' ', start + 150)
    const quote = layout.text.slice(start, end)
    const rects = lineRects(pieces, layout, start, end)
    library.annotations.create({
      paperId: 1,
      sha256,
      type: 'highlight',
      color: 'green',
      comment: 'why it matters\nsecond line',
      position: { pageIndex: 1, rects },
      quote,
      ...quoteContext(layout.text, start, end),
      offset: start,
    })
    library.annotations.create({
      paperId: 1,
      sha256,
      type: 'note',
      color: 'pink',
      comment: 'Check this proof.',
      position: { pageIndex: 2, rects: [[300, 400, 322, 422]] },
      quote: '',
      prefix: '',
      suffix: '',
      offset: 10,
    })
    return { quote, rects }
  } finally {
    library.close()
  }
}

const hundredths = (rects: PdfRect[]) =>
  rects.flatMap(([x1, y1, x2, y2]) =>
    [x1, y2, x2, y2, x1, y1, x2, y1].map((n) => Math.round(n * 100) / 100),
  )

describe('margin annotations and margin export-pdf', () => {
  it('print abstract and PDF annotations in reading order, and write them into a PDF', async () => {
    const { dir, env } = seededEnv()
    const { quote, rects } = await annotatedPaper(dir)
    expect(rects.length).toBeGreaterThan(1)

    const text = margin(['annotations', '1'], { env })
    expect(text.stdout).toBe(
      [
        '#1  NanoFlow: Towards Optimal Large Language Model Serving Throughput',
        '',
        'abstract, blue: "increasing"',
        '  first',
        '',
        `p. 2, green highlight: "${quote}"`,
        '  why it matters',
        '  second line',
        '',
        'p. 3, pink note',
        '  Check this proof.',
        '',
        'p. 1, yellow underline (detached: its PDF is not in the library): "an old quote"',
        '',
      ].join('\n'),
    )
    const listed = JSON.parse(margin(['annotations', '1', '--json'], { env }).stdout)
    expect(
      listed.map((a: { kind: string; page?: number; quote: string; detached?: unknown }) => [
        a.kind,
        a.page,
        a.quote,
        a.detached,
      ]),
    ).toEqual([
      ['abstract', undefined, 'increasing', undefined],
      ['pdf', 2, quote, null],
      ['pdf', 3, '', null],
      ['pdf', 1, 'an old quote', 'file-removed'],
    ])
    const markdown = margin(['annotations', '1', '--format', 'markdown'], { env }).stdout
    expect(markdown).toContain('## PDF annotations\n\n- p. 2, green highlight: “')
    expect(markdown).toContain('## Detached PDF annotations')

    const out = join(tempDir(), 'annotated.pdf')
    expect(margin(['export-pdf', '1', '--out', out], { env })).toMatchObject({
      code: 0,
      stdout: `Wrote ${out} with 2 annotations (1 annotation not on this PDF left out: \`margin annotations 1\` lists them).\n`,
    })
    const found = await readPdfAnnotations(readFileSync(out))
    expect(found.map((a) => [a.page, a.subtype, a.contents])).toEqual([
      [2, 'Highlight', 'why it matters\nsecond line'],
      [3, 'Text', 'Check this proof.'],
    ])
    expect(found[0]!.quadPoints).toEqual(hundredths(rects))
  })

  it('explain a wrong shape, a paper without a PDF and an unknown format', () => {
    const { env } = seededEnv()
    expect(margin(['annotations', '2'], { env }).stdout).toBe('#2 has no annotations.\n')
    expect(margin(['annotations', '2', '--format', 'html'], { env })).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^margin annotations: .*--format.*markdown/),
    })
    expect(margin(['export-pdf', '2'], { env })).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('usage: margin export-pdf ID --out FILE [--json]'),
    })
    expect(margin(['export-pdf', '2', '--out', join(tempDir(), 'x.pdf')], { env })).toMatchObject({
      code: 1,
      stderr:
        'margin export-pdf: Paper #2 has no PDF to export; attach one first (margin attach 2 FILE).\n',
    })
  })
})

describe('margin tags', () => {
  it('lists tags with counts, renames, merges and deletes them', () => {
    const { env } = seededEnv()
    expect(margin(['tags'], { env }).stdout).toBe('No tags yet: `margin tag ID TAG...` adds one.\n')
    margin(['tag', '1', 'serving', 'systems'], { env })
    margin(['tag', '2', 'diffusion'], { env })
    margin(['tag', '3', 'Systems'], { env })
    expect(margin(['tags'], { env }).stdout).toBe(
      '     1  diffusion\n     1  serving\n     2  systems\n',
    )

    expect(margin(['tags', 'rename', 'diffusion', 'generative models'], { env }).stdout).toBe(
      'Renamed "diffusion" to "generative models".\n     1  generative models\n     1  serving\n     2  systems\n',
    )
    expect(
      JSON.parse(margin(['tags', 'rename', 'SYSTEMS', 'Serving', '--json'], { env }).stdout),
    ).toEqual([
      { name: 'generative models', count: 1 },
      { name: 'serving', count: 2 },
    ])
    expect(margin(['tags', 'delete', 'serving'], { env }).stdout).toBe(
      'Deleted the tag "serving".\n     1  generative models\n',
    )
    expect(JSON.parse(margin(['tags', '--json'], { env }).stdout)).toEqual([
      { name: 'generative models', count: 1 },
    ])
    expect(JSON.parse(margin(['show', '3', '--json'], { env }).stdout).tags).toEqual([])
  })

  it('explains a wrong shape or a missing tag', () => {
    const { env } = seededEnv()
    const usage = 'usage: margin tags [rename FROM TO | delete NAME] [--json]\n'
    expect(margin(['tags', 'rename', 'only-one'], { env })).toMatchObject({
      code: 2,
      stderr: usage,
    })
    expect(margin(['tags', 'frobnicate'], { env })).toMatchObject({ code: 2, stderr: usage })
    expect(margin(['tags', 'delete', 'nope'], { env })).toMatchObject({
      code: 1,
      stderr: 'margin tags: There is no tag "nope".\n',
    })
  })
})
