import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseSource } from './parseSource'
import { refusal } from '../testing/refusal'

const fixture = (name: string) => readFileSync(join(__dirname, 'sources', 'fixtures', name), 'utf8')
const SAMPLE = readFileSync(join(__dirname, '../../../../seeds/daily-papers-aug-6.txt'), 'utf8')

const errorOf = (text: string) => refusal(() => parseSource(text))

describe('Hugging Face daily papers JSON', () => {
  const digest = parseSource(fixture('hf-daily.json'))

  it('is recognised by content and grouped by the day each entry was posted', () => {
    expect(digest.source).toBe('hf-daily')
    expect(digest.sections.map((s) => [s.date, s.papers.length])).toEqual([
      [{ year: 2025, month: 3, day: 4 }, 2],
      [{ year: 2025, month: 3, day: 5 }, 1],
    ])
  })

  it('unwraps titles and summaries and keeps every field, ids as strings', () => {
    expect(digest.sections[0]!.papers[0]).toEqual({
      title: 'NanoFlow: Towards Optimal Large Language Model Serving Throughput',
      abstract:
        'The increasing usage of Large Language Models (LLMs) has resulted in a surging demand for planet-scale serving systems. Code at https://github.com/example/nanoflow.',
      links: ['https://github.com/example/nanoflow'],
      line: 1,
      arxivId: '2503.02130',
      submittedBy: 'Grace Hopper',
      authorCount: 2,
      upvotes: 42,
      authors: ['Ada Lovelace', 'Alan Turing'],
      categories: [],
      publishedAt: '2025-03-03',
    })
    expect(digest.sections[0]!.papers[1]).toMatchObject({
      title: 'Symmetries of Learned Representations',
      abstract: 'We study invariances.',
      links: ['https://example.org/symmetries'],
    })
  })

  it('leaves out an upvote count that is not a count', () => {
    const entry = (upvotes: unknown) =>
      JSON.stringify([{ paper: { title: 'T', summary: 'S', upvotes }, publishedAt: '2025-03-04' }])
    for (const bad of [-3, 1.5, '7', null]) {
      expect(parseSource(entry(bad)).sections[0]!.papers[0]!.upvotes).toBeNull()
    }
    expect(parseSource(entry(0)).sections[0]!.papers[0]!.upvotes).toBe(0)
  })

  it('keeps an id written as a bare number whole, trailing zero included', () => {
    const json = `[{"paper":{"id":2503.02130,"title":"T","summary":"S"},"publishedAt":"2025-03-04T00:00:00Z"}]`
    expect(parseSource(json).sections[0]!.papers[0]!.arxivId).toBe('2503.02130')
  })

  it('refuses JSON of another shape, or entries without what a paper needs, naming the entry', () => {
    expect(errorOf('{"models": []}').message).toMatch(/not a Hugging Face daily papers list/)
    expect(errorOf('[{"title": "x"}]').message).toBe('entry 1 has no "paper" object.')
    expect(errorOf('[{"paper": {"title": "T"}, "publishedAt": "2025-03-04"}]').message).toBe(
      'entry 1 ("T") has no summary.',
    )
    expect(errorOf('[{"paper": {"title": "T", "summary": "S"}}]').code).toBe('NO_DATE')
    const impossibleDay = '[{"paper": {"title": "T", "summary": "S"}, "publishedAt": "2025-02-30"}]'
    expect(errorOf(impossibleDay).message).toBe(
      'entry 1 ("T") has no publishedAt day such as 2025-03-04.',
    )
    expect(errorOf('[]').code).toBe('NO_PAPERS')
    expect(errorOf('[{"paper": ').message).toMatch(/^this is not valid JSON/)
  })
})

