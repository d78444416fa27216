import { describe, expect, it } from 'vitest'
import { hasConflictMarkers, mergeNoteTexts, minuteOf } from './noteTextMerge'

const lines = (...text: string[]) => text.join('\n')

describe('markers', () => {
  it('are the opening and closing lines only (a markdown underline is not one)', () => {
    expect(hasConflictMarkers(lines('Title', '=======', 'text'))).toBe(false)
    expect(hasConflictMarkers(lines('x', '<<<<<<< edit of 2024-08-06 09:33 UTC'))).toBe(true)
    expect(hasConflictMarkers('>>>>>>> edit of 2024-08-06 09:33 UTC')).toBe(true)
    expect(hasConflictMarkers('text <<<<<<< edit of inside a line')).toBe(false)
  })

  it('say the UTC minute of an edit', () => {
    expect(minuteOf(Date.UTC(2025, 0, 2, 3, 4, 59))).toBe('2025-01-02 03:04 UTC')
  })
})

describe('mergeNoteTexts', () => {
  it('returns a side unchanged when the other did not change', () => {
    const labels = { ours: 'o', theirs: 't' }
    expect(mergeNoteTexts('base', 'base', 'new', labels)).toBe('new')
    expect(mergeNoteTexts('base', 'new', 'base', labels)).toBe('new')
    expect(mergeNoteTexts('base', 'same', 'same', labels)).toBe('same')
  })
})
