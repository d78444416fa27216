import { describe, expect, it } from 'vitest'
import { hasConflictMarkers, withoutConflictMarkers } from './conflictMarkers'
import { mergeTypedNote } from './noteMerge'

const times = { typed: Date.UTC(2026, 4, 2, 9, 20), stored: Date.UTC(2026, 4, 2, 9, 14) }

describe('a note changed behind text being typed', () => {
  const base = 'Method: batching.\n\nResults: 1.9x.\n\nOpen question: memory?'

  it('takes both edits when they do not overlap', () => {
    const typed = base.replace('batching.', 'batching of nano-batches.')
    const stored = base.replace('memory?', 'memory and latency?')
    expect(mergeTypedNote(base, typed, stored, times)).toBe(
      'Method: batching of nano-batches.\n\nResults: 1.9x.\n\nOpen question: memory and latency?',
    )
  })

  it('keeps both texts between sync’s markers when they overlap, the typed one first', () => {
    const typed = base.replace('1.9x.', '1.91x on LLaMA.')
    const stored = base.replace('1.9x.', 'about twice as fast.')
    const merged = mergeTypedNote(base, typed, stored, times)
    expect(merged.split('\n')).toEqual([
      'Method: batching.',
      '',
      '<<<<<<< edit of 2026-05-02 09:20 UTC',
      'Results: 1.91x on LLaMA.',
      '=======',
      'Results: about twice as fast.',
      '>>>>>>> edit of 2026-05-02 09:14 UTC',
      '',
      'Open question: memory?',
    ])
    expect(hasConflictMarkers(merged)).toBe(true)
    expect(withoutConflictMarkers(merged)).toContain('1.91x on LLaMA.\nResults: about twice')
  })

  it('changes nothing when only one side changed, or both made the same change', () => {
    const edited = `${base}\nMore.`
    expect(mergeTypedNote(base, edited, base, times)).toBe(edited)
    expect(mergeTypedNote(base, base, edited, times)).toBe(edited)
    expect(mergeTypedNote(base, edited, edited, times)).toBe(edited)
  })

  it('keeps typed text when the stored note was removed elsewhere', () => {
    expect(mergeTypedNote('Old line.', 'Old line.\nNew line.', '', times)).toContain('New line.')
  })
})
