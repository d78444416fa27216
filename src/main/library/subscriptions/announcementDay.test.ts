import { describe, expect, it } from 'vitest'
import { announcementDay, easternOffsetMs } from './announcementDay'

describe('announcementDay', () => {
  it('lists a weekday submission before 14:00 Eastern on the next weekday, from 14:00 one later', () => {
    // Tuesday 2026-11-24, EST (UTC−5): 14:00 Eastern is 19:00 UTC.
    expect(announcementDay('2026-11-24T18:59:59Z')).toBe('2026-11-25')
    expect(announcementDay('2026-11-24T19:00:00Z')).toBe('2026-11-26')
    // Monday 13:59 Eastern → Tuesday.
    expect(announcementDay('2026-11-23T18:59:00Z')).toBe('2026-11-24')
  })

  it('holds Thursday afternoon for Monday and the weekend for Tuesday', () => {
    // Thursday 2026-11-26 15:00 Eastern → the cut-off is Friday's → listed Monday.
    expect(announcementDay('2026-11-26T20:00:00Z')).toBe('2026-11-30')
    // Friday 13:00 Eastern → Monday too.
    expect(announcementDay('2026-11-27T18:00:00Z')).toBe('2026-11-30')
    // Friday 14:30, Saturday, Sunday, Monday 13:00 Eastern → Tuesday.
    expect(announcementDay('2026-11-27T19:30:00Z')).toBe('2026-12-01')
    expect(announcementDay('2026-11-28T12:00:00Z')).toBe('2026-12-01')
    expect(announcementDay('2026-11-29T23:00:00Z')).toBe('2026-12-01')
    expect(announcementDay('2026-11-30T18:00:00Z')).toBe('2026-12-01')
  })

  it('reads the time in US Eastern time, daylight saving included, whatever offset it is written in', () => {
    // Summer (EDT, UTC−4): 14:00 Eastern is 18:00 UTC.
    expect(announcementDay('2026-07-14T17:59:00Z')).toBe('2026-07-15')
    expect(announcementDay('2026-07-14T18:00:00Z')).toBe('2026-07-16')
    // The same instant written with an offset: 13:30 Eastern on Tuesday.
    expect(announcementDay('2026-07-14T13:30:00-04:00')).toBe('2026-07-15')
    // Late Monday evening in New York is Tuesday in UTC: still Monday's afternoon → Wednesday.
    expect(announcementDay('2026-11-24T03:00:00Z')).toBe('2026-11-25')
  })

  it('switches between EST and EDT on the second Sunday of March and the first of November', () => {
    expect(easternOffsetMs(Date.parse('2026-03-08T06:59:00Z'))).toBe(-5 * 3_600_000)
    expect(easternOffsetMs(Date.parse('2026-03-08T07:00:00Z'))).toBe(-4 * 3_600_000)
    expect(easternOffsetMs(Date.parse('2026-11-01T05:59:00Z'))).toBe(-4 * 3_600_000)
    expect(easternOffsetMs(Date.parse('2026-11-01T06:00:00Z'))).toBe(-5 * 3_600_000)
    // Monday 2026-03-09 13:30 EDT is 17:30 UTC: before the cut-off → Tuesday.
    expect(announcementDay('2026-03-09T17:30:00Z')).toBe('2026-03-10')
    // In winter the same UTC time is 12:30 EST, also before; 18:30 UTC is 13:30 EST.
    expect(announcementDay('2026-03-02T18:30:00Z')).toBe('2026-03-03')
    expect(announcementDay('2026-03-09T18:30:00Z')).toBe('2026-03-11')
  })

  it('says null for a time it cannot read', () => {
    expect(announcementDay('yesterday')).toBeNull()
  })
})
