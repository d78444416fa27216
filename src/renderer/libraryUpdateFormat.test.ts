import { describe, expect, it } from 'vitest'
import { barFraction, barText, stepLabel, stepState, UPDATE_STEPS } from './libraryUpdateFormat'

const labels = (current: Parameters<typeof stepLabel>[1]) =>
  UPDATE_STEPS.map((step) => `${stepState(step, current)}: ${stepLabel(step, current)}`)

describe('the update screen’s steps and bar', () => {
  it('before the first step: everything to come, the bar waiting', () => {
    expect(labels(null)).toEqual([
      'waiting: Keeping a checked copy in backups/',
      'waiting: Indexing papers',
      'waiting: Compacting',
    ])
    expect(barFraction(null)).toBeNull()
    expect(barText(null)).toBe('Starting')
  })

  it('while the copy is kept, the bar waits for a count', () => {
    expect(labels({ phase: 'copy' })).toEqual([
      'current: Keeping a checked copy in backups/',
      'waiting: Indexing papers',
      'waiting: Compacting',
    ])
    expect(barFraction({ phase: 'copy' })).toBeNull()
  })

  it('while indexing, the count in the step and the bar, with thousands separated', () => {
    const step = { phase: 'migrate', schema: 13, done: 40_000, total: 100_000 } as const
    expect(labels(step)).toEqual([
      'done: Checked copy kept in backups/',
      'current: Indexing 40,000 of 100,000 papers',
      'waiting: Compacting',
    ])
    expect(barFraction(step)).toBe(0.4)
    expect(barText(step)).toBe('Indexing 40,000 of 100,000 papers')
  })

  it('a library without papers has nothing to count: the bar is full', () => {
    const step = { phase: 'migrate', schema: 13, done: 0, total: 0 } as const
    expect(stepLabel('migrate', step)).toBe('Indexing papers')
    expect(barFraction(step)).toBe(1)
  })

  it('while compacting, the steps before are done and the bar full', () => {
    expect(labels({ phase: 'compact' })).toEqual([
      'done: Checked copy kept in backups/',
      'done: Papers indexed',
      'current: Compacting',
    ])
    expect(barFraction({ phase: 'compact' })).toBe(1)
    expect(barText({ phase: 'compact' })).toBe('Compacting')
  })
})
