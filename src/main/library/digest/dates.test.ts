import { describe, expect, it } from 'vitest'
import { parseDateLine, resolveDigestDate } from './dates'

describe('parseDateLine', () => {
  it.each([
    ['Aug 6', { month: 8, day: 6, year: null }],
    ['August 6', { month: 8, day: 6, year: null }],
    ['aug. 6', { month: 8, day: 6, year: null }],
    ['Aug 6, 2024', { month: 8, day: 6, year: 2024 }],
    ['Sept 1', { month: 9, day: 1, year: null }],
    ['2024-08-06', { month: 8, day: 6, year: 2024 }],
    ['Feb 29', { month: 2, day: 29, year: null }],
  ])('reads %s', (line, date) => {
    expect(parseDateLine(line)).toEqual(date)
  })

  it.each(['Aug 32', 'Feb 30', '2023-02-29', 'Augu 6', 'May the force', 'Aug', '6 Aug'])(
    'does not take %s for a date',
    (line) => {
      expect(parseDateLine(line)).toBeNull()
    },
  )
})

describe('resolveDigestDate', () => {
  const at = (iso: string) => new Date(`${iso}T12:00:00`)

  it('gives a year-less date the latest such date not after the import', () => {
    expect(resolveDigestDate({ month: 8, day: 6, year: null }, at('2026-11-29'))).toBe('2026-08-06')
    expect(resolveDigestDate({ month: 12, day: 31, year: null }, at('2027-01-02'))).toBe(
      '2026-12-31',
    )
    expect(resolveDigestDate({ month: 1, day: 2, year: null }, at('2027-01-02'))).toBe('2027-01-02')
    expect(resolveDigestDate({ month: 2, day: 29, year: null }, at('2027-03-01'))).toBe(
      '2024-02-29',
    )
  })

  it('lets a year in the file or an override win', () => {
    expect(resolveDigestDate({ month: 8, day: 6, year: 2024 }, at('2026-11-29'), 2025)).toBe(
      '2024-08-06',
    )
    expect(resolveDigestDate({ month: 8, day: 6, year: null }, at('2026-11-29'), 2023)).toBe(
      '2023-08-06',
    )
  })
})
