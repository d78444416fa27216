import { describe, expect, it } from 'vitest'
import { savedMessage } from './exportAnnotatedPdf'

describe('the message after exporting a PDF with its annotations', () => {
  it('says where it went, how many annotations it holds and how many were left out', () => {
    expect(savedMessage('/home/a/p (annotated).pdf', 1)).toBe(
      'Saved /home/a/p (annotated).pdf with 1 annotation.',
    )
    expect(savedMessage('/x.pdf', 3, 2)).toBe(
      'Saved /x.pdf with 3 annotations (2 annotations not on this PDF left out).',
    )
    expect(savedMessage('/x.pdf')).toBe('Saved /x.pdf with 0 annotations.')
  })
})
