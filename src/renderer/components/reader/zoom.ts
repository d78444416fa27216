import type { ReaderZoom } from '../../../shared/models'

/** pdf.js sizes pages in points; a scale of 1 is 100%: a point is 96/72 CSS pixels. */
export const PDF_TO_CSS = 96 / 72

/** The steps of zoom in / out (Ctrl+= / Ctrl+-), as scales (1 = 100%). */
export const ZOOM_STEPS = [
  0.25, 0.5, 0.67, 0.75, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3, 4, 5,
]
export const MIN_SCALE = ZOOM_STEPS[0]!
export const MAX_SCALE = ZOOM_STEPS[ZOOM_STEPS.length - 1]!

/** Space around pages in the scroller, in CSS pixels (matches reader.css). */
export const PAGE_GAP = 12
export const SIDE_PADDING = 16

export interface Size {
  width: number
  height: number
}

/**
 * The scale that shows a page of `page` size (points) in a pane of `pane` size (CSS pixels):
 * its width fitting the pane, or the whole page.
 */
export function resolveScale(zoom: ReaderZoom, page: Size, pane: Size): number {
  if (typeof zoom === 'number') return clampScale(zoom)
  const width = (pane.width - 2 * SIDE_PADDING) / (page.width * PDF_TO_CSS)
  if (zoom === 'fit-width') return clampScale(width)
  const height = (pane.height - 2 * PAGE_GAP) / (page.height * PDF_TO_CSS)
  return clampScale(Math.min(width, height))
}

export function clampScale(scale: number): number {
  if (!Number.isFinite(scale) || scale <= 0) return 1
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale))
}

/** The next step in or out from `scale` (which may lie between steps, after a fit). */
export function stepZoom(scale: number, direction: 1 | -1): number {
  const epsilon = 1e-3
  if (direction > 0) return ZOOM_STEPS.find((step) => step > scale + epsilon) ?? MAX_SCALE
  return [...ZOOM_STEPS].reverse().find((step) => step < scale - epsilon) ?? MIN_SCALE
}

/** How a zoom reads in the toolbar. */
export function zoomLabel(zoom: ReaderZoom, scale: number): string {
  const percent = `${Math.round(scale * 100)}%`
  if (zoom === 'fit-width') return `Fit width (${percent})`
  if (zoom === 'fit-page') return `Fit page (${percent})`
  return percent
}
