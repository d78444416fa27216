import { join } from 'node:path'
import type { Page } from '@playwright/test'
import type { PdfAnnotation } from '../src/shared/models'
import { paperPdf, type PaperPdfOptions } from '../src/main/library/testing/paperPdf'
import { expect, SCREENSHOTS_DIR, test } from './fixtures'
import { seriousViolations } from './pageChecks'
import { launchApp, type LaunchedApp } from './harness'
import { attachToFirstPaper, openReader } from './readerSteps'

const PAPER: PaperPdfOptions = {
  pages: 3,
  seed: 13,
  title: 'Sparse Attention for Long Documents',
  bodyWords: [
    { word: 'quorbifant', page: 1 },
    { word: 'zelmonary', page: 1 },
    { word: 'vextrolume', page: 2 },
    { word: 'plinthacious', page: 3 },
  ],
}

function annotationsOf(app: LaunchedApp, id: number): PdfAnnotation[] {
  return app.library.getPaper(id).annotations
}

/** Where a word is drawn on the text layer of a page, in the window. */
async function wordBox(page: Page, pageNumber: number, word: string) {
  const layer = page.locator(`.pdf-page[data-page-number="${pageNumber}"] .textLayer`)
  await expect(layer).toContainText(word)
  const box = await layer.evaluate((element, wanted) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node as Text
      const at = text.data.indexOf(wanted)
      if (at < 0) continue
      const range = document.createRange()
      range.setStart(text, at)
      range.setEnd(text, at + wanted.length)
      const rect = range.getBoundingClientRect()
      return { x: rect.left, y: rect.top, width: rect.width, height: rect.height }
    }
    return null
  }, word)
  expect(box, `${word} on page ${pageNumber}`).not.toBeNull()
  return box!
}

/**
 * Selects a word with the mouse, as a person drags over it. Dragged again when the page's text
 * layer was drawn anew under the pointer (after an annotation made just before, on a loaded
 * machine), which left nothing selected once in a CI run.
 */
async function dragOver(page: Page, pageNumber: number, word: string) {
  await expect(async () => {
    const box = await wordBox(page, pageNumber, word)
    const y = box.y + box.height / 2
    await page.mouse.move(box.x + 1, y)
    await page.mouse.down()
    await page.mouse.move(box.x + box.width / 2, y, { steps: 3 })
    await page.mouse.move(box.x + box.width - 1, y, { steps: 3 })
    await page.mouse.up()
    await expect
      .poll(() => page.evaluate(() => window.getSelection()?.toString().trim()), { timeout: 2_000 })
      .toBe(word)
  }).toPass({ timeout: 15_000 })
}

