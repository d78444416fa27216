import { writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { FileChooser, Locator, Page } from '@playwright/test'
import { startArxivServer, type ArxivServer } from '../src/main/library/testing/arxivServer'
import { paperPdf } from '../src/main/library/testing/paperPdf'
import type { Library } from '../src/main/library/library'
import { expect, SCREENSHOTS_DIR, test } from './fixtures'
import { onTop, seriousViolations } from './pageChecks'
import { launchApp } from './harness'

/** Four papers with arXiv ids, in a digest of their own ("Jan 10, 2025"). */
const OFFLINE_PAPERS = [
  ['2409.00001', 'Sparse Routing for Offline Readers'],
  ['2409.00002', 'A Paper arXiv Answers With a Web Page'],
  ['2409.00003', 'Contrastive Margins at Scale'],
  ['2409.00004', 'Quiet Trains and Long Abstracts'],
] as const

function offlineDigest(dir: string): string {
  const file = join(dir, 'offline-papers.json')
  writeFileSync(
    file,
    JSON.stringify(
      OFFLINE_PAPERS.map(([id, title]) => ({
        paper: { id, title, summary: `What ${title.toLowerCase()} is about.`, upvotes: 3 },
        publishedAt: '2025-01-10T00:00:00Z',
      })),
    ),
  )
  return file
}

function paperId(library: Library, title: string): number {
  const paper = library.listPapers().find((p) => p.title === title)
  if (!paper) throw new Error(`no paper "${title}"`)
  return paper.id
}

/** Drops a file made in the page from these bytes on `target`, as a person dragging it there. */
async function dropFile(
  target: Locator,
  name: string,
  bytes: Uint8Array,
  type = 'application/pdf',
) {
  await target.evaluate(
    (element, file) => {
      const binary = atob(file.base64)
      const data = Uint8Array.from(binary, (char) => char.charCodeAt(0))
      const transfer = new DataTransfer()
      transfer.items.add(new File([data], file.name, { type: file.type }))
      for (const kind of ['dragenter', 'dragover', 'drop']) {
        element.dispatchEvent(
          new DragEvent(kind, { dataTransfer: transfer, bubbles: true, cancelable: true }),
        )
      }
    },
    { name, type, base64: Buffer.from(bytes).toString('base64') },
  )
}

const pane = (page: Page) => page.getByRole('region', { name: 'Reading pane' })
const pdfSection = (page: Page) => pane(page).getByRole('region', { name: 'PDF', exact: true })
const downloads = (page: Page) =>
  page.getByRole('navigation', { name: 'Library' }).getByRole('region', { name: 'Downloads' })

test.describe('downloads from arXiv (a local stand-in)', () => {
  let server: ArxivServer
  let baseUrlBefore: string | undefined

  test.beforeEach(async () => {
    server = await startArxivServer()
    baseUrlBefore = process.env.MARGIN_ARXIV_BASE_URL
    process.env.MARGIN_ARXIV_BASE_URL = server.baseUrl
  })

  test.afterEach(async () => {
    if (baseUrlBefore === undefined) delete process.env.MARGIN_ARXIV_BASE_URL
    else process.env.MARGIN_ARXIV_BASE_URL = baseUrlBefore
    await server.close()
  })

  test("one paper's PDF by key, then a whole list made available offline, with a failure, pause and resume", async ({
    libraryDir,
  }) => {
    test.setTimeout(120_000)
    const pdf = async (seed: number, arxivId: string, version = 1) => ({
      kind: 'pdf' as const,
      bytes: (await paperPdf({ pages: 3, seed, arxivId })).bytes,
      version,
      tell: 'filename' as const,
    })
    server.answer('2409.00001', await pdf(1, '2409.00001', 2))
    server.answer('2409.00002', { kind: 'html' })
    // Asked to come back in 8 s first: the line stays on this paper while the queue waits.
    server.answer(
      '2409.00003',
      { kind: 'status', status: 503, retryAfter: '8' },
      await pdf(3, '2409.00003'),
    )
    server.answer('2409.00004', await pdf(4, '2409.00004'))

    const app = await launchApp({ libraryDir, importFiles: [offlineDigest(libraryDir)] })
    const { page } = app
    const sidebar = page.getByRole('navigation', { name: 'Library' })
    await sidebar.getByRole('button', { name: /Jan 10, 2025/ }).click()
    await page.getByRole('option', { name: /^Sparse Routing/ }).click()
    await expect(pdfSection(page)).toContainText('No PDF yet')

    // One paper, by its key in the reading pane.
    await page.keyboard.press('Shift+D')
    const file = pdfSection(page).getByRole('listitem')
    await expect(file).toContainText('arXiv 2409.00001v2', { timeout: 20_000 })
    await expect(file).toContainText('3 pages')
    await expect(page.getByRole('option', { name: /^Sparse Routing/ })).toContainText('PDF')
    await expect(sidebar.getByText(/^PDFs: 1 file, \d+(\.\d)? KB$/)).toBeVisible()
    expect(server.requests.map((r) => r.path)).toEqual(['/pdf/2409.00001'])
    expect(server.requests[0]!.userAgent).toMatch(/^Margin\/\d/)

    // The whole list: the paper with its PDF is skipped, one fails, two arrive.
    await page.getByRole('button', { name: /Make available offline/ }).click()
    await expect(page.getByRole('status').filter({ hasText: 'available offline' })).toContainText(
      'Making Jan 10, 2025 available offline: 3 PDFs to download',
    )
    await expect(downloads(page)).toContainText('1 download failed', { timeout: 20_000 })
    await expect(downloads(page).getByRole('status')).toHaveText(
      /^Downloading 2 of 3 — Contrastive Margins at Scale$/,
    )
    await downloads(page).getByText('1 download failed').click()
    await expect(downloads(page).getByRole('listitem')).toHaveText(
      /^A Paper arXiv Answers With a Web Page: arXiv answered with a web page/,
    )
    await page.screenshot({ path: join(SCREENSHOTS_DIR, 'downloads.png') })
    expect(await seriousViolations(page)).toEqual([])
    // The panel, its failures open, leaves the sidebar's actions in sight and usable.
    for (const name of [/^Import digest/, /^Theme/, /^Shortcuts/, 'Pause', 'Cancel']) {
      const button = sidebar.getByRole('button', { name })
      await expect(button).toBeInViewport({ ratio: 1 })
      expect(await onTop(button), `${String(name)} is not covered`).toBe(true)
    }
    await expect(sidebar.getByText(/^PDFs: /)).toBeInViewport({ ratio: 1 })
    const failures = (await downloads(page).locator('.downloads-failed ul').boundingBox())!
    expect(failures.height).toBeLessThanOrEqual(160)
    await sidebar.getByRole('button', { name: /^Shortcuts/ }).click()
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible()
    await page.keyboard.press('Escape')
    await expect(page.getByRole('dialog')).toBeHidden()

    await downloads(page).getByRole('button', { name: 'Pause' }).click()
    await expect(downloads(page).getByRole('status')).toHaveText(
      'Downloads paused — 0 of 3 downloaded, 2 waiting',
    )
    const requestsWhilePaused = server.requests.length
    await page.getByRole('option', { name: /^Quiet Trains/ }).click()
    await expect(pdfSection(page).getByRole('status')).toHaveText('Queued; downloads are paused')
    await page.waitForTimeout(3000)
    expect(server.requests).toHaveLength(requestsWhilePaused)
    // Resumed, the queue asks again once the 8 s arXiv asked for are over.
    await downloads(page).getByRole('button', { name: 'Resume' }).click()
    await expect(downloads(page).getByRole('status')).toHaveText('Downloaded 2 of 3, 1 failed', {
      timeout: 30_000,
    })
    await expect(pdfSection(page).getByRole('listitem')).toContainText('arXiv 2409.00004v1')
    for (const title of ['Contrastive Margins', 'Quiet Trains']) {
      await expect(page.getByRole('option', { name: new RegExp(`^${title}`) })).toContainText('PDF')
    }
    await expect(page.getByRole('option', { name: /^A Paper arXiv Answers/ })).not.toContainText(
      'PDF',
    )
    await expect(sidebar.getByText(/^PDFs: 3 files, /)).toBeVisible()

    // The failed paper says why in its reading pane, and can be tried again.
    await downloads(page)
      .getByRole('button', { name: 'A Paper arXiv Answers With a Web Page' })
      .click()
    await expect(pdfSection(page)).toContainText(/The download failed: .*web page/i)
    // Tried again, it hangs; Cancel stops it and leaves nothing waiting.
    server.answer('2409.00002', { kind: 'hang' })
    await pdfSection(page)
      .getByRole('button', { name: /Try the download again/ })
      .click()
    await expect(downloads(page).getByRole('status')).toHaveText(
      'Downloading 1 of 1 — A Paper arXiv Answers With a Web Page',
    )
    await expect(pdfSection(page).getByRole('status')).toHaveText('Downloading…')
    await downloads(page).getByRole('button', { name: 'Cancel' }).click()
    await expect(downloads(page)).toBeHidden()
    await expect(pdfSection(page).getByRole('button', { name: /^Download PDF/ })).toBeVisible()
    await app.close()
  })

  test('offline, the queue waits quietly and says so, and resumes once arXiv answers again', async ({
    libraryDir,
  }) => {
    // A port nothing listens on: the machine cannot connect.
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const { port } = closed.address() as AddressInfo
    await new Promise((resolve) => closed.close(resolve))
    process.env.MARGIN_ARXIV_BASE_URL = `http://127.0.0.1:${port}`

    const app = await launchApp({ libraryDir, importFiles: [offlineDigest(libraryDir)] })
    const { page } = app
    await page
      .getByRole('navigation', { name: 'Library' })
      .getByRole('button', { name: /Jan 10, 2025/ })
      .click()
    await page.getByRole('option', { name: /^Sparse Routing/ }).click()
    await page.keyboard.press('Shift+D')
    await expect(downloads(page).getByRole('status')).toHaveText('Offline — waiting to reconnect')
    await expect(pdfSection(page).getByRole('status')).toHaveText('Offline — waiting to reconnect')
    await expect(downloads(page)).not.toContainText('failed')

    // The network is back: the next probe finds arXiv and the PDF arrives.
    const { bytes } = await paperPdf({ pages: 2, seed: 5, arxivId: '2409.00001' })
    const back = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/pdf', 'content-length': bytes.length })
      response.end(bytes)
    })
    await new Promise<void>((resolve) => back.listen(port, '127.0.0.1', resolve))
    try {
      await expect(pdfSection(page).getByRole('listitem')).toContainText('2 pages', {
        timeout: 20_000,
      })
      await expect(downloads(page).getByRole('status')).toHaveText('Downloaded 1 of 1')
    } finally {
      await app.close()
      await new Promise((resolve) => back.close(resolve))
    }
  })
})

