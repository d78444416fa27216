/**
 * Dark pages that keep figures: after pdf.js paints a page, every pixel outside the page's
 * raster images has its lightness inverted with its hue and saturation kept (white paper
 * becomes dark grey, black text light grey, a red curve of a vector plot stays red), and the
 * raster images (photos, bitmaps of plots) are left exactly as they are.
 *
 * Why not `filter: invert(1) hue-rotate(180deg)` on the canvas: it also inverts photos and
 * raster figures (faces turn to negatives, heat maps change meaning) and only approximates
 * hues (hue-rotate is a linear matrix). pdf.js tells where it drew images (`recordImages`),
 * so only the page's paper, text and vector drawings are changed.
 */

/** Darkest and lightest grey of a dark page (paper and ink), 0-255. */
export const DARK_PAPER = 30
export const DARK_INK = 222

/** Rounding slack: 0.6 * 50 is 30.000000000000004, still pixel 30. */
const EPSILON = 1e-6

/** A rectangle in pixels of the canvas, [x0, x1) x [y0, y1). */
export interface PixelRect {
  x0: number
  y0: number
  x1: number
  y1: number
}

/**
 * Image areas from pdf.js's `imageCoordinates` (per image three corners of a parallelogram,
 * as fractions of the canvas) as pixel rectangles that enclose them.
 */
export function imageRects(
  coordinates: ArrayLike<number> | null | undefined,
  width: number,
  height: number,
): PixelRect[] {
  const rects: PixelRect[] = []
  if (!coordinates) return rects
  for (let i = 0; i + 5 < coordinates.length; i += 6) {
    const at = (k: number) => coordinates[i + k] ?? Number.NaN
    const [x0, y0, x1, y1, x2, y2] = [at(0), at(1), at(2), at(3), at(4), at(5)]
    const xs = [x0, x1, x2, x1 + x2 - x0]
    const ys = [y0, y1, y2, y1 + y2 - y0]
    if (![...xs, ...ys].every(Number.isFinite)) continue
    const rect = {
      x0: Math.max(0, Math.floor(Math.min(...xs) * width + EPSILON)),
      y0: Math.max(0, Math.floor(Math.min(...ys) * height + EPSILON)),
      x1: Math.min(width, Math.ceil(Math.max(...xs) * width - EPSILON)),
      y1: Math.min(height, Math.ceil(Math.max(...ys) * height - EPSILON)),
    }
    if (rect.x1 > rect.x0 && rect.y1 > rect.y0) rects.push(rect)
  }
  return rects
}

/** Darkens RGBA pixels in place, leaving those inside `keep` untouched. */
export function darkenPixels(
  data: Uint8ClampedArray,
  width: number,
  height: number,
  keep: readonly PixelRect[],
): void {
  const range = DARK_INK - DARK_PAPER
  // Lightness inverted, hue and chroma kept: each channel moves by 255 - max - min.
  const map = new Uint8ClampedArray(256)
  for (let v = 0; v < 256; v++) map[v] = DARK_PAPER + (v * range) / 255
  for (let y = 0; y < height; y++) {
    const kept = keep.filter((r) => y >= r.y0 && y < r.y1)
    let x = 0
    while (x < width) {
      const inside = kept.find((r) => x >= r.x0 && x < r.x1)
      if (inside) {
        x = inside.x1
        continue
      }
      const next = Math.min(width, ...kept.filter((r) => r.x0 > x).map((r) => r.x0))
      for (let i = (y * width + x) * 4, end = (y * width + next) * 4; i < end; i += 4) {
        const r = data[i]!
        const g = data[i + 1]!
        const b = data[i + 2]!
        const shift = 255 - Math.max(r, g, b) - Math.min(r, g, b)
        data[i] = map[r + shift]!
        data[i + 1] = map[g + shift]!
        data[i + 2] = map[b + shift]!
      }
      x = next
    }
  }
}