/** Selects the word on page 3 (going there first). */
async function dragOverOnPage3(page: Page) {
  const field = page.getByRole('textbox', { name: /^Page \(of/ })
  await field.fill('3')
  await field.press('Enter')
  await dragOver(page, 3, 'plinthacious')
}

test('annotating a PDF by mouse and by keyboard: highlight, underline, comment, note, area; undo; jump; relaunch', async ({
  libraryDir,
}) => {
  let app = await launchApp({ libraryDir })
  let { page } = app
  const pdf = await paperPdf(PAPER)
  const id = await attachToFirstPaper(app, pdf.bytes)
  await openReader(page)
  const first = page.locator('.pdf-page[data-page-number="1"]')

  // Mouse: select a word, the toolbar appears beside it, Highlight.
  await dragOver(page, 1, 'quorbifant')
  const toolbar = page.getByRole('toolbar', { name: 'Annotate the selection' })
  await expect(toolbar).toBeVisible()
  await page.screenshot({ path: join(SCREENSHOTS_DIR, 'annotate-toolbar.png') })
  await toolbar.getByRole('radio', { name: 'green' }).click()
  await toolbar.getByRole('button', { name: /^Highlight/ }).click()
  await expect(first.locator('.pdf-annotation.type-highlight.color-green')).toHaveCount(1)
  await expect(toolbar).toBeHidden()
  expect(annotationsOf(app, id)).toMatchObject([
    { type: 'highlight', color: 'green', quote: 'quorbifant', position: { pageIndex: 0 } },
  ])
  // Drawn over the word itself.
  const word = await wordBox(page, 1, 'quorbifant')
  const mark = (await first
    .locator('.pdf-annotation.type-highlight .pdf-annotation-part')
    .boundingBox())!
  expect(Math.abs(mark.x - word.x)).toBeLessThan(4)
  expect(Math.abs(mark.x + mark.width - (word.x + word.width))).toBeLessThan(4)
  expect(mark.y).toBeLessThan(word.y + word.height / 2)
  expect(mark.y + mark.height).toBeGreaterThan(word.y + word.height / 2)

  // Keyboard: Shift+arrows select from the first text in view (the title), Ctrl a word at a
  // time; u underlines.
  const scroller = page.locator('.pdf-scroller')
  await scroller.focus()
  await page.keyboard.press('Control+Shift+ArrowRight')
  await page.keyboard.press('Control+Shift+ArrowRight')
  await expect(toolbar).toBeVisible()
  // Tab goes to the toolbar's colour (the one chosen last), Tab and Enter choose the next.
  await page.keyboard.press('Tab')
  await expect(toolbar.getByRole('radio', { name: 'green' })).toBeFocused()
  await page.keyboard.press('Tab')
  await page.keyboard.press('Enter')
  await expect(toolbar.getByRole('radio', { name: 'blue' })).toHaveAttribute('aria-checked', 'true')
  await page.keyboard.press('u')
  await expect(first.locator('.pdf-annotation.type-underline.color-blue')).toHaveCount(1)
  expect(annotationsOf(app, id).find((a) => a.type === 'underline')).toMatchObject({
    quote: 'Sparse Attention',
    color: 'blue',
  })
  await expect(scroller).toBeFocused()

  // A comment by key: c opens the box with the comment field focused; Enter saves.
  await dragOver(page, 1, 'zelmonary')
  await page.keyboard.press('c')
  const commentBox = page.getByRole('dialog', { name: 'Comment on the highlight' })
  await expect(commentBox.getByRole('textbox', { name: 'Comment' })).toBeFocused()
  await commentBox.getByRole('radio', { name: 'pink' }).click()
  expect(await seriousViolations(page)).toEqual([])
  await page.keyboard.type('Defined in the appendix, <b>not</b> here')
  await page.screenshot({ path: join(SCREENSHOTS_DIR, 'annotate-comment.png') })
  await page.keyboard.press('Enter')
  await expect(commentBox).toBeHidden()
  await expect(first.locator('.pdf-annotation.type-highlight.color-pink')).toHaveCount(1)
  expect(annotationsOf(app, id).find((a) => a.quote === 'zelmonary')).toMatchObject({
    type: 'highlight',
    color: 'pink',
    comment: 'Defined in the appendix, <b>not</b> here',
  })

  // A note by key (N: at the top left of the page in view), named by its text.
  await scroller.focus()
  await page.keyboard.press('Shift+N')
  const noteBox = page.getByRole('dialog', { name: 'New note' })
  await expect(noteBox.getByRole('textbox', { name: 'Note' })).toBeFocused()
  await page.keyboard.type('Check the proof of lemma 2')
  await page.keyboard.press('Enter')
  const keyNote = page.getByRole('button', { name: 'Note: Check the proof of lemma 2' })
  await expect(keyNote).toBeVisible()

  // A note by mouse: the Note tool, then a click on the page.
  await page.getByRole('button', { name: 'Note', exact: true }).click()
  const pageBox = (await first.boundingBox())!
  await page.mouse.click(pageBox.x + pageBox.width * 0.9, pageBox.y + pageBox.height * 0.12)
  await expect(noteBox).toBeVisible()
  await noteBox.getByRole('textbox', { name: 'Note' }).fill('Compare with the baseline')
  await noteBox.getByRole('button', { name: 'Pin note' }).click()
  await expect(page.getByRole('button', { name: 'Note: Compare with the baseline' })).toBeVisible()
  await page.getByRole('button', { name: 'Note', exact: true }).click() // back to selecting

  // An area by key: r places it, Shift+arrows size it, Enter makes it (with its picture).
  await scroller.focus()
  await page.keyboard.press('r')
  const draft = page.locator('.pdf-area-draft')
  await expect(draft).toBeVisible()
  const before = (await draft.boundingBox())!
  for (let i = 0; i < 5; i++) await page.keyboard.press('Shift+ArrowDown')
  await page.keyboard.press('ArrowRight')
  const after = (await draft.boundingBox())!
  expect(after.height).toBeGreaterThan(before.height)
  expect(after.x).toBeGreaterThan(before.x)
  await page.keyboard.press('Enter')
  // Its picture is drawn from the page (pdf.js's worker may be busy with the pages near).
  await expect(page.locator('.pdf-annotation.type-area')).toHaveCount(1, { timeout: 20_000 })
  await expect(draft).toBeHidden()

  // An area by mouse: the Area tool, then a drag over the figure.
  const figure = (await first.locator('.textLayer span', { hasText: /^Figure 1/ }).boundingBox())!
  await page.getByRole('button', { name: 'Area', exact: true }).click()
  await page.mouse.move(figure.x, figure.y - 200)
  await page.mouse.down()
  await page.mouse.move(figure.x + 120, figure.y - 100, { steps: 4 })
  await page.mouse.move(figure.x + 220, figure.y - 10, { steps: 4 })
  await page.mouse.up()
  await expect(page.locator('.pdf-annotation.type-area')).toHaveCount(2, { timeout: 20_000 })
  await page.getByRole('button', { name: 'Area', exact: true }).click()
  const areas = annotationsOf(app, id).filter((a) => a.type === 'area')
  expect(areas).toHaveLength(2)
  for (const area of areas) {
    expect(area.hasImage).toBe(true)
    const png = app.library.annotations.image(area.id)!
    expect([...png.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]) // "PNG"
  }
  expect(annotationsOf(app, id)).toHaveLength(7)

  await page.screenshot({ path: join(SCREENSHOTS_DIR, 'annotate-reader.png') })
  await page.keyboard.press('Shift+I')
  await expect(page.locator('.pdf-reader.dark-pages')).toBeVisible()
  await expect(first.locator('.pdf-annotation')).toHaveCount(7)
  await page.screenshot({ path: join(SCREENSHOTS_DIR, 'annotate-reader-dark.png') })
  await page.keyboard.press('Shift+I')

  // Undo (Ctrl+Z) takes the last one back.
  await scroller.focus()
  await page.keyboard.press('Control+z')
  await expect(page.locator('.pdf-annotation.type-area')).toHaveCount(1)
  expect(annotationsOf(app, id)).toHaveLength(6)

  // The side panel (l) lists them; one on page 3 is shown when its row is clicked.
  await dragOverOnPage3(page)
  await page.keyboard.press('h')
  await expect(page.locator('.pdf-page[data-page-number="3"] .pdf-annotation')).toHaveCount(1)
  await page.keyboard.press('Home')
  await expect(page.getByRole('textbox', { name: /^Page \(of/ })).toHaveValue('1')
  await page.keyboard.press('l')
  const panel = page.getByRole('complementary', { name: 'Annotations' })
  await expect(panel).toBeVisible()
  await panel.locator('.annotation-jump', { hasText: 'plinthacious' }).click()
  const shown = page.locator('.pdf-page[data-page-number="3"] .pdf-annotation.shown')
  await expect(shown).toBeInViewport()
  await page.screenshot({ path: join(SCREENSHOTS_DIR, 'annotate-panel.png') })
  expect(await seriousViolations(page)).toEqual([])

  // Edit and delete from the panel, each undone with Ctrl+Z.
  // (The panel's own behaviour is annotationList.spec's; here: the pages follow.)
  await panel.getByRole('button', { name: /^Delete .*plinthacious/ }).click()
  await expect(page.locator('.pdf-page[data-page-number="3"] .pdf-annotation')).toHaveCount(0)
  await scroller.focus()
  await page.keyboard.press('Control+z')
  await expect(page.locator('.pdf-page[data-page-number="3"] .pdf-annotation')).toHaveCount(1)

  // A colour changed in the panel is drawn at once, and Ctrl+Z takes it back.
  await panel.getByRole('button', { name: /^Edit .*plinthacious/ }).click()
  await panel.getByRole('radio', { name: 'blue' }).click()
  const onPage3 = page.locator('.pdf-page[data-page-number="3"] .pdf-annotation')
  await expect(onPage3).toHaveClass(/color-blue/)
  await panel.getByRole('button', { name: 'Cancel' }).click()
  await scroller.focus()
  await page.keyboard.press('Control+z')
  await expect(onPage3).toHaveClass(/color-pink/)

  // Zooming keeps each mark over its text.
  await page.keyboard.press('+')
  await page.keyboard.press('+')
  await expect
    .poll(async () => {
      const word = await wordBox(page, 3, 'plinthacious')
      const box = (await onPage3.locator('.pdf-annotation-part').boundingBox())!
      return Math.abs(box.x - word.x) + Math.abs(box.width - word.width)
    })
    .toBeLessThan(6)

  // After a relaunch they are all drawn again.
  const saved = annotationsOf(app, id)
  await app.close()
  app = await launchApp({ libraryDir })
  page = app.page
  await openReader(page)
  expect(annotationsOf(app, id)).toEqual(saved)
  // At the place read last (page 3), then at the start.
  await expect(page.locator('.pdf-page[data-page-number="3"] .pdf-annotation')).toBeInViewport()
  await page.keyboard.press('Home')
  await expect(page.locator('.pdf-page[data-page-number="1"] .pdf-annotation')).toHaveCount(6)
  await expect(page.getByRole('button', { name: 'Note: Check the proof of lemma 2' })).toBeVisible()
  await app.close()
})

test('a changed PDF attached: annotations are placed on it again by their text, or kept detached', async ({
  libraryDir,
}) => {
  const app = await launchApp({ libraryDir })
  const { page } = app
  const v1 = await paperPdf(PAPER)
  const id = await attachToFirstPaper(app, v1.bytes)
  await openReader(page)
  await dragOver(page, 1, 'quorbifant')
  await page.keyboard.press('h')
  await dragOver(page, 1, 'zelmonary')
  await page.keyboard.press('u')
  await expect(page.locator('.pdf-annotation')).toHaveCount(2)
  const [made] = annotationsOf(app, id)

  // v2: a longer title moves every line; 'zelmonary' is gone from it.
  const v2 = await paperPdf({
    ...PAPER,
    title: 'Sparse Attention for Long Documents: Revised and Extended with Three Appendices',
    bodyWords: PAPER.bodyWords!.filter((w) => typeof w !== 'string' && w.word !== 'zelmonary'),
  })
  const added = await app.library.pdfs.attach(id, { name: 'paper-v2.pdf', data: v2.bytes })
  await app.library.pdfs.whenTextIdle()
  const v2Sha = app.library.getPaper(id).files.at(-1)!.sha256
  expect(added).toBeTruthy()
  const after = annotationsOf(app, id)
  const moved = after.find((a) => a.quote === 'quorbifant')!
  const lost = after.find((a) => a.quote === 'zelmonary')!
  expect(moved).toMatchObject({ id: made!.id, sha256: v2Sha, detached: null })
  expect(moved.position).not.toEqual(made!.position)
  expect(lost).toMatchObject({ detached: 'earlier-version' })

  // The reader, open all along, turns to the new file and draws the highlight there.
  await expect(page.getByRole('combobox', { name: 'PDF file' })).toHaveValue(v2Sha)
  const onFirst = page.locator('.pdf-page[data-page-number="1"] .pdf-annotation')
  await expect(onFirst).toHaveCount(1)
  await expect(onFirst).toHaveClass(/type-highlight/)

  // Opened again, the reader shows the new file, the highlight over the word where it now is.
  await page.reload()
  await page.locator('html[data-ready]').waitFor({ state: 'attached' })
  await openReader(page)
  await expect(page.getByRole('combobox', { name: 'PDF file' })).toHaveValue(v2Sha)
  const first = page.locator('.pdf-page[data-page-number="1"]')
  await expect(first.locator('.pdf-annotation')).toHaveCount(1)
  const word = await wordBox(page, 1, 'quorbifant')
  const mark = (await first.locator('.pdf-annotation .pdf-annotation-part').boundingBox())!
  expect(Math.abs(mark.x - word.x)).toBeLessThan(4)
  expect(Math.abs(mark.y + mark.height / 2 - (word.y + word.height / 2))).toBeLessThan(6)

  // The one not found is listed as detached; a jump to it opens the file it is on.
  await page.keyboard.press('l')
  const panel = page.getByRole('complementary', { name: 'Annotations' })
  await expect(panel.getByRole('list', { name: 'Detached' })).toContainText('zelmonary')
  await page.screenshot({ path: join(SCREENSHOTS_DIR, 'annotate-reanchored.png') })
  await panel.locator('.annotation-jump', { hasText: 'zelmonary' }).click()
  await expect(page.getByRole('combobox', { name: 'PDF file' })).not.toHaveValue(v2Sha)
  await expect(page.locator('.pdf-annotation.shown')).toBeInViewport()
  await app.close()
})

test('a selection over a page break is one highlight on both pages', async ({ libraryDir }) => {
  const app = await launchApp({ libraryDir })
  const { page } = app
  const id = await attachToFirstPaper(app, (await paperPdf(PAPER)).bytes)
  await openReader(page)
  // The break between pages 1 and 2 in the middle of the pane.
  const second = page.locator('.pdf-page[data-page-number="2"]')
  await page
    .locator('.pdf-scroller')
    .evaluate(
      (scroller, top) => (scroller.scrollTop = top - scroller.clientHeight / 2),
      await second.evaluate((el: HTMLElement) => el.offsetTop),
    )
  const from = await wordBox(page, 1, 'sparsity.')
  const to = await wordBox(page, 2, 'Segmentation')
  await page.mouse.move(from.x + 1, from.y + from.height / 2)
  await page.mouse.down()
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 5 })
  await page.mouse.move(to.x + to.width - 1, to.y + to.height / 2, { steps: 2 })
  await page.mouse.up()
  await page
    .getByRole('toolbar', { name: 'Annotate the selection' })
    .getByRole('button', { name: /^Highlight/ })
    .click()
  await expect(second.locator('.pdf-annotation.type-highlight')).toHaveCount(1)
  await expect(page.locator('.pdf-page[data-page-number="1"] .pdf-annotation')).toHaveCount(1)
  const [made] = annotationsOf(app, id)
  expect(made).toMatchObject({
    quote: 'sparsity. 1 general. Segmentation',
    position: { pageIndex: 0 },
  })
  expect(made!.position.rects.length).toBeGreaterThanOrEqual(2)
  expect(made!.position.nextPageRects).toHaveLength(1)
  await page.screenshot({ path: join(SCREENSHOTS_DIR, 'annotate-page-break.png') })
  await app.close()
})
