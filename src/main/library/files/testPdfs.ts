import { PDFDocument, StandardFonts } from 'pdf-lib'

/**
 * Small PDFs for the file store's tests. `linesPdf` lays out lines with pdf-lib (each line its
 * own text item, 14 pt apart, as a typeset page gives them); `handPdf` writes the objects of a
 * PDF by hand, for what pdf-lib cannot make (an encrypted file, a font with a ligature).
 */

/** One page per entry, its lines from the top; `date` fixes the bytes. */
export async function linesPdf(pages: ReadonlyArray<readonly string[]>): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  const font = await doc.embedFont(StandardFonts.TimesRoman)
  const fixed = new Date(Date.UTC(2024, 7, 6))
  doc.setCreationDate(fixed)
  doc.setModificationDate(fixed)
  for (const lines of pages) {
    const page = doc.addPage([612, 792])
    lines.forEach((line, i) => page.drawText(line, { x: 72, y: 720 - i * 14, size: 11, font }))
  }
  return doc.save()
}

/** A PDF of `objects` (object i + 1 is objects[i], object 1 the catalog) with a valid xref. */
export function handPdf(objects: readonly string[], trailerExtra = ''): Uint8Array {
  let out = '%PDF-1.4\n'
  const offsets: number[] = []
  objects.forEach((object, i) => {
    offsets.push(out.length)
    out += `${i + 1} 0 obj\n${object}\nendobj\n`
  })
  const xref = out.length
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  out += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra} >>\n`
  out += `startxref\n${xref}\n%%EOF\n`
  return Uint8Array.from(out, (c) => c.charCodeAt(0))
}

/** One page whose text is drawn by `content` (a content stream) in Helvetica as /F1. */
export function contentPdf(content: string, encoding = '/WinAnsiEncoding'): Uint8Array {
  return handPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    `<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding ${encoding} >>`,
  ])
}

/**
 * A PDF encrypted with the standard security handler and a user password (its /U entry does
 * not match the empty password), so pdf.js asks for the password.
 */
export function encryptedPdf(): Uint8Array {
  const id = '0123456789abcdef0123456789abcdef'
  return handPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>',
      `<< /Filter /Standard /V 1 /R 2 /Length 40 /O <${'ab'.repeat(32)}> /U <${'cd'.repeat(32)}> /P -4 >>`,
    ],
    `/Encrypt 4 0 R /ID [<${id}><${id}>]`,
  )
}
