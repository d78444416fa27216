import type { PDFPageProxy } from 'pdfjs-dist'
import type { PdfRect } from '../../../shared/models'
import { rectBox } from './annotationLayer'

/** The widest (and tallest) an area's picture is drawn, in pixels. */
export const MAX_PICTURE_SIDE = 1600
/** The library takes pictures up to 4 MB; a denser one is drawn again smaller. */
const MAX_PICTURE_BYTES = 4 * 1024 * 1024
/** Pixels per point at most: twice a 1:1 view, sharp on a high-density screen. */
const MAX_PIXELS_PER_POINT = (2 * 96) / 72

/**
 * A PNG of what an area covers, drawn from the page itself (not the reader's canvas, which may
 * be dark or drawn at a small zoom): at most 1600 pixels wide or tall.
 */
export async function areaPicture(page: PDFPageProxy, rect: PdfRect): Promise<Uint8Array> {
  const base = page.getViewport({ scale: 1 })
  const box = rectBox(base, rect)
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
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'))
  canvas.width = 0
  canvas.height = 0
  if (!blob) throw new Error('the picture of the area could not be made')
  return new Uint8Array(await blob.arrayBuffer())
}
