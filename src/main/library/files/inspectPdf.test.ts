import { afterAll, describe, expect, it } from 'vitest'
import { MarginError } from '../../../shared/errors'
import { createPdfWorker } from './extractionWorker'
import { inspectPdf, MAX_PDF_BYTES } from './inspectPdf'
import { contentPdf, encryptedPdf, linesPdf } from './testPdfs'

const worker = createPdfWorker()
afterAll(() => worker.stop())

async function refusal(data: Uint8Array, name = 'paper.pdf'): Promise<MarginError> {
  const error = await inspectPdf(data, name, worker).then(
    () => new Error('expected a refusal'),
    (e: unknown) => e,
  )
  if (error instanceof MarginError) return error
  throw error
}

const text = (s: string) => new TextEncoder().encode(s)

describe('inspectPdf', () => {
  it('gives the page count of a PDF, and its first page text when asked', async () => {
    const data = await linesPdf([
      ['arXiv:2408.01234v2 [cs.LG] 6 Aug 2024', 'A title'],
      ['two'],
      ['three'],
    ])
    expect(await inspectPdf(data, 'paper.pdf', worker)).toEqual({ pageCount: 3 })
    const facts = await inspectPdf(data, 'paper.pdf', worker, { firstPageText: true })
    expect(facts.firstPageText).toContain('arXiv:2408.01234v2')
  })

  it('refuses an HTML page, saying what it is', async () => {
    const error = await refusal(
      text('<!DOCTYPE html>\n<html><body>403 Forbidden</body></html>'),
      'x.pdf',
    )
    expect(error.code).toBe('NOT_A_PDF')
    expect(error.message).toBe(
      '"x.pdf" looks like a web page (HTML), not a PDF — often an error page from the server.',
    )
    expect((await refusal(text('\n  <html lang="en"><head>'))).message).toMatch(/web page \(HTML\)/)
  })

  it('refuses an empty file', async () => {
    const error = await refusal(new Uint8Array(0))
    expect([error.code, error.message]).toEqual([
      'EMPTY_FILE',
      '"paper.pdf" is empty (0 bytes), not a PDF.',
    ])
  })

  it('refuses other files by what they are', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])
    const error = await refusal(png)
    expect(error.code).toBe('NOT_A_PDF')
    expect(error.message).toMatch(/does not start with the %PDF header.*PNG image/)
  })

  it('refuses a cut-off download, and a damaged PDF', async () => {
    const whole = await linesPdf([['some text']])
    const cut = await refusal(whole.slice(0, Math.floor(whole.length * 0.6)))
    expect(cut.code).toBe('NOT_A_PDF')
    expect(cut.message).toMatch(/"paper.pdf" is cut off: .*no %%EOF/)
    const damaged = await refusal(text('%PDF-1.7\nnothing a PDF has\n%%EOF\n'))
    expect(damaged.code).toBe('NOT_A_PDF')
    expect(damaged.message).toMatch(/"paper.pdf" is a damaged PDF: pdf.js cannot read it/)
  })

  it('refuses an encrypted PDF that needs a password', async () => {
    const error = await refusal(encryptedPdf())
    expect(error.code).toBe('PDF_ENCRYPTED')
    expect(error.message).toMatch(/encrypted PDF that needs a password/)
  })

  it('refuses more than 200 MB without parsing it', async () => {
    const huge = new Uint8Array(MAX_PDF_BYTES + 1)
    const error = await refusal(huge)
    expect(error.code).toBe('PDF_TOO_LARGE')
    expect(error.message).toBe('"paper.pdf" is 200 MB; Margin stores PDFs of up to 200 MB.')
  })

  it('opens a hand-written PDF (the builder the other tests rely on)', async () => {
    expect(
      await inspectPdf(contentPdf('BT /F1 12 Tf 72 700 Td (hello) Tj ET'), 'hand.pdf', worker),
    ).toEqual({
      pageCount: 1,
    })
  })

  it('says so when pdf.js itself cannot be loaded, blaming not the file', async () => {
    const broken = createPdfWorker(undefined, { engineUrl: 'file:///nowhere/pdf.mjs' })
    const error = await inspectPdf(await linesPdf([['x']]), 'fine.pdf', broken).catch((e) => e)
    broken.stop()
    expect(error).toBeInstanceOf(MarginError)
    expect([error.code, error.message]).toEqual([
      'INTERNAL',
      expect.stringMatching(/^Margin could not load pdf.js \(.*\); "fine.pdf" was not stored\.$/),
    ])
  })
})
