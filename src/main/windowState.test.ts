import { join } from 'node:path'
import { writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { useTempDir } from './library/testing/tempDirs'
import {
  fitToWorkArea,
  MIN_WINDOW_SIZE,
  parseWindowState,
  readWindowState,
  writeWindowState,
} from './windowState'

const STATE = { bounds: { x: 100, y: 80, width: 1200, height: 800 }, maximized: false }

describe('reading the remembered window', () => {
  const tempDir = useTempDir()

  it('gives back what was written', () => {
    const file = join(tempDir(), 'window-state.json')
    writeWindowState(file, STATE)
    expect(readWindowState(file)).toEqual(STATE)
  })

  it('falls back to nothing when the file is missing or damaged', () => {
    const dir = tempDir()
    expect(readWindowState(join(dir, 'missing.json'))).toBeUndefined()
    writeFileSync(join(dir, 'cut.json'), '{"bounds":{"x":1')
    expect(readWindowState(join(dir, 'cut.json'))).toBeUndefined()
  })

  it.each([
    ['not JSON', 'window'],
    ['null', 'null'],
    ['no bounds', '{"maximized":false}'],
    ['a size as text', JSON.stringify({ ...STATE, bounds: { ...STATE.bounds, width: '1200' } })],
    ['a fractional position', JSON.stringify({ ...STATE, bounds: { ...STATE.bounds, x: 1.5 } })],
    ['a zero height', JSON.stringify({ ...STATE, bounds: { ...STATE.bounds, height: 0 } })],
    ['an absurd position', JSON.stringify({ ...STATE, bounds: { ...STATE.bounds, y: 1e12 } })],
    ['maximized as text', JSON.stringify({ ...STATE, maximized: 'yes' })],
  ])('ignores %s', (_, text) => {
    expect(parseWindowState(text)).toBeUndefined()
  })
})

describe('fitting the window to a display', () => {
  const laptop = { x: 0, y: 25, width: 1440, height: 875 }

  it('keeps a window that already fits', () => {
    expect(fitToWorkArea(STATE.bounds, laptop)).toEqual(STATE.bounds)
  })

  it('brings back a window left on a display that is gone', () => {
    expect(fitToWorkArea({ x: 3000, y: 1400, width: 1200, height: 800 }, laptop)).toEqual({
      x: 240,
      y: 100,
      width: 1200,
      height: 800,
    })
    expect(fitToWorkArea({ x: -2000, y: -500, width: 800, height: 600 }, laptop)).toEqual({
      x: 0,
      y: 25,
      width: 800,
      height: 600,
    })
  })

  it('shrinks a window larger than the display', () => {
    expect(fitToWorkArea({ x: 0, y: 0, width: 2560, height: 1600 }, laptop)).toEqual(laptop)
  })

  it('grows a window below the minimum size, unless the display is smaller still', () => {
    expect(fitToWorkArea({ x: 10, y: 30, width: 100, height: 50 }, laptop)).toMatchObject(
      MIN_WINDOW_SIZE,
    )
    const tiny = { x: 0, y: 0, width: 600, height: 400 }
    expect(fitToWorkArea({ x: 0, y: 0, width: 100, height: 50 }, tiny)).toEqual(tiny)
  })

  it('works on a display left of or above the primary one', () => {
    const left = { x: -1920, y: -200, width: 1920, height: 1080 }
    expect(fitToWorkArea({ x: -1800, y: -100, width: 1000, height: 700 }, left)).toEqual({
      x: -1800,
      y: -100,
      width: 1000,
      height: 700,
    })
  })
})
