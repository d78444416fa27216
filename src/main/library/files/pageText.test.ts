import { describe, expect, it } from 'vitest'
import { joinLines, pageLines, pageText, textProblem, type TextPiece } from './pageText'

/** Pieces as pdf.js gives a typeset page: one per line, 12 pt apart, hasEOL on each. */
function lines(...texts: string[]): TextPiece[] {
  return texts.map((str, i) => ({
    str,
    hasEOL: true,
    x: 72,
    y: 700 - i * 12,
    width: str.length * 5,
    height: 10,
  }))
}

describe('joinLines', () => {
  it('joins a word hyphenated at a line end', () => {
    expect(joinLines(['models learn from interac-', 'tion with people'])).toBe(
      'models learn from interaction with people',
    )
  })

  it('keeps the hyphens of a compound, mid-line and across a line end', () => {
    expect(joinLines(['a state-of-the-art model'])).toBe('a state-of-the-art model')
    expect(joinLines(['a state-of-the-', 'art model'])).toBe('a state-of-the-art model')
  })

  it('keeps a hyphen before a capital or a number: not a broken word', () => {
    expect(joinLines(['see GPT-', '4 and Llama-', 'Guard'])).toBe('see GPT- 4 and Llama- Guard')
  })

  it('joins words broken by a Unicode or soft hyphen; drops soft hyphens inside a line', () => {
    expect(joinLines(['interac\u2010', 'tion'])).toBe('interaction')
    expect(joinLines(['interac\u00AD', 'tion and hy\u00ADphen'])).toBe('interaction and hyphen')
  })

  it('normalizes NFKC: ligatures become letters, full-width forms plain', () => {
    expect(joinLines(['We ﬁnd the ﬂow eﬃcient', 'ＡＢＣ１２３'])).toBe(
      'We find the flow efficient ABC123',
    )
  })

  it('collapses white space and drops control and private-use characters', () => {
    expect(joinLines(['  many \t spaces\u0007here \uE000x\uE001  ', '', '   '])).toBe(
      'many spaces here x',
    )
  })
})

describe('pageLines', () => {
  it('ends a line where pdf.js says so, or where the baseline moves', () => {
    const pieces: TextPiece[] = [
      { str: 'first', hasEOL: false, x: 72, y: 700, width: 25, height: 10 },
      { str: 'line', hasEOL: false, x: 100, y: 700, width: 20, height: 10 },
      { str: 'second', hasEOL: false, x: 72, y: 688, width: 30, height: 10 },
      { str: 'x', hasEOL: false, x: 103, y: 691, width: 5, height: 6 },
    ]
    // "x" is a superscript: raised by less than half a line, it stays on its line.
    expect(pageLines(pieces)).toEqual(['first line', 'secondx'])
  })

  it('puts no space between pieces that touch (a word split in two items)', () => {
    const pieces: TextPiece[] = [
      { str: 'inter', hasEOL: false, x: 72, y: 700, width: 25, height: 10 },
      { str: 'action', hasEOL: true, x: 97, y: 700, width: 30, height: 10 },
    ]
    expect(pageLines(pieces)).toEqual(['interaction'])
  })

  it('puts a space where the next piece is drawn back to the left on the same line', () => {
    // texinfo's manuals draw a right-aligned "[Function]" before the line's start
    const pieces: TextPiece[] = [
      { str: '[Function]', hasEOL: false, x: 474, y: 610, width: 48, height: 11 },
      { str: 'int decode', hasEOL: false, x: 90, y: 610, width: 60, height: 12 },
    ]
    expect(pageLines(pieces)).toEqual(['[Function] int decode'])
  })
})

describe('pageText', () => {
  it('rebuilds a two-column page: hyphenation joined across lines and across columns', () => {
    const column1 = lines('Transformers need inter-', 'action to le-')
    const column2 = lines('arn, at state-of-the-art', 'scale.').map((p) => ({ ...p, x: 320 }))
    expect(pageText([...column1, ...column2])).toBe(
      'Transformers need interaction to learn, at state-of-the-art scale.',
    )
  })
})

describe('textProblem', () => {
  it('passes prose and reports no text or symbol soup', () => {
    expect(
      textProblem('A page of ordinary words, with numbers like 3.14 and (brackets).'),
    ).toBeNull()
    expect(textProblem('  \n ')).toMatch(/no text/)
    expect(textProblem('\uE001\uE002\uE003'.repeat(30))).toMatch(/unreadable/)
    expect(textProblem('#$%&*@!^~+=<>'.repeat(10))).toMatch(/unreadable/)
  })
})
