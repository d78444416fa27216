import { describe, expect, it } from 'vitest'
import { anchorQuote } from './anchor'
import { quoteSelector } from './quoteSelector'

const ABSTRACT =
  'We study attention. Sparse attention cuts memory use. Dense attention keeps accuracy high.'

/** The selector a highlight of `quote` (its `nth` occurrence) stores when it is made. */
function selectorOf(text: string, quote: string, nth = 0) {
  let start = text.indexOf(quote)
  for (let i = 0; i < nth; i++) start = text.indexOf(quote, start + 1)
  return quoteSelector(text, start, start + quote.length)
}

const placed = (text: string, range: { start: number; end: number } | null) =>
  range && text.slice(range.start, range.end)

describe('anchorQuote', () => {
  it('exact: the quote still stands at its stored position', () => {
    const selector = selectorOf(ABSTRACT, 'cuts memory use')
    expect(anchorQuote(ABSTRACT, selector)).toEqual({ start: selector.start, end: selector.end })
  })

  it('shifted: text added before the quote moves it', () => {
    const selector = selectorOf(ABSTRACT, 'cuts memory use')
    const edited = `Background first. ${ABSTRACT}`
    const range = anchorQuote(edited, selector)
    expect(range).toEqual({ start: selector.start + 18, end: selector.end + 18 })
  })

  it('shifted: of several occurrences, the one whose surroundings match wins over a nearer one', () => {
    // The second "attention" (after "Sparse ") is highlighted; then "Sparse attention" moves to
    // the end, and a bare "attention" now stands nearest to the stored position.
    const selector = selectorOf(ABSTRACT, 'attention', 1)
    const edited =
      'We study attention. Dense attention keeps accuracy high. Sparse attention cuts memory use.'
    const range = anchorQuote(edited, selector)!
    expect(edited.slice(range.start - 7, range.end + 5)).toBe('Sparse attention cuts')
  })

  it('shifted: with equal surroundings, the occurrence nearest the stored position wins', () => {
    const text = 'ab x ab x ab x ab'
    const selector = { quote: 'ab', prefix: '', suffix: '', start: 10 }
    expect(anchorQuote('Q' + text, selector)).toEqual({ start: 11, end: 13 })
    expect(anchorQuote('QQQ' + text, selector)).toEqual({ start: 8, end: 10 })
  })

  it('changed: the abstract was reworded around the quote; the quote is found by its text', () => {
    const selector = selectorOf(ABSTRACT, 'keeps accuracy high')
    const edited =
      'We revisit attention. Sparse attention reduces memory. Dense attention keeps accuracy high!'
    expect(placed(edited, anchorQuote(edited, selector))).toBe('keeps accuracy high')
  })

  it('changed: the quote itself changed case and white space; a folded match places it', () => {
    const selector = selectorOf(ABSTRACT, 'Sparse attention cuts memory')
    const edited =
      'We study attention.  sparse\n attention  Cuts memory use. Dense attention keeps accuracy high.'
    expect(placed(edited, anchorQuote(edited, selector))).toBe('sparse\n attention  Cuts memory')
  })

  it('changed: a folded match keeps characters outside the basic plane whole', () => {
    const selector = { quote: 'The 𝛼 Value', prefix: '', suffix: '', start: 0 }
    const text = 'Ours: the  𝛼 value is small.'
    expect(placed(text, anchorQuote(text, selector))).toBe('the  𝛼 value')
  })

  it('detached: the quote is gone, so there is no anchor', () => {
    const selector = selectorOf(ABSTRACT, 'cuts memory use')
    const edited =
      'We study attention. Sparse attention saves memory. Dense attention keeps accuracy high.'
    expect(anchorQuote(edited, selector)).toBeNull()
    expect(anchorQuote('', selector)).toBeNull()
  })
})

describe('quoteSelector', () => {
  it('keeps the quote and up to 32 characters on each side', () => {
    const text = `${'p'.repeat(40)}QUOTE${'s'.repeat(40)}`
    expect(quoteSelector(text, 40, 45)).toEqual({
      quote: 'QUOTE',
      prefix: 'p'.repeat(32),
      suffix: 's'.repeat(32),
      start: 40,
      end: 45,
    })
    expect(quoteSelector('QUOTE and more', 0, 5)).toMatchObject({ prefix: '', suffix: ' and more' })
  })

  it('refuses ranges outside the abstract, empty ranges and white space alone', () => {
    expect(() => quoteSelector('short text', 5, 11)).toThrow(
      'The range 5–11 lies outside the abstract, which has 10 characters; select text inside it.',
    )
    expect(() => quoteSelector('short text', -1, 3)).toThrow(/lies outside the abstract/)
    expect(() => quoteSelector('short text', 4, 4)).toThrow(
      'The range 4–4 holds no text; select at least one character to highlight.',
    )
    expect(() => quoteSelector('short text', 5, 6)).toThrow(
      'The selection is only white space; select words to highlight.',
    )
  })
})
