import {
  EncryptedPDFError,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFString,
  type PDFPage,
} from 'pdf-lib'
import { MarginError } from '../../../shared/errors'
import type {
  HighlightColor,
  PdfAnnotation,
  PdfAnnotationType,
  PdfRect,
} from '../../../shared/models'

/** Who wrote the annotations (/T), as other viewers show it. */
export const ANNOTATION_AUTHOR = 'Margin'

/** The PDF annotation subtype of each kind. */
export const PDF_SUBTYPES: Record<PdfAnnotationType, string> = {
  highlight: 'Highlight',
  underline: 'Underline',
  note: 'Text',
  area: 'Square',
}

/**
 * /C of each colour, as RGB from 0 to 1: Zotero's annotation colours (#ffd400, #5fb236, #2ea8e5,
 * #ff6666), strong enough to read in a viewer that multiplies a highlight over the text, and the
 * ones Zotero recognizes by name when it imports the PDF.
 */
export const PDF_COLORS: Record<HighlightColor, [number, number, number]> = {
  yellow: [1, 212 / 255, 0],
  green: [95 / 255, 178 / 255, 54 / 255],
  blue: [46 / 255, 168 / 255, 229 / 255],
  pink: [1, 102 / 255, 102 / 255],
}

export type PdfAnnotationToWrite = Pick<
  PdfAnnotation,
  'id' | 'type' | 'color' | 'comment' | 'position' | 'createdAt' | 'updatedAt'
>

/**
 * A copy of the PDF `bytes` with each annotation added as a standard PDF annotation of its page:
 * Highlight and Underline (a QuadPoints quadrilateral per line), Text (a note), Square (an
 * area), with the comment as /Contents. Text that runs on to the next page gets a second
 * annotation there. The bytes given are not changed.
 */
export async function annotatedPdf(
  bytes: Uint8Array,
  annotations: readonly PdfAnnotationToWrite[],
): Promise<Uint8Array> {
  const doc = await loadPdf(bytes)
  const pages = doc.getPages()
  for (const annotation of annotations) {
    const { pageIndex, rects, nextPageRects } = annotation.position
    const parts: Array<[PDFPage | undefined, PdfRect[]]> = [[pages[pageIndex], rects]]
    if (nextPageRects?.length) parts.push([pages[pageIndex + 1], nextPageRects])
    for (const [page, partRects] of parts) {
      if (!page) {
        throw new MarginError(
          'INVALID_ARGUMENT',
          `Annotation ${annotation.id} is on page ${pageIndex + 1}, which this PDF (${pages.length} pages) does not have.`,
        )
      }
      page.node.addAnnot(doc.context.register(annotationDict(doc, page, annotation, partRects)))
    }
  }
  return doc.save({ updateFieldAppearances: false })
}

async function loadPdf(bytes: Uint8Array): Promise<PDFDocument> {
  try {
    // A copy: pdf-lib may keep views of what it is given.
    return await PDFDocument.load(bytes.slice(), { updateMetadata: false })
  } catch (error) {
    if (error instanceof EncryptedPDFError) {
      throw new MarginError(
        'PDF_ENCRYPTED',
        'The PDF is encrypted, so annotations cannot be written into a copy of it.',
      )
    }
    throw new MarginError(
      'NOT_A_PDF',
      `The PDF could not be read to write its annotations: ${(error as Error).message}.`,
      { cause: error },
    )
  }
}

function annotationDict(
  doc: PDFDocument,
  page: PDFPage,
  annotation: PdfAnnotationToWrite,
  rects: readonly PdfRect[],
) {
  const box = boundingBox(rects)
  const dict = doc.context.obj({
    Type: 'Annot',
    Subtype: PDF_SUBTYPES[annotation.type],
    Rect: box.map(rounded),
    C: PDF_COLORS[annotation.color],
    // Print: the annotation is printed with the page, as a reader's marks are.
    F: 4,
    P: page.ref,
  })
  dict.set(PDFName.of('NM'), PDFString.of(`margin-${annotation.id}`))
  dict.set(PDFName.of('T'), PDFHexString.fromText(ANNOTATION_AUTHOR))
  dict.set(PDFName.of('CreationDate'), PDFString.fromDate(new Date(annotation.createdAt)))
  dict.set(PDFName.of('M'), PDFString.fromDate(new Date(annotation.updatedAt)))
  if (annotation.comment)
    dict.set(PDFName.of('Contents'), PDFHexString.fromText(annotation.comment))
  switch (annotation.type) {
    case 'highlight':
    case 'underline':
      dict.set(PDFName.of('QuadPoints'), doc.context.obj(rects.flatMap(quadPoints).map(rounded)))
      break
    case 'note':
      dict.set(PDFName.of('Name'), PDFName.of('Comment'))
      break
    case 'area':
      dict.set(PDFName.of('BS'), doc.context.obj({ W: 1 }))
      break
  }
  return dict
}

/**
 * A line's quadrilateral in the order viewers read it (Acrobat, pdf.js, PDFium): top left, top
 * right, bottom left, bottom right, not the spec's counter-clockwise order.
 */
function quadPoints([x1, y1, x2, y2]: PdfRect): number[] {
  return [x1, y2, x2, y2, x1, y1, x2, y1]
}

/** The rectangle holding every rect; pdf.js drops QuadPoints that stick out of /Rect. */
function boundingBox(rects: readonly PdfRect[]): PdfRect {
  return [
    Math.min(...rects.map((r) => r[0])),
    Math.min(...rects.map((r) => r[1])),
    Math.max(...rects.map((r) => r[2])),
    Math.max(...rects.map((r) => r[3])),
  ]
}

/** Hundredths of a point: finer than any screen, and a shorter file. */
function rounded(n: number): number {
  return Math.round(n * 100) / 100
}
