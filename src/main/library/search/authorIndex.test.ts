import { describe, expect, it } from 'vitest'
import { authorIndexExpression } from './authorIndex'

describe('authorIndexExpression', () => {
  it('asks the trigram index for every part of three characters or more, quoted', () => {
    expect(authorIndexExpression(['hinton', 'Yann LeCun'])).toBe('"hinton" AND "Yann LeCun"')
    expect(authorIndexExpression(['zhu', 'li'])).toBe('"zhu"')
    expect(authorIndexExpression(['Łoś'])).toBe('"Łoś"')
  })

  it('leaves out what the index cannot find: short parts, and characters JSON escapes', () => {
    expect(authorIndexExpression([])).toBeNull()
    expect(authorIndexExpression(['li', 'wu'])).toBeNull()
    expect(authorIndexExpression(['O"Neil', 'back\\slash', 'tab\there'])).toBeNull()
    // Three characters, counted as characters and not as UTF-16 units.
    expect(authorIndexExpression(['😀x'])).toBeNull()
  })
})
