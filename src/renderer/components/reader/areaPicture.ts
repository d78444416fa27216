import type { PDFPageProxy } from 'pdfjs-dist'
import type { PdfRect } from '../../../shared/models'
import { rectBox } from './annotationLayer'
import type { PageBox } from './textBoxes'

/** The widest (and tallest) an area's picture is drawn, in pixels. */
export const MAX_PICTURE_SIDE = 1600
/** The library takes pictures up to 4 MB; a denser one is drawn again smaller. */
const MAX_PICTURE_BYTES = 4 * 1024 * 1024
/** Pixels per point at most: twice a 1:1 view, sharp on a high-density screen. */
const MAX_PIXELS_PER_POINT = (2 * 96) / 72
/** A page drawn this finely is sharp enough to cut the picture from (about 144 dpi). */
const MIN_CROP_PIXELS_PER_POINT = 2

/**
 * A PNG of what an area covers, at most 1600 pixels wide or tall: cut from the page as the
 * reader drew it (`drawn`, its canvas in the page's own colours) when that is sharp enough
 * (zoomed in, or a high-density screen), else drawn again from the page, finer (which waits
 * for pdf.js's worker, busy drawing the pages near).
 */
export async function areaPicture(
  page: PDFPageProxy,
  rect: PdfRect,
  drawn: HTMLCanvasElement | null,
): Promise<Uint8Array> {
  const base = page.getViewport({ scale: 1 })
  const box = rectBox(base, rect)
  if (drawn && drawn.width / base.width >= MIN_CROP_PIXELS_PER_POINT) {
    const png = await cropPng(drawn, box)
    if (png.length <= MAX_PICTURE_BYTES) return png
  }
  const width = box.width * base.width
  const height = box.height * base.height
  let scale = Math.min(MAX_PIXELS_PER_POINT, MAX_PICTURE_SIDE / Math.max(width, height, 1))
  for (;;) {
    const png = await drawPng(page, scale, box.left * base.width, box.top * base.height, {
      width,
      height,
    })
    if (png.length <= MAX_PICTURE_BYTES || scale < 0.25) return png
    scale /= 2
  }
}

async function cropPng(canvas: HTMLCanvasElement, box: PageBox): Promise<Uint8Array> {
  const sx = box.left * canvas.width
  const sy = box.top * canvas.height
  const sw = Math.max(1, box.width * canvas.width)
  const sh = Math.max(1, box.height * canvas.height)
  const fit = Math.min(1, MAX_PICTURE_SIDE / Math.max(sw, sh))
  const crop = document.createElement('canvas')
  crop.width = Math.max(1, Math.round(sw * fit))
  crop.height = Math.max(1, Math.round(sh * fit))
  crop.getContext('2d')?.drawImage(canvas, sx, sy, sw, sh, 0, 0, crop.width, crop.height)
  return pngOf(crop)
}

async function drawPng(
  page: PDFPageProxy,
  scale: number,
  left: number,
  top: number,
  size: { width: number; height: number },
): Promise<Uint8Array> {
  const viewport = page.getViewport({ scale, offsetX: -left * scale, offsetY: -top * scale })
  const canvas = document.createElement('canvas')
  canvas.width = Math.max(1, Math.round(size.width * scale))
  canvas.height = Math.max(1, Math.round(size.height * scale))
  await page.render({ canvas, viewport }).promise
  return pngOf(canvas)
}

/** The canvas as PNG bytes; its pixels are freed at once. */
async function pngOf(canvas: HTMLCanvasElement): Promise<Uint8Array> {
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'))
  canvas.width = 0
  canvas.height = 0
  if (!blob) throw new Error('the picture of the area could not be made')
  return new Uint8Array(await blob.arrayBuffer())
}
