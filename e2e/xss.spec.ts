import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { HIGHLIGHT_COLORS, PDF_ANNOTATION_TYPES } from '../src/shared/models'
import { paperPdf } from '../src/main/library/testing/paperPdf'
import { expect, test } from './fixtures'
import { launchApp, type LaunchedApp } from './harness'
import { XSS_PAYLOADS } from './xssPayloads'

/** Elements a payload would have made had it been taken for HTML, in Margin's own DOM. */
const LIVE =
  '#root script, #root iframe, #root object, #root embed, #root img[onerror], #root svg[onload], #root [onmouseover], #root foreignObject, #root [style*="javascript"], .note-preview a[href^="javascript"], .note-preview a[href^="data"]'

/** Watches for what a payload that ran would do: open a window, a dialog, navigate. */
function watchForEffects(app: LaunchedApp) {
  const { page } = app
  const popups: string[] = []
  page.context().on('page', (popup) => popups.push(popup.url()))
  const dialogs: string[] = []
  page.on('dialog', (dialog) => void dialog.dismiss().then(() => dialogs.push(dialog.message())))
  const startUrl = page.url()
  return async () => {
    await expect(page.locator(LIVE)).toHaveCount(0)
    expect(
      await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
    ).toBeUndefined()
    expect(page.url()).toBe(startUrl)
    expect(popups).toEqual([])
    expect(dialogs).toEqual([])
    expect(app.openedUrls).toEqual([])
  }
}

// One line each: a digest title or abstract is a single line.
const LINE_PAYLOADS = XSS_PAYLOADS.filter((payload) => !payload.includes('\n'))

test('about 100 script-injection payloads in titles, abstracts, notes, comments and tags stay inert text', async ({
  libraryDir,
}) => {
  test.setTimeout(180_000)
  const file = join(libraryDir, 'xss-digest.txt')
  const papers = LINE_PAYLOADS.map(
    (payload, i) => `XSS ${i}: ${payload}\n\nAbstract ${i}: ${payload}`,
  )
  writeFileSync(file, `2031-01-01\n\n${papers.join('\n\n')}\n`)
  const app = await launchApp({ libraryDir, importFiles: [file] })
  const { page, library } = app
  const ids = library.listPapers({ digest: '2031-01-01' }).map((paper) => paper.id)
  // Every payload as a note, a highlight comment and (when short enough) a tag, spread over
  // the papers; a paper's note is the last one it was given.
  XSS_PAYLOADS.forEach((payload, i) => {
    const id = ids[i % ids.length]!
    library.saveNote(id, payload)
    library.createHighlight({ paperId: id, start: 0, end: 8, color: 'yellow', comment: payload })
    if (payload.length <= 64) library.addTags(id, [payload])
  })
  const nothingRan = watchForEffects(app)

  await page.getByRole('button', { name: /Jan 1, 2031/ }).click()
  for (const [i, payload] of LINE_PAYLOADS.entries()) {
    await page.locator(`#paper-${ids[i]}`).click()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`XSS ${i}: ${payload}`)
    await expect(page.locator('.abstract')).toContainText(payload.slice(8))
    const preview = page.getByRole('tab', { name: 'Preview' })
    if ((await preview.getAttribute('aria-selected')) !== 'true') await preview.click()
    await expect(page.locator('.note-preview')).toBeVisible()
  }
  await nothingRan()
  await app.close()
})

test('the payloads as PDF annotation quotes and comments stay text: the list, the reader, its side panel, a search row', async ({
  libraryDir,
}) => {
  test.setTimeout(180_000)
  const app = await launchApp({ libraryDir })
  const { page, library } = app
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^NanoFlow/)
  const id = 1 // the paper the window shows first
  await library.pdfs.attach(id, { name: 'paper.pdf', data: (await paperPdf({ pages: 3 })).bytes })
  await library.pdfs.whenTextIdle()
  const sha256 = library.getPaper(id).files[0]!.sha256
  // Each payload a quote (a note quotes nothing) and a comment, every type, colour and page.
  XSS_PAYLOADS.forEach((payload, i) => {
    const type = PDF_ANNOTATION_TYPES[i % PDF_ANNOTATION_TYPES.length]!
    const top = 740 - (i % 40) * 16
    library.annotations.create({
      paperId: id,
      sha256,
      type,
      color: HIGHLIGHT_COLORS[i % HIGHLIGHT_COLORS.length]!,
      position: { pageIndex: i % 3, rects: [[72 + (i % 5) * 40, top - 12, 300, top]] },
      quote: type === 'note' ? '' : payload,
      prefix: payload.slice(0, 32),
      suffix: '',
      offset: i,
      comment: `${payload} zebrafish`,
    })
  })
  const quoted = XSS_PAYLOADS.filter((_, i) => PDF_ANNOTATION_TYPES[i % 4] !== 'note')
  const comments = XSS_PAYLOADS.map((payload) => `${payload} zebrafish`)
  await page.reload()
  await page.locator('html[data-ready]').waitFor({ state: 'attached' })
  const nothingRan = watchForEffects(app)
  const texts = (selector: string) =>
    page.locator(selector).evaluateAll((elements) => elements.map((e) => e.textContent).sort())

  // The list in the reading pane: every quote and comment, character for character.
  const list = page.locator('.paper').getByRole('group', { name: 'Annotations' })
  await expect(list.locator('.annotation-row')).toHaveCount(XSS_PAYLOADS.length)
  expect(await texts('.paper .annotation-quote')).toEqual([...quoted].sort())
  expect(await texts('.paper .annotation-comment')).toEqual([...comments].sort())

  // The reader: its pages (notes' pins and tooltips) and its side panel, the same list.
  await page.getByRole('listbox', { name: 'Papers' }).focus()
  await page.keyboard.press('v')
  await expect(page.locator('.pdf-page[data-rendered="true"]').first()).toBeVisible()
  await expect(page.locator('.pdf-annotation').first()).toBeAttached()
  await page.keyboard.press('l')
  const panel = page.locator('.annotations-panel')
  await expect(panel.locator('.annotation-row')).toHaveCount(XSS_PAYLOADS.length)
  expect(await texts('.annotations-panel .annotation-comment')).toEqual([...comments].sort())
  const pinLabels = await page
    .locator('.pdf-annotation[aria-label], .pdf-annotation [aria-label]')
    .evaluateAll((elements) => elements.map((e) => e.getAttribute('aria-label')))
  expect(pinLabels.length).toBeGreaterThan(0)
  for (const label of pinLabels) expect(comments.some((c) => label!.endsWith(c))).toBe(true)
  await nothingRan()

  // A search row for a word of the comments says the hit is in annotations, as text.
  await page.keyboard.press('v')
  await page.keyboard.press('/')
  await page.keyboard.type('zebrafish')
  const row = page.locator(`#paper-${id}`)
  await expect(row).toContainText('in annotations, p. 1, 2, 3')
  await expect(row.locator('.paper-snippet').first()).toContainText('zebrafish')
  await nothingRan()
  await app.close()
})
