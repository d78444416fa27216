import { readFileSync, writeFileSync } from 'node:fs'
import { z } from 'zod'

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export interface WindowState {
  bounds: Rect
  maximized: boolean
}

export const MIN_WINDOW_SIZE = { width: 640, height: 420 }

const coordinate = z.number().int().min(-100_000).max(100_000)
const length = z.number().int().min(1).max(100_000)
const windowStateSchema = z.object({
  bounds: z.object({ x: coordinate, y: coordinate, width: length, height: length }),
  maximized: z.boolean(),
})

/** The remembered window, or undefined when the file is missing, unreadable or not a window. */
export function readWindowState(file: string): WindowState | undefined {
  try {
    return parseWindowState(readFileSync(file, 'utf8'))
  } catch {
    return undefined
  }
}

export function parseWindowState(text: string): WindowState | undefined {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return undefined
  }
  const parsed = windowStateSchema.safeParse(json)
  return parsed.success ? parsed.data : undefined
}

export function writeWindowState(file: string, state: WindowState): void {
  writeFileSync(file, JSON.stringify(state))
}

/**
 * Fits remembered bounds to a display's work area (the display may have shrunk or gone since):
 * no larger than the area, no smaller than the minimum size, and entirely visible.
 */
export function fitToWorkArea(bounds: Rect, area: Rect): Rect {
  const width = clamp(bounds.width, Math.min(MIN_WINDOW_SIZE.width, area.width), area.width)
  const height = clamp(bounds.height, Math.min(MIN_WINDOW_SIZE.height, area.height), area.height)
  return {
    x: clamp(bounds.x, area.x, area.x + area.width - width),
    y: clamp(bounds.y, area.y, area.y + area.height - height),
    width,
    height,
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max)
}
