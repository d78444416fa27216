import { describe, expect, it } from 'vitest'
import { createMatcher, fold, type MatchPattern } from './markMatches'

const marks = { start: '[', end: ']' }
const word = (term: string, prefix = false): MatchPattern => [{ terms: [term], prefix }]
const phrase = (...terms: string[]): MatchPattern =>
  terms.map((term) => ({ terms: [term], prefix: false }))

describe('highlight', () => {
  it('marks whole terms whatever their case, not inside longer words', () => {
    const { highlight } = createMatcher([word('transformer')], marks)
    expect(highlight('Transformer and transformers: a TRANSFORMER.')).toBe(
      '[Transformer] and transformers: a [TRANSFORMER].',
    )
  })

  it('marks the whole word a prefix begins', () => {
    const { highlight } = createMatcher([word('diff', true)], marks)
    expect(highlight('Diffusion is different; a diff.')).toBe(
      '[Diffusion] is [different]; a [diff].',
    )
  })

  it('finds terms without their diacritics and keeps the original text', () => {
    const { highlight } = createMatcher([word('modele'), word('uber')], marks)
    expect(highlight('😀 Le modèle Über alles')).toBe('😀 Le [modèle] [Über] alles')
  })

  it('marks a phrase across the punctuation the index ignores', () => {
    const { highlight } = createMatcher([phrase('long', 'documents')], marks)
    expect(highlight('Long, documents and long papers')).toBe('[Long, documents] and long papers')
  })

  it('marks any of the terms a typo may stand for', () => {
    const { highlight } = createMatcher(
      [[{ terms: ['transformer', 'transformers'], prefix: false }]],
      marks,
    )
    expect(highlight('transformers beat transformer')).toBe('[transformers] beat [transformer]')
  })

  it('reads terms with regular-expression characters literally', () => {
    const { highlight } = createMatcher([word('w.1')], marks)
    expect(highlight('wx1 and w.1')).toBe('wx1 and [w.1]')
  })
})

describe('snippet', () => {
  const text = Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ')

  it('shows the tokens around the first match, cut with ellipses', () => {
    const { snippet } = createMatcher([word('w20')], marks)
    expect(snippet(text)).toBe(
      `…${['w16', 'w17', 'w18', 'w19', '[w20]', ...Array.from({ length: 11 }, (_, i) => `w${21 + i}`)].join(' ')}…`,
    )
  })

  it('starts at the text when the match is near the beginning', () => {
    const { snippet } = createMatcher([word('w1')], marks)
    expect(snippet(text)!.startsWith('w0 [w1] w2')).toBe(true)
  })

  it('is null without a match or without text', () => {
    const { snippet } = createMatcher([word('absent')], marks)
    expect(snippet(text)).toBeNull()
    expect(snippet('')).toBeNull()
  })
})

describe('fold', () => {
  it('maps folded offsets back to the original text', () => {
    const folded = fold('Ça va')
    expect(folded.text).toBe('ca va')
    expect(folded.original(3)).toBe(3)
  })
})
