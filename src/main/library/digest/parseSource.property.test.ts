import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isMarginError } from '../../../shared/errors'
import { parseSource } from './parseSource'

const expectOnlyMarginErrors = (text: string) => {
  try {
    parseSource(text)
  } catch (error) {
    expect(isMarginError(error)).toBe(true)
  }
}

describe('every parser, for any input shaped like its format', () => {
  it('Hugging Face JSON: any JSON value fails only with a clear error', () => {
    fc.assert(fc.property(fc.json(), expectOnlyMarginErrors), { numRuns: 1000, seed: 21 })
  })

  it('Hugging Face JSON: entries with any values fail only with a clear error', () => {
    const entry = fc.record(
      {
        paper: fc.dictionary(
          fc.constantFrom('id', 'title', 'summary', 'authors', 'upvotes', 'publishedAt'),
          fc.jsonValue(),
        ),
        publishedAt: fc.jsonValue(),
      },
      { requiredKeys: [] },
    )
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 5 }), (entries) =>
        expectOnlyMarginErrors(JSON.stringify(entries)),
      ),
      { numRuns: 1000, seed: 22 },
    )
  })

  it('Atom feeds, saved pages and listing emails: any text after their opening fails only clearly', () => {
    const opening = fc.constantFrom(
      '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">',
      '<feed><entry><id>http://arxiv.org/abs/2501.00001v1</id><title>',
      '<!doctype html><html><div data-props="',
      'received from  Mon  3 Mar 25 19:00:00 GMT  to  Tue  4 Mar 25 19:00:00 GMT\n\\\\\narXiv:2503.00001\nTitle: ',
    )
    fc.assert(
      fc.property(
        opening,
        fc.string({ maxLength: 300 }),
        fc.constantFrom('', '\n\\\\\n', '</title></entry></feed>'),
        (start, middle, end) => expectOnlyMarginErrors(`${start}${middle}${end}`),
      ),
      { numRuns: 2000, seed: 23 },
    )
  })
})
