import { describe, expect, it } from 'vitest'
import { hasConflictMarkers, withoutConflictMarkers } from './conflictMarkers'

const conflicted = [
  '# Reading notes',
  '<<<<<<< edit of 2026-05-02 09:14 UTC',
  'The method is clever.',
  '=======',
  'The method is not new.',
  '>>>>>>> edit of 2026-05-02 09:20 UTC',
  'Read section 4 again.',
].join('\n')

describe('conflict markers in a note', () => {
  it('finds the markers sync writes', () => {
    expect(hasConflictMarkers(conflicted)).toBe(true)
    expect(hasConflictMarkers('# Reading notes\n\nNothing odd.')).toBe(false)
  })

  it('takes the marker lines out and keeps both texts in order', () => {
    expect(withoutConflictMarkers(conflicted)).toBe(
      [
        '# Reading notes',
        'The method is clever.',
        'The method is not new.',
        'Read section 4 again.',
      ].join('\n'),
    )
  })

  it('keeps a markdown heading underline outside a conflict', () => {
    const text = `Title\n=======\n${conflicted}`
    expect(withoutConflictMarkers(text).startsWith('Title\n=======\n# Reading notes')).toBe(true)
    expect(hasConflictMarkers(withoutConflictMarkers(text))).toBe(false)
  })

  it('handles nested conflicts (three devices) and Windows line ends', () => {
    const nested = [
      '<<<<<<< edit of 2026-05-02 09:14 UTC',
      '<<<<<<< edit of 2026-05-02 09:14 UTC',
      'a',
      '=======',
      'b',
      '>>>>>>> edit of 2026-05-02 09:15 UTC',
      '=======',
      'c',
      '>>>>>>> edit of 2026-05-02 09:16 UTC',
    ].join('\r\n')
    expect(withoutConflictMarkers(nested)).toBe('a\r\nb\r\nc\r\n')
  })

  it('leaves a text without markers as it is', () => {
    const text = 'Lines with <<<<<<< in them\nand >>>>>>> too'
    expect(withoutConflictMarkers(text)).toBe(text)
  })
})
