import { describe, expect, it } from 'vitest'
import { MarginError } from '../../../shared/errors'
import { searchQueryOf, validArxivQuery, validSince } from './subscriptionQuery'

const refusal = (run: () => unknown): string => {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(MarginError)
    expect((error as MarginError).code).toBe('INVALID_ARGUMENT')
    return (error as MarginError).message
  }
  throw new Error('expected a refusal')
}

describe('validArxivQuery', () => {
  it('takes categories and archives arXiv has, and asks the API for them as cat:', () => {
    for (const [query, asked] of [
      ['cs.LG', 'cat:cs.LG'],
      ['math.AP', 'cat:math.AP'],
      ['cond-mat.mes-hall', 'cat:cond-mat.mes-hall'],
      ['cs', 'cat:cs.*'],
      ['hep-th', 'cat:hep-th'],
      ['  stat.ML ', 'cat:stat.ML'],
      ['cs.lg', 'cat:cs.LG'],
    ]) {
      expect(searchQueryOf(validArxivQuery(query!))).toBe(asked)
    }
  })

  it('refuses an archive arXiv does not have, naming those it has', () => {
    expect(refusal(() => validArxivQuery('cz.LG'))).toMatch(
      /^"cz" is not an arXiv archive; use one of astro-ph, cond-mat, cs, .* \(for example cs\.LG or math\.AP\)\.$/,
    )
    expect(refusal(() => validArxivQuery('transformers'))).toMatch(
      /^"transformers" is not an arXiv archive; .* To search for the word, write all:transformers\.$/,
    )
  })

  it('refuses a category its archive does not have, naming those it has', () => {
    expect(refusal(() => validArxivQuery('cs.LF'))).toMatch(
      /^cs\.LF is not an arXiv category; cs has cs\.AI, cs\.AR, .*cs\.LG, .*cs\.SY\.$/,
    )
    expect(refusal(() => validArxivQuery('hep-th.QA'))).toBe(
      'hep-th has no categories; follow hep-th itself.',
    )
  })

  it('takes API queries with fields, phrases, AND / OR / ANDNOT and parentheses, as written', () => {
    for (const query of [
      'au:hinton',
      'abs:"speculative decoding"',
      'ti:transformer AND cat:cs.CL',
      '(au:bengio OR au:lecun) ANDNOT ti:survey',
      'all:diffusion AND (cat:cs.CV OR cat:cs.LG)',
    ]) {
      expect(validArxivQuery(query)).toBe(query)
      expect(searchQueryOf(query)).toBe(query)
    }
    expect(validArxivQuery('  au:hinton   AND  ti:capsules ')).toBe('au:hinton AND ti:capsules')
  })

  it('refuses what arXiv would not read, with the reason', () => {
    expect(refusal(() => validArxivQuery('abs:"speculative decoding'))).toMatch(
      /an opening quote without its closing one/,
    )
    expect(refusal(() => validArxivQuery('speculative decoding'))).toMatch(
      /^"speculative" has no field arXiv knows: write each term as field:word or field:"a phrase", the field one of ti, au, abs, co, jr, cat, rn, id, all/,
    )
    expect(refusal(() => validArxivQuery('title:attention'))).toMatch(
      /"title:attention" has no field/,
    )
    expect(refusal(() => validArxivQuery('au:hinton ti:capsules'))).toMatch(
      /^Join the terms with AND, OR or ANDNOT \(before "ti:capsules"\)/,
    )
    expect(refusal(() => validArxivQuery('au:hinton AND'))).toMatch(/ends without a term/)
    expect(refusal(() => validArxivQuery('OR au:hinton'))).toMatch(/"OR" needs a term on each side/)
    expect(refusal(() => validArxivQuery('(au:hinton OR au:lecun'))).toMatch(
      /parentheses do not match/,
    )
    expect(refusal(() => validArxivQuery('au:'))).toMatch(/has nothing to look for after "au:"/)
    expect(refusal(() => validArxivQuery(''))).toMatch(/Give an arXiv category/)
    expect(refusal(() => validArxivQuery(`ti:${'a'.repeat(500)}`))).toBe(
      'An arXiv query is at most 500 characters; this one has 503.',
    )
  })
})

describe('validSince', () => {
  const now = Date.parse('2026-11-30T09:00:00Z')

  it('starts three days ago when no day is given', () => {
    expect(validSince(undefined, now)).toBe('2026-11-27')
    expect(validSince(' ', now)).toBe('2026-11-27')
  })

  it('takes a real day up to today, and refuses others with the reason', () => {
    expect(validSince('2026-11-30', now)).toBe('2026-11-30')
    expect(validSince('2025-01-31', now)).toBe('2025-01-31')
    expect(refusal(() => validSince('2026-12-01', now))).toBe(
      '2026-12-01 is in the future; a subscription starts today (2026-11-30) or earlier.',
    )
    expect(refusal(() => validSince('2026-02-30', now))).toBe(
      '"2026-02-30" is not a day: write it YYYY-MM-DD, such as 2026-11-30.',
    )
    expect(refusal(() => validSince('30/11/2026', now))).toMatch(/is not a day/)
  })
})
