import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { paperPdf } from '../src/main/library/testing/paperPdf'
import { readPdfAnnotations } from '../src/main/library/testing/readPdfAnnotations'
import { expect, test } from './fixtures'
import { launchApp } from './harness'
import { attachToFirstPaper } from './readerSteps'

test('Shift+E saves a copy of the PDF with its annotations where the save dialog says', async ({
  libraryDir,
}) => {
  const exportDir = mkdtempSync(join(tmpdir(), 'margin-e2e-export-'))
  const app = await launchApp({ libraryDir, exportDir })
  try {
    const pdf = await paperPdf({ pages: 2, seed: 3, arxivId: '2408.12757' })
    const id = await attachToFirstPaper(app, pdf.bytes)
    const sha256 = app.library.getPaper(id).files[0]!.sha256
    app.library.annotations.create({
      paperId: id,
      sha256,
      type: 'note',
      color: 'pink',
      comment: 'Read this twice.',
      position: { pageIndex: 1, rects: [[300, 400, 322, 422]] },
      quote: '',
      prefix: '',
      suffix: '',
      offset: 0,
    })

    await app.page.getByRole('listbox', { name: 'Papers' }).focus()
    await app.page.keyboard.press('Shift+E')
    const toast = app.page.getByRole('status').filter({ hasText: `Saved ${exportDir}` })
    await expect(toast).toContainText(/ with 1 annotation\./)
    const [name] = app.offeredExportNames
    expect(name).toMatch(/^NanoFlow .* \(annotated\)\.pdf$/)
    const saved = join(exportDir, name!)
    await expect(toast).toContainText(`Saved ${saved} with 1 annotation.`)
    expect(readdirSync(exportDir)).toEqual([name])
    const found = await readPdfAnnotations(readFileSync(saved))
    expect(found.map((a) => [a.page, a.subtype, a.contents])).toEqual([
      [2, 'Text', 'Read this twice.'],
    ])
  } finally {
    await app.close()
    rmSync(exportDir, { recursive: true, force: true })
  }
})
