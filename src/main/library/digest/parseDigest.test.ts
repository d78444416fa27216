import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseDigest, MAX_LINE_LENGTH, MAX_PAPERS_PER_FILE } from './parseDigest'
import { refusal } from '../testing/refusal'

const SAMPLE = readFileSync(join(__dirname, '../../../../seeds/daily-papers-aug-6.txt'), 'utf8')
const HEADER =
  'new\n\nGet trending papers in your email inbox!\n\nSubscribe\n\nDaily Papers\n\nbyAK and the research community\n\n'

const errorOf = (text: string) => refusal(() => parseDigest(text))

describe('parseDigest on the sample digest', () => {
  const digest = parseDigest(SAMPLE)
  const lines = SAMPLE.split('\n')
  const dateLine = lines.indexOf('Aug 6')
  const paperLines = lines.slice(dateLine + 1).filter((line) => line.trim() !== '')

  it('finds one section dated Aug 6 with exactly 38 papers', () => {
    expect(digest.sections).toHaveLength(1)
    expect(digest.sections[0]!.date).toEqual({ month: 8, day: 6, year: null })
    expect(digest.sections[0]!.papers).toHaveLength(38)
  })

  it('takes titles and abstracts exactly as the file writes them, in order', () => {
    const papers = digest.sections[0]!.papers
    expect(paperLines).toHaveLength(76)
    papers.forEach((paper, i) => {
      expect(paper.title).toBe(paperLines[2 * i])
      expect(paper.abstract).toBe(paperLines[2 * i + 1])
      expect(lines[paper.line - 1]).toBe(paper.title)
    })
  })

  it('finds the five links without trailing punctuation', () => {
    const links = digest.sections[0]!.papers.flatMap((p) => p.links)
    expect(links).toEqual([
      'https://lyumengyao.github.io/projects/spm',
      'https://anonymous.4open.science/r/Omni-Mol-8EDB',
      'https://github.com/lihong2303/AGM_ICCV2023',
      'https://github.com/vita-epfl/TAROT',
      'https://github.com/xyfJASON/HCL',
    ])
  })
})

describe('parseDigest on the shapes real page copies take', () => {
  const papers = (text: string) => parseDigest(text).sections.flatMap((s) => s.papers)

  it('reads every line end like LF: CRLF, CR, NEL, LINE and PARAGRAPH SEPARATOR, mixed', () => {
    const lf = `${HEADER}Aug 6\n\nA title\n\nAn abstract.\n\nB title\n\nB abstract.\n`
    for (const end of ['\r\n', '\r', '\u0085', '\u2028', '\u2029']) {
      expect(papers(lf.replace(/\n/g, end))).toEqual(papers(lf))
    }
    const ends = ['\r\n', '\n', '\r', '\u2028']
    let i = 0
    expect(papers(lf.replace(/\n/g, () => ends[i++ % ends.length]!))).toEqual(papers(lf))
  })

  it('ignores BOMs (also inside, from joined files), non-breaking spaces, tabs, trailing spaces', () => {
    const [paper] = papers('\uFEFFAug 6  \n\n\u00A0A\u00A0ti\uFEFFtle \t\n\nAn  abstract.\u202F\n')
    expect(paper).toMatchObject({ title: 'A title', abstract: 'An abstract.' })
  })

  it('drops the page boilerplate wherever it stands, with or without the space in byAK', () => {
    const text = `Aug 6\n\nnew\n\nA title\n\nSubscribe\n\nAn abstract.\n\nby AK and the research community\n\nDaily Papers\n\nB title\n\nGet trending papers in your email inbox!\n\nB abstract.\n`
    expect(papers(text).map((p) => [p.title, p.abstract])).toEqual([
      ['A title', 'An abstract.'],
      ['B title', 'B abstract.'],
    ])
  })

  it('reads several date sections in one file and every date form', () => {
    const text = `Aug 6\n\nA\n\nA abs.\n\nAugust 7\n\nB\n\nB abs.\n\nAug 8, 2024\n\nC\n\nC abs.\n\n2024-08-09\n\nD\n\nD abs.\n\nSept 10\n\nE\n\nE abs.\n`
    expect(parseDigest(text).sections.map((s) => s.date)).toEqual([
      { month: 8, day: 6, year: null },
      { month: 8, day: 7, year: null },
      { month: 8, day: 8, year: 2024 },
      { month: 8, day: 9, year: 2024 },
      { month: 9, day: 10, year: null },
    ])
  })

  it('keeps per-paper lines as metadata, never as a title or an abstract', () => {
    const text = [
      'Aug 6',
      'Submitted by akhaliq',
      '42',
      'A title',
      '· 7 authors',
      'arXiv:2408.01234v2',
      'An abstract.',
      'Submitted by someone',
      '3',
      'B title',
      '1 author',
      'B abstract.',
    ].join('\n\n')
    expect(papers(text)).toMatchObject([
      {
        title: 'A title',
        abstract: 'An abstract.',
        submittedBy: 'akhaliq',
        upvotes: 42,
        authorCount: 7,
        arxivId: '2408.01234',
      },
      {
        title: 'B title',
        abstract: 'B abstract.',
        submittedBy: 'someone',
        upvotes: 3,
        authorCount: 1,
        arxivId: null,
      },
    ])
  })

  it('gives metadata after the last abstract of a day to that paper', () => {
    const [paper] = papers('Aug 6\n\nA title\n\nAn abstract.\n\n· 4 authors\n')
    expect(paper).toMatchObject({ title: 'A title', authorCount: 4 })
  })

  it('joins an abstract hard-wrapped over several lines', () => {
    const [paper] = papers('Aug 6\n\nA title\n\nFirst line of the abstract\nand its second line.\n')
    expect(paper!.abstract).toBe('First line of the abstract and its second line.')
  })
})

