import { describe, expect, it } from 'vitest'
import { parseQuery } from './queryParser'

const NO_FILTERS = {
  statuses: [],
  tags: [],
  digest: null,
  hasNote: false,
  hasHighlight: false,
  hasPdf: false,
  inPdf: false,
  arxiv: null,
  authors: [],
  categories: [],
}

describe('parseQuery', () => {
  it('reads words, phrases and exclusions', () => {
    expect(parseQuery('sparse "long context" -survey -"large language" attent')).toEqual({
      words: ['sparse', 'attent'],
      phrases: ['long context'],
      excluded: ['survey', 'large language'],
      filters: NO_FILTERS,
      endsInWord: true,
      problem: null,
    })
  })

  it('completes the last word only while it is being typed', () => {
    expect(parseQuery('attent').endsInWord).toBe(true)
    expect(parseQuery('attent ').endsInWord).toBe(false)
    expect(parseQuery('attent "x"').endsInWord).toBe(false)
    expect(parseQuery('attent status:read').endsInWord).toBe(false)
  })

  it('reads every filter', () => {
    const query = parseQuery(
      'status:read status:To-Read tag:robotics tag:"embodied ai" has:note has:highlight has:PDF in:pdf arxiv:2408.01234 digest:2024-08 author:hinton author:"Yann LeCun" cat:cs.LG cat:stat',
    )
    expect(query.filters).toEqual({
      statuses: ['read', 'to-read'],
      tags: ['robotics', 'embodied ai'],
      digest: { from: '2024-08-01', to: '2024-08-31' },
      hasNote: true,
      hasHighlight: true,
      hasPdf: true,
      inPdf: true,
      arxiv: '2408.01234',
      authors: ['hinton', 'Yann LeCun'],
      categories: ['cs.LG', 'stat'],
    })
    expect(query.words).toEqual([])
    expect(query.problem).toBeNull()
  })

  it('reads has:annotation as has:highlight', () => {
    expect(parseQuery('has:Annotation').filters).toEqual({ ...NO_FILTERS, hasHighlight: true })
  })

  it('reads has:pdf and in:pdf beside words, in any case', () => {
    const query = parseQuery('attention IN:PDF has:pdf')
    expect(query.words).toEqual(['attention'])
    expect(query.filters).toEqual({ ...NO_FILTERS, hasPdf: true, inPdf: true })
    expect(query.problem).toBeNull()
    expect(parseQuery('in:pdf').filters.inPdf).toBe(true)
    expect(parseQuery('in:pdfs x').filters.inPdf).toBe(false)
  })

  it('reads digest dates, months and ranges, and narrows several to their overlap', () => {
    const digest = (text: string) => parseQuery(text).filters.digest
    expect(digest('digest:2024-08-06')).toEqual({ from: '2024-08-06', to: '2024-08-06' })
    expect(digest('digest:2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' })
    expect(digest('digest:2024-08-01..2024-08-15')).toEqual({
      from: '2024-08-01',
      to: '2024-08-15',
    })
    expect(digest('digest:2024-08 digest:2024-07-20..2024-08-03')).toEqual({
      from: '2024-08-01',
      to: '2024-08-03',
    })
  })

  it.each([
    [
      'status:done',
      '"status:done" is not a status; use new, to-read, reading, read or not-reading.',
    ],
    [
      'color:red',
      '"color:" is not a filter; use status:, tag:, digest:, has:, in:, arxiv:, author: or cat:.',
    ],
    ['author:', '"author:" needs a name, as in author:hinton or author:"Yann LeCun".'],
    [
      'cat:cs/LG',
      '"cat:cs/LG" is not an arXiv category; write cat:cs.LG, or cat:cs for all of cs.',
    ],
    [
      'digest:2024-13-01',
      '"digest:2024-13-01" is not a date; write digest:2024-08-06, digest:2024-08 or digest:2024-08-01..2024-08-15.',
    ],
    [
      'digest:2024-02-30',
      '"digest:2024-02-30" is not a date; write digest:2024-08-06, digest:2024-08 or digest:2024-08-01..2024-08-15.',
    ],
    [
      'digest:2024-08-15..2024-08-01',
      '"digest:2024-08-15..2024-08-01" is not a date; write digest:2024-08-06, digest:2024-08 or digest:2024-08-01..2024-08-15.',
    ],
    [
      'has:file',
      '"has:file" is not something a paper has; use has:note, has:highlight (or has:annotation) or has:pdf.',
    ],
    [
      'in:title',
      '"in:title" is not a place to search; use in:pdf to search only the papers\' PDFs.',
    ],
    ['in:', '"in:" is not a place to search; use in:pdf to search only the papers\' PDFs.'],
    ['-in:pdf', '"-in:" cannot be excluded; only words and "phrases" can.'],
    ['tag:', '"tag:" needs a tag name, as in tag:robotics or tag:"two words".'],
    ['arxiv:', '"arxiv:" needs an arXiv id, as in arxiv:2408.01234.'],
    ['-status:read', '"-status:" cannot be excluded; only words and "phrases" can.'],
    ['-', 'A lone "-" excludes nothing; write it right before a word, as in -survey.'],
    ['"long context', 'The quote before "long context" is not closed.'],
  ])('names the problem in %s and never throws', (text, problem) => {
    expect(parseQuery(text).problem).toBe(problem)
  })

  it('runs the rest of a query with problems, and joins the problems', () => {
    const query = parseQuery('pruning status:done - heads "long context')
    expect(query.words).toEqual(['pruning', 'heads'])
    expect(query.phrases).toEqual(['long context'])
    expect(query.problem).toBe(
      '"status:done" is not a status; use new, to-read, reading, read or not-reading. A lone "-" excludes nothing; write it right before a word, as in -survey. The quote before "long context" is not closed.',
    )
  })

  it('reads any text without throwing', () => {
    for (const text of [
      '',
      '   ',
      '""',
      '-""',
      ':',
      'a:b:c',
      '"',
      '---',
      'x"y"z',
      '\u0000\uE000',
      '(*)^{}',
    ]) {
      expect(() => parseQuery(text)).not.toThrow()
    }
    expect(parseQuery('').words).toEqual([])
    expect(parseQuery('x"y"z')).toMatchObject({ words: ['x', 'z'], phrases: ['y'] })
  })
})
