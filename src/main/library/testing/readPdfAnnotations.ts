import { loadPdfJs, SAFE_DOCUMENT_OPTIONS } from '../files/pdfjsNode'

/** An annotation as pdf.js reads it from a PDF (1-based page): the fields a viewer shows. */
export interface ReadAnnotation {
  page: number
  subtype: string
  rect: number[]
  quadPoints: number[] | null
  contents: string
  title: string
  color: number[]
  name: string | null
  modified: string | null
  created: string | null
}

/** The annotations pdf.js finds on each page. A copy of `bytes` is read (a Buffer is fine). */
export async function readPdfAnnotations(bytes: Uint8Array): Promise<ReadAnnotation[]> {
  const pdfjs = await loadPdfJs()
  const task = pdfjs.getDocument({ ...SAFE_DOCUMENT_OPTIONS, data: new Uint8Array(bytes) })
  try {
    const doc = await task.promise
    const found: ReadAnnotation[] = []
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number)
      for (const a of (await page.getAnnotations()) as Array<Record<string, unknown>>) {
        found.push({
          page: number,
          subtype: a.subtype as string,
          // pdf.js keeps rectangles and QuadPoints as 32-bit floats.
          rect: [...(a.rect as number[])].map(hundredths),
          quadPoints: a.quadPoints ? [...(a.quadPoints as Float32Array)].map(hundredths) : null,
          contents: (a.contentsObj as { str: string } | undefined)?.str ?? '',
          title: (a.titleObj as { str: string } | undefined)?.str ?? '',
          color: a.color ? [...(a.color as Uint8ClampedArray)] : [],
          name: (a.name as string | undefined) ?? null,
          modified: (a.modificationDate as string | null | undefined) ?? null,
          created: (a.creationDate as string | null | undefined) ?? null,
        })
      }
    }
    return found
  } finally {
    await task.destroy()
  }
}

/** Each page's text as pdf.js reads it, items joined by a space. */
export async function pageTexts(bytes: Uint8Array): Promise<string[]> {
  const pdfjs = await loadPdfJs()
  const task = pdfjs.getDocument({ ...SAFE_DOCUMENT_OPTIONS, data: new Uint8Array(bytes) })
  try {
    const doc = await task.promise
    const texts: string[] = []
    for (let number = 1; number <= doc.numPages; number++) {
      const { items } = await (await doc.getPage(number)).getTextContent()
      texts.push(items.map((item) => ('str' in item ? item.str : '')).join(' '))
    }
    return texts
  } finally {
    await task.destroy()
  }
}

function hundredths(n: number): number {
  return Math.round(n * 100) / 100
}
