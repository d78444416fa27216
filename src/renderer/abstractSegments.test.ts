import { describe, expect, it } from 'vitest'
import type { Highlight } from '../shared/models'
import { abstractSegments } from './abstractSegments'

const highlight = (id: number, start: number, end: number): Highlight => ({
  id,
  paperId: 1,
  quote: '',
  prefix: '',
  suffix: '',
  color: 'yellow',
  comment: null,
  createdAt: 0,
  updatedAt: 0,
  anchor: { start, end },
})

describe('abstractSegments', () => {
  const text = 'We study X. Code: https://a.io/x. Results hold.'

  it('gives back the text exactly, with links marked', () => {
    const segments = abstractSegments(text, ['https://a.io/x'], [])
    expect(segments.map((s) => s.text).join('')).toBe(text)
    expect(segments.filter((s) => s.link).map((s) => s.text)).toEqual(['https://a.io/x'])
  })

  it('cuts at overlapping highlights and keeps link pieces linked', () => {
    const segments = abstractSegments(
      text,
      ['https://a.io/x'],
      [highlight(1, 3, 10), highlight(2, 6, 25)],
    )
    expect(segments.map((s) => s.text).join('')).toBe(text)
    const covered = (fragment: string) =>
      segments.find((s) => s.text === fragment)?.highlights.map((h) => h.id)
    expect(covered('stu')).toEqual([1])
    expect(covered('dy X')).toEqual([1, 2])
    expect(covered('. Code: ')).toEqual([2])
    expect(segments.find((s) => s.text === 'https:/')).toMatchObject({
      link: 'https://a.io/x',
      highlights: [{ id: 2 }],
    })
  })

  it('marks words the search matched, by word start and regardless of case', () => {
    const segments = abstractSegments(
      'Results hold; we study results (X+).',
      [],
      [],
      ['results', 'x+'],
    )
    expect(segments.filter((s) => s.matched).map((s) => s.text)).toEqual([
      'Results',
      'results',
      'X+',
    ])
  })

  it('leaves detached highlights out of the text', () => {
    const detached = { ...highlight(3, 0, 0), anchor: null }
    expect(abstractSegments(text, [], [detached])).toEqual([
      { text, start: 0, link: null, highlights: [], matched: false },
    ])
  })
})
