import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openLibrary } from '../library/library'
import { newAnnotation, pdfOfPages } from '../library/testing/annotatedPaper'
import { paperPdf } from '../library/testing/paperPdf'
import { SEED_DIGEST, useTempDir } from '../library/testing/tempDirs'
import { margin } from './testing/margin'

const tempDir = useTempDir()

function seededLibrary(): string {
  const lib = tempDir()
  expect(margin(['import', SEED_DIGEST, '--library', lib]).code).toBe(0)
  return lib
}

describe('margin search', () => {
  it('prints matches best first with the matched words in brackets, typos forgiven', () => {
    const lib = seededLibrary()
    const result = margin(['search', 'transfromer', '--library', lib])
    expect(result.code).toBe(0)
    expect(result.stderr).toBe('')
    expect(result.stdout).toBe(
      '     3  new         2026-08-06    T3: Transparent Tracking & Triggering for Fine-grained Overlap of Compute & Collectives\n' +
        '        …For important [Transformer] models like T-NLG, T3 speeds up communication-heavy sublayers by 30% geomean…\n',
    )
  })

  it('puts a query problem on stderr and still prints the results, --limit and --json', () => {
    const lib = seededLibrary()
    const result = margin([
      'search',
      '--library',
      lib,
      '--json',
      '--limit',
      '1',
      '--',
      'serving',
      '-FastSwitch',
      'status:done',
    ])
    expect(result.code).toBe(0)
    expect(result.stderr).toBe(
      'margin search: "status:done" is not a status; use new, to-read, reading, read or not-reading.\n',
    )
    const papers = JSON.parse(result.stdout)
    expect(papers).toHaveLength(1)
    expect(papers[0].title).toBe(
      'NanoFlow: Towards Optimal Large Language Model Serving Throughput',
    )
    expect(papers[0].match.title).toBe(
      'NanoFlow: Towards Optimal Large Language Model \uE000Serving\uE001 Throughput',
    )
  })

  it('says so when nothing matches, and refuses an empty query or a bad limit', () => {
    const lib = seededLibrary()
    expect(margin(['search', 'zzzzqqq', '--library', lib]).stdout).toBe('No papers match.\n')
    expect(margin(['search', '--library', lib]).code).toBe(2)
    const bad = margin(['search', 'x', '--limit', '0', '--library', lib])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toBe(
      'margin search: "0" is not a limit; write a whole number from 1 to 9999999.\n',
    )
  })

  it('finds a word only in a PDF, hyphenated across a line, with its pages in --json', async () => {
    const lib = seededLibrary()
    const { bytes, pageTexts } = await paperPdf({
      pages: 5,
      seed: 3,
      bodyWords: [
        { word: 'quokkaformer', page: 3, hyphenate: true },
        { word: 'quokkaformer', page: 5 },
      ],
    })
    expect(pageTexts[2]).toContain('quokkaformer')
    const pdf = join(tempDir(), 'paper.pdf')
    writeFileSync(pdf, bytes)
    expect(margin(['attach', '1', pdf, '--library', lib]).code).toBe(0)

    const result = margin(['search', 'quokkaformer', '--json', '--library', lib])
    expect(result.code).toBe(0)
    const papers = JSON.parse(result.stdout)
    expect(papers).toHaveLength(1)
    expect(papers[0]).toMatchObject({ id: 1, pages: [3, 5], match: { pages: [3, 5] } })
    expect(papers[0].match.pageSnippet).toContain('\uE000quokkaformer\uE001')

    // Papers matching in their own text come first; each result has `pages`, [] when none.
    const both = JSON.parse(margin(['search', 'model', '--json', '--library', lib]).stdout)
    expect(both.length).toBeGreaterThan(1)
    for (const paper of both) expect(Array.isArray(paper.pages)).toBe(true)
    const human = margin(['search', 'quokkaformer', '--library', lib]).stdout
    expect(human).toMatch(/\n {8}p\. 3, 5: .*\[quokkaformer\]/)
    const inPdf = (...query: string[]) =>
      JSON.parse(margin(['search', '--json', '--library', lib, '--', ...query]).stdout)
    expect(inPdf('quokkaformer', 'in:pdf', 'has:pdf')).toMatchObject([{ id: 1, pages: [3, 5] }])
    expect(inPdf('quokkaformer', 'status:read')).toEqual([])
  })

  it('says on which pages an annotation matches, in --json and in text', async () => {
    const lib = seededLibrary()
    const pdf = join(tempDir(), 'paper.pdf')
    writeFileSync(pdf, await pdfOfPages(3))
    expect(margin(['attach', '1', pdf, '--library', lib]).code).toBe(0)
    const library = openLibrary(lib)
    const { sha256 } = library.getPaper(1).files[0]!
    library.annotations.create(
      newAnnotation(sha256, {
        comment: 'a wombat of an idea',
        position: { pageIndex: 1, rects: [[72, 700, 200, 712]] },
      }),
    )
    library.close()

    const [paper] = JSON.parse(margin(['search', 'wombat', '--json', '--library', lib]).stdout)
    expect(paper).toMatchObject({ id: 1, pages: [], annotationPages: [2] })
    const human = margin(['search', 'wombat', '--library', lib]).stdout
    expect(human).toMatch(/\n {8}in an annotation, p\. 2\n$/)
  })
})
