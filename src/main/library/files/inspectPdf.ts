import { MarginError } from '../../../shared/errors'
import { PdfEngineError, PdfReadError, type PdfWorker } from './extractionWorker'

/** The largest PDF Margin stores (and extracts text from). */
export const MAX_PDF_BYTES = 200 * 1024 * 1024

/** A PDF's header may follow up to this much junk (pdf.js and Acrobat allow 1 KB). */
const HEADER_WINDOW = 1024
/** Its %%EOF marker sits within this much of the end (the rest is tolerated trailing junk). */
const TAIL_WINDOW = 1024

export interface PdfFacts {
  pageCount: number
  /** The text of page 1 (raw, as pdf.js gives it), when asked for. */
  firstPageText?: string
}

const latin1 = new TextDecoder('latin1')

/**
 * Refuses what is plainly not a whole PDF by its bytes alone: empty, too large, a web page, no
 * %PDF header, no %%EOF at the end (cut off). Cheap: reads at most 2 KB.
 */
export function sniffPdf(data: Uint8Array, name: string): void {
  const quoted = `"${name}"`
  if (data.length === 0) {
    throw new MarginError('EMPTY_FILE', `${quoted} is empty (0 bytes), not a PDF.`)
  }
  if (data.length > MAX_PDF_BYTES) {
    throw new MarginError(
      'PDF_TOO_LARGE',
      `${quoted} is ${megabytes(data.length)}; Margin stores PDFs of up to ${megabytes(MAX_PDF_BYTES)}.`,
    )
  }
  const head = latin1.decode(data.subarray(0, HEADER_WINDOW))
  if (!head.includes('%PDF-')) {
    if (looksLikeHtml(head)) {
      throw new MarginError(
        'NOT_A_PDF',
        `${quoted} looks like a web page (HTML), not a PDF — often an error page from the server.`,
      )
    }
    throw new MarginError(
      'NOT_A_PDF',
      `${quoted} is not a PDF: it does not start with the %PDF header every PDF starts with${kindOf(data)}.`,
    )
  }
  const tail = latin1.decode(data.subarray(Math.max(0, data.length - TAIL_WINDOW)))
  if (!tail.includes('%%EOF')) {
    throw new MarginError(
      'NOT_A_PDF',
      `${quoted} is cut off: it does not end as a PDF ends (no %%EOF marker), so the download or copy was probably interrupted.`,
    )
  }
}

/**
 * Opens the bytes with pdf.js in `worker` (no scripting, no eval, no XFA) and gives their page
 * count, or refuses them with a sentence that says what they are: empty, too large, a web page,
 * cut off, damaged, or encrypted with a password.
 */
export async function inspectPdf(
  data: Uint8Array,
  name: string,
  worker: PdfWorker,
  options: { firstPageText?: boolean } = {},
): Promise<PdfFacts> {
  sniffPdf(data, name)
  let facts: PdfFacts
  try {
    // The worker takes the bytes over: a copy of them.
    facts = await worker.inspect(new Uint8Array(data), options)
  } catch (error) {
    const detail = (error as Error).message.replace(/\.$/, '')
    if (error instanceof PdfReadError && error.password) {
      throw new MarginError(
        'PDF_ENCRYPTED',
        `"${name}" is an encrypted PDF that needs a password to open; Margin stores only PDFs that open without one.`,
        { cause: error },
      )
    }
    if (error instanceof PdfReadError) {
      throw new MarginError(
        'NOT_A_PDF',
        `"${name}" is a damaged PDF: pdf.js cannot read it (${detail}).`,
        {
          cause: error,
        },
      )
    }
    if (error instanceof PdfEngineError) {
      throw new MarginError('INTERNAL', `${detail}; "${name}" was not stored.`, { cause: error })
    }
    throw new MarginError('NOT_A_PDF', `"${name}" could not be opened as a PDF: ${detail}.`, {
      cause: error,
    })
  }
  if (facts.pageCount < 1) {
    throw new MarginError('NOT_A_PDF', `"${name}" is a PDF without pages.`)
  }
  return facts
}

function looksLikeHtml(head: string): boolean {
  const start = head
    .replace(/^\uFEFF|^\u00EF\u00BB\u00BF/, '')
    .trimStart()
    .toLowerCase()
  if (/^<(!doctype\s+html|html|head|body|title|meta|script|div|p|h1)\b/.test(start)) return true
  return start.startsWith('<') && /<(html|body|head)\b/.test(start)
}

/** What the bytes look like, when it is a common kind of file: ", but like a PNG image". */
function kindOf(data: Uint8Array): string {
  const head = latin1.decode(data.subarray(0, 8))
  if (head.startsWith('\x89PNG')) return ' (it is a PNG image)'
  if (head.startsWith('\xFF\xD8\xFF')) return ' (it is a JPEG image)'
  if (head.startsWith('PK\x03\x04')) return ' (it is a ZIP archive, or a Word or EPUB file)'
  if (head.startsWith('\x1F\x8B')) return ' (it is gzip-compressed)'
  if (head.startsWith('%!PS')) return ' (it is PostScript)'
  return ''
}

export function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`
}