describe('a saved Daily Papers page', () => {
  it('yields the list the page embeds, as text, running nothing', () => {
    const digest = parseSource(fixture('hf-daily-page.html'))
    expect(digest.source).toBe('hf-page')
    expect(digest.sections[0]!.papers).toMatchObject([
      {
        title: 'NanoFlow: Towards Optimal Large Language Model Serving Throughput',
        abstract: 'The increasing usage of <b>LLMs</b> &amp; more.',
        arxivId: '2503.02130',
        upvotes: 42,
        authors: ['Ada Lovelace'],
      },
    ])
    expect((globalThis as { __pwned?: unknown }).__pwned).toBeUndefined()
  })

  it('is recognised behind the comment a browser writes when it saves a page', () => {
    const saved = `<!-- saved from url=(0031)https://huggingface.co/papers -->\n${fixture('hf-daily-page.html')}`
    expect(parseSource(saved).source).toBe('hf-page')
  })

  it('refuses a page without the list, saying what to save', () => {
    expect(errorOf('<!doctype html><html><body>Hello</body></html>').message).toMatch(
      /holds no Daily Papers list. Save the huggingface.co\/papers page itself/,
    )
  })
})

describe('arXiv Atom feeds', () => {
  it('reads API results: versionless ids (new and old style), authors, categories, dates', () => {
    const digest = parseSource(fixture('arxiv-api.xml'))
    expect(digest.source).toBe('arxiv-atom')
    expect(digest.sections).toHaveLength(1)
    expect(digest.sections[0]!.date).toEqual({ year: 2025, month: 3, day: 6 })
    expect(digest.sections[0]!.papers).toMatchObject([
      {
        arxivId: '2503.02130',
        title: 'NanoFlow: Towards Optimal Large Language Model Serving Throughput',
        abstract:
          'The increasing usage of Large Language Models (LLMs) has resulted in a surging demand for planet-scale serving systems & more.',
        authors: ['Ada Lovelace', 'Alan Turing'],
        categories: ['cs.DC', 'cs.LG'],
        publishedAt: '2025-03-03',
      },
      { arxivId: 'hep-th/9901001', categories: ['hep-th'], authors: ['Paul Dirac'] },
    ])
  })

  it('reads an Atom listing: OAI ids, dc:creator authors, the announcement prefix dropped', () => {
    const [paper] = parseSource(fixture('arxiv-listing.atom')).sections[0]!.papers
    expect(paper).toMatchObject({
      arxivId: '2503.01000',
      abstract: 'We study invariances.',
      authors: ['Emmy Noether', 'Hermann Weyl', 'Sophus Lie'],
      categories: ['cs.LG', 'stat.ML'],
    })
  })

  it('reports the API error entry and a rate-limit answer as the errors they are', () => {
    const error = errorOf(fixture('arxiv-api-error.xml'))
    expect(error.code).toBe('SOURCE_ERROR')
    expect(error.message).toMatch(
      /the arXiv API answered with an error instead of papers: incorrect id format for not-an-id/,
    )
    expect(errorOf('Rate exceeded.').message).toMatch(
      /^arXiv answered "Rate exceeded\." instead of a feed/,
    )
    expect(errorOf('<feed><entry>').message).toMatch(/^this Atom feed is not well-formed XML/)
  })
})

describe('arXiv listing email', () => {
  const digest = parseSource(fixture('arxiv-listing.eml'))

  it('takes the end of the header range as the date and leaves out replaced entries', () => {
    expect(digest.source).toBe('arxiv-email')
    expect(digest.sections[0]!.date).toEqual({ year: 2025, month: 3, day: 4 })
    expect(digest.sections[0]!.papers.map((p) => p.arxivId)).toEqual(['2503.02130', '2503.02222'])
  })

  it('joins indented continuation lines and reads the abstract between the \\\\ lines', () => {
    expect(digest.sections[0]!.papers[0]).toMatchObject({
      title: 'NanoFlow: Towards Optimal Large Language Model Serving Throughput',
      authors: ['Ada Lovelace', 'Alan Turing', 'Charles Babbage'],
      categories: ['cs.DC', 'cs.LG'],
      abstract:
        'The increasing usage of Large Language Models (LLMs) has resulted in a surging demand for planet-scale serving systems.',
    })
  })
})

describe('the plain-text digest', () => {
  it('is still what any other text is read as', () => {
    const digest = parseSource(SAMPLE)
    expect(digest.source).toBe('text-digest')
    expect(digest.sections[0]!.papers).toHaveLength(38)
  })
})
