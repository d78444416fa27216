import { describe, expect, it } from 'vitest'
import { buildPageText, findInText, itemSpans, normalizeQuery } from './pageText'

const line = (str: string, hasEOL = true) => ({ str, hasEOL })

describe('buildPageText', () => {
  it('joins a word hyphenated at a line end and maps its letters back to both items', () => {
    const page = buildPageText([line('the interac-'), line('tion of words')])
    expect(page.text).toBe('the interaction of words ')
    const [match] = findInText(page.text, ['interaction'])
    expect(itemSpans(page, match!)).toEqual([
      { item: 0, start: 4, end: 11 },
      { item: 1, start: 0, end: 4 },
    ])
  })

  it('keeps a hyphen before a capital or at the end of a compound', () => {
    expect(buildPageText([line('state-of-the-'), line('Art')]).text).toBe('state-of-the- art ')
  })

  it('reads ligatures as letters and ignores case, mapping back to the ligature', () => {
    const page = buildPageText([line('Eﬃcient', false)])
    expect(page.text).toBe('efficient')
    const [match] = findInText(page.text, ['FFI'])
    expect(itemSpans(page, match!)).toEqual([{ item: 0, start: 1, end: 2 }])
  })

  it('collapses runs of white space, also across items', () => {
    const page = buildPageText([line('a  b ', false), line(' c', true), line('d', false)])
    expect(page.text).toBe('a b c d')
    expect(page.item[page.text.indexOf('c') - 1]).toBe(0)
  })
})

describe('findInText', () => {
  it('finds every occurrence of each term, in order, without overlaps', () => {
    expect(findInText('a cat and a catalog', ['cat', 'catalog', 'and'])).toEqual([
      { start: 2, end: 5 },
      { start: 6, end: 9 },
      { start: 12, end: 19 },
    ])
  })

  it('finds nothing for an empty query', () => {
    expect(findInText('text', ['', '  '])).toEqual([])
  })

  it('normalizes the query like the page', () => {
    expect(normalizeQuery('  Two\tWORDS ')).toBe('two words')
    expect(
      findInText(buildPageText([line('two'), line('words')]).text, ['two  words']),
    ).toHaveLength(1)
  })
})