test('PDFs attach by drop: on the reading pane to its paper, on the list by the arXiv id they carry, else a picker asks', async ({
  libraryDir,
}) => {
  const app = await launchApp({ libraryDir, importFiles: [offlineDigest(libraryDir)] })
  const { page } = app
  const list = page.getByRole('listbox', { name: 'Papers' })

  // On the reading pane: to the paper shown.
  await page.getByRole('option', { name: /^NanoFlow/ }).click()
  const draft = await paperPdf({ pages: 2, seed: 7, title: 'NanoFlow, a draft' })
  await dropFile(pane(page), 'nanoflow-draft.pdf', draft.bytes)
  await expect(page.getByRole('status').filter({ hasText: 'Attached' })).toContainText(
    /Attached “nanoflow-draft\.pdf” to “NanoFlow: .*” \(2 pages\)/,
  )
  const file = pdfSection(page).getByRole('listitem')
  await expect(file).toContainText('nanoflow-draft.pdf')
  await expect(file).toContainText(/2 pages · \d+(\.\d)? KB · added /)
  await expect(page.getByRole('option', { name: /^NanoFlow/ })).toContainText('PDF')
  // Its text is read in the background; the pane says so when the main process tells it (no
  // asking again and again).
  await expect(file).toContainText('text searchable')

  // On the list: the arXiv stamp on its first page names the paper.
  const stamped = await paperPdf({ pages: 2, seed: 8, arxivId: '2409.00003' })
  await dropFile(list, 'download.pdf', stamped.bytes)
  await expect(page.getByRole('status').filter({ hasText: 'Attached' })).toContainText(
    'Attached “download.pdf” to “Contrastive Margins at Scale” (2 pages)',
  )
  expect(
    app.library.getPaper(paperId(app.library, 'Contrastive Margins at Scale')).files,
  ).toHaveLength(1)

  // A PDF that names no paper: the picker asks, by keyboard.
  const anonymous = await paperPdf({ pages: 1, seed: 9, title: 'Untitled scan' })
  await dropFile(list, 'scan.pdf', anonymous.bytes)
  const picker = page.getByRole('dialog', { name: 'Which paper is this PDF?' })
  await expect(picker).toContainText('“scan.pdf” names no paper of the library')
  await expect(picker.getByRole('combobox')).toBeFocused()
  await page.keyboard.type('omni mol')
  await expect(picker.getByRole('option')).toHaveText([/^Omni-Mol/])
  expect(await seriousViolations(page)).toEqual([])
  await page.keyboard.press('Enter')
  await expect(picker).toBeHidden()
  await expect(page.getByRole('status').filter({ hasText: 'Attached' })).toContainText(
    /Attached “scan\.pdf” to “Omni-Mol/,
  )
  const omniMol = app.library.listPapers().find((p) => p.title.startsWith('Omni-Mol'))!
  expect(app.library.getPaper(omniMol.id).files).toHaveLength(1)

  // Esc leaves a PDF unplaced.
  await dropFile(list, 'another-scan.pdf', anonymous.bytes)
  await expect(picker).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(picker).toBeHidden()

  // Not a PDF: refused with its sentence, nothing stored.
  const html = new TextEncoder().encode('<!DOCTYPE html><html><body>Sorry</body></html>')
  await dropFile(pane(page), 'fake.pdf', html)
  await expect(page.getByRole('alert')).toContainText(
    '"fake.pdf" looks like a web page (HTML), not a PDF',
  )
  await expect(pdfSection(page).getByRole('listitem')).toHaveCount(1)

  // Removing asks first; the keyboard can answer.
  await pdfSection(page)
    .getByRole('button', { name: /^Remove nanoflow-draft\.pdf/ })
    .click()
  await expect(pdfSection(page).getByRole('button', { name: 'Keep it' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(pdfSection(page).getByRole('listitem')).toHaveCount(1)
  await pdfSection(page)
    .getByRole('button', { name: /^Remove nanoflow-draft\.pdf/ })
    .click()
  await pdfSection(page).getByRole('button', { name: 'Remove PDF' }).click()
  await expect(pdfSection(page)).toContainText('No PDF yet')
  await expect(page.getByRole('option', { name: /^NanoFlow/ })).not.toContainText('PDF')
  await app.close()
})

test('a word only in a PDF’s body finds its paper with the page, and the page opens the reader there', async ({
  libraryDir,
}) => {
  const app = await launchApp({ libraryDir })
  const { page } = app
  const nanoflow = app.library.listPapers().find((p) => p.title.startsWith('NanoFlow'))!
  const pdf = await paperPdf({
    pages: 5,
    seed: 11,
    bodyWords: [{ word: 'quokkanomics', page: 3 }],
  })
  // Attached behind the window's back (as the CLI would), while its paper is shown: the end of
  // its text extraction is what tells the window, and the pane shows the file, searchable.
  await page.getByRole('option', { name: /^NanoFlow/ }).click()
  await expect(pdfSection(page)).toContainText('No PDF yet')
  await app.library.pdfs.attach(nanoflow.id, { name: 'nanoflow.pdf', data: pdf.bytes })
  await app.library.pdfs.whenTextIdle()
  await expect(pdfSection(page).getByRole('listitem')).toContainText('text searchable')

  const search = page.getByRole('searchbox', { name: 'Search papers' })
  await page.keyboard.press('/')
  await page.keyboard.type('quokkanomics')
  const row = page.getByRole('option', { name: /^NanoFlow/ })
  await expect(page.getByRole('option')).toHaveCount(1)
  await expect(row).toContainText('p. 3 — ')
  await expect(row.locator('.page-snippet mark.search-match')).toHaveText(['quokkanomics'])
  await expect(row).toContainText('PDF')
  await page.screenshot({ path: join(SCREENSHOTS_DIR, 'body-search-result.png') })
  expect(await seriousViolations(page)).toEqual([])

  // By keyboard: the reading pane offers the matching pages as buttons.
  await page.keyboard.press('Escape')
  const pageButton = pdfSection(page).getByRole('button', { name: 'Open the PDF at page 3' })
  await pageButton.focus()
  await page.keyboard.press('Enter')
  const pageField = page.getByRole('textbox', { name: 'Page (of 5)' })
  await expect(pageField).toHaveValue('3')
  await expect(page.locator('.pdf-mark').first()).toBeVisible()

  // By mouse, from the list row, after going back to the abstract.
  await page.getByRole('button', { name: '← Abstract' }).click()
  await expect(pageField).toBeHidden()
  await row.getByTitle('Open the PDF at page 3').click()
  await expect(pageField).toHaveValue('3')

  // The row tells where the reader was, as the reader stores it, once the list is asked again.
  await page.getByRole('button', { name: '← Abstract' }).click()
  app.library.pdfs.savePosition(nanoflow.id, {
    page: 4,
    offset: 0.5,
    pageCount: 5,
    zoom: 'fit-width',
  })
  await search.fill('')
  await search.fill('quokkanomics')
  await expect(row).toContainText('PDF p. 4/5')
  await app.close()
})

test('Attach PDF… picks a file from File › Attach PDF… with one more press, by key and by button', async ({
  libraryDir,
}) => {
  const app = await launchApp({ libraryDir })
  const { page } = app
  // Listened for from the start, so no picker opens before the test is ready for it.
  const choosers: FileChooser[] = []
  page.on('filechooser', (chooser) => choosers.push(chooser))
  const pick = async (open: () => Promise<void>, name: string, seed: number) => {
    const before = choosers.length
    await open()
    await expect.poll(() => choosers.length).toBe(before + 1)
    const { bytes } = await paperPdf({ pages: 1, seed })
    await choosers[before]!.setFiles({
      name,
      mimeType: 'application/pdf',
      buffer: Buffer.from(bytes),
    })
    await expect(pdfSection(page).getByRole('listitem').filter({ hasText: name })).toBeVisible()
  }
  // The first paper is shown. The menu's command is no click or key in the window, where a
  // file picker may open only in answer to one: the window asks for that press.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^NanoFlow/)
  await page.evaluate(() =>
    (window as unknown as { __marginEmit: (event: string, payload: unknown) => void }).__marginEmit(
      'app:command',
      { command: 'attachPdf' },
    ),
  )
  const prompt = page.getByRole('dialog', { name: 'Attach a PDF' })
  await expect(prompt).toContainText('The PDF is stored with “NanoFlow:')
  await expect(prompt.getByRole('button', { name: 'Choose a PDF file…' })).toBeFocused()
  await pick(() => page.keyboard.press('Enter'), 'from-menu.pdf', 23)
  await expect(prompt).toBeHidden()

  await pick(() => page.keyboard.press('Shift+A'), 'by-key.pdf', 21)
  await pick(
    () =>
      pdfSection(page)
        .getByRole('button', { name: /^Attach PDF…/ })
        .click(),
    'by-button.pdf',
    22,
  )
  await expect(pdfSection(page).getByRole('listitem')).toHaveCount(3)
  await app.close()
})
