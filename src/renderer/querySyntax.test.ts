import { describe, expect, it } from 'vitest'
import { filterTerm } from './querySyntax'

describe('filterTerm', () => {
  it('writes a filter as a user would type it, quoted when it holds a space', () => {
    expect(filterTerm('author', 'Yann LeCun')).toBe('author:"Yann LeCun"')
    expect(filterTerm('author', 'Hinton')).toBe('author:Hinton')
    expect(filterTerm('cat', 'cs.LG')).toBe('cat:cs.LG')
  })

  it('stands the longest run without a double quote for a value that has one', () => {
    expect(filterTerm('author', 'Robert "Bob" Tarjan')).toBe('author:Robert')
    expect(filterTerm('author', 'J. "Jack" Robertson-Smith')).toBe('author:Robertson-Smith')
  })
})