describe('parseDigest refuses what is not a digest, naming the problem and the line', () => {
  it('no papers at all', () => {
    expect(errorOf(HEADER)).toMatchObject({ code: 'NO_PAPERS' })
    expect(errorOf(`${HEADER}Aug 6\n`).message).toMatch(/no papers found under the date line/)
  })

  it('papers before any date', () => {
    const error = errorOf('A title\n\nAn abstract.\n\nAug 6\n')
    expect(error.code).toBe('NO_DATE')
    expect(error.message).toMatch(/^line 1: "A title" comes before any date line/)
  })

  it('a file cut off after a title', () => {
    const error = errorOf(`${HEADER}Aug 6\n\nA title\n\nAn abstract.\n\nB title`)
    expect(error.code).toBe('TRUNCATED')
    expect(error.message).toBe(
      'line 17: the title "B title" has no abstract; the file looks cut off.',
    )
  })

  it('a day ending on a title before the next date', () => {
    expect(errorOf('Aug 6\n\nA title\n\nAug 7\n\nB\n\nB abs.').code).toBe('TRUNCATED')
  })

  it('a paragraph far too long to be a title', () => {
    const error = errorOf(`Aug 6\n\nA title\n\nAn abstract.\n\n${'long abstract '.repeat(50)}\n`)
    expect(error.code).toBe('MALFORMED_DIGEST')
    expect(error.message).toMatch(/^line 7: expected a paper title/)
  })

  it('more papers than a digest file may hold, naming the limit', () => {
    const entries = Array.from({ length: MAX_PAPERS_PER_FILE + 1 }, (_, i) => `T${i}\n\nA${i}.`)
    const error = errorOf(`Aug 6\n\n${entries.join('\n\n')}\n`)
    expect(error.code).toBe('TOO_MANY_PAPERS')
    expect(error.message).toMatch(/^line 8003: the file holds more than 2,000 papers/)
    entries.pop()
    expect(parseDigest(`Aug 6\n\n${entries.join('\n\n')}\n`).sections[0]!.papers).toHaveLength(
      MAX_PAPERS_PER_FILE,
    )
  })

  it('a line of tens of megabytes, quickly', () => {
    const started = performance.now()
    const error = errorOf(`Aug 6\n\n${'x'.repeat(30_000_000)}\n`)
    expect(error.code).toBe('LINE_TOO_LONG')
    expect(error.message).toMatch(/^line 3 is 30,000,000 characters long/)
    expect(MAX_LINE_LENGTH).toBeLessThan(30_000_000)
    expect(performance.now() - started).toBeLessThan(5_000)
  })
})
