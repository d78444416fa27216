import { join } from 'node:path'
import type { Page } from '@playwright/test'
import type { NewPdfAnnotation, PdfRect } from '../src/shared/models'
import { paperPdf } from '../src/main/library/testing/paperPdf'
import { expect, SCREENSHOTS_DIR, test } from './fixtures'
import { launchApp, type LaunchedApp } from './harness'
import { seriousViolations } from './pageChecks'
import { selectAbstractStart } from './readerSteps'

const FIRST_TITLE = /^NanoFlow/
/** The seed digest's first paper, the one the window selects at start. */
const NANOFLOW = 1

/** A PNG drawn by the page's canvas: what an area's picture is (a crop of a rendered page). */
async function areaPng(page: Page): Promise<Uint8Array> {
  const dataUrl = await page.evaluate(() => {
    const canvas = document.createElement('canvas')
    canvas.width = 240
    canvas.height = 90
    const context = canvas.getContext('2d')!
    const gradient = context.createLinearGradient(0, 0, 240, 0)
    gradient.addColorStop(0, '#2f5d8a')
    gradient.addColorStop(1, '#b86a2a')
    context.fillStyle = gradient
    context.fillRect(0, 0, 240, 90)
    context.fillStyle = 'white'
    context.font = '20px sans-serif'
    context.fillText('Figure 1', 70, 52)
    return canvas.toDataURL('image/png')
  })
  return new Uint8Array(Buffer.from(dataUrl.split(',')[1]!, 'base64'))
}

/**
 * The first paper with two PDFs (the newer is its current one), an abstract highlight, and PDF
 * annotations of each type on the current file's pages, plus one on the older file, which the
 * list shows as detached. Made through the library, as the reader would have made them.
 */
async function annotatedPaper(app: LaunchedApp) {
  const { page, library } = app
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(FIRST_TITLE)
  const id = NANOFLOW
  expect(library.getPaper(id).title).toMatch(FIRST_TITLE)
  const older = await paperPdf({ pages: 3, seed: 1 })
  const current = await paperPdf({ pages: 3, seed: 2 })
  await library.pdfs.attach(id, { name: 'preprint.pdf', data: older.bytes })
  await library.pdfs.attach(id, { name: 'camera-ready.pdf', data: current.bytes })
  await library.pdfs.whenTextIdle()
  const files = library.getPaper(id).files
  const [oldSha, sha256] = [files[0]!.sha256, files[1]!.sha256]

  const rect = (top: number): PdfRect => [72, top - 11, 290, top]
  const annotate = (change: Partial<NewPdfAnnotation>) =>
    library.annotations.create({
      paperId: id,
      sha256,
      type: 'highlight',
      color: 'yellow',
      position: { pageIndex: 0, rects: [rect(600)] },
      quote: '',
      prefix: '',
      suffix: '',
      offset: 0,
      ...change,
    })
  library.createHighlight({ paperId: id, start: 4, end: 40, color: 'green' })
  annotate({
    type: 'highlight',
    color: 'blue',
    position: { pageIndex: 1, rects: [rect(500), rect(488)] },
    quote: 'second page quote',
    comment: 'the key claim',
    offset: 900,
  })
  annotate({
    type: 'underline',
    position: { pageIndex: 0, rects: [rect(650)] },
    quote: 'first page quote',
    offset: 300,
  })
  annotate({
    type: 'note',
    color: 'pink',
    position: { pageIndex: 2, rects: [[300, 400, 320, 420]] },
    comment: 'check the proof',
    offset: 40,
  })
  annotate({
    type: 'area',
    position: { pageIndex: 0, rects: [[80, 200, 320, 290]] },
    quote: 'Figure 1',
    offset: 1500,
    image: await areaPng(page),
  })
  annotate({ sha256: oldSha, quote: 'words only the preprint had', offset: 10 })
  await page.reload()
  await page.locator('html[data-ready]').waitFor({ state: 'attached' })
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(FIRST_TITLE)
  return id
}

/** What a change said it did, with Undo. */
function toast(page: Page) {
  return page.locator('.toast')
}

function annotationList(page: Page) {
  return page.getByRole('group', { name: 'Annotations' })
}

/** The list's group titles and each row's kind and page, as a person reads them down. */
function headsInOrder(page: Page) {
  return annotationList(page).locator('.annotation-group-title, .annotation-what')
}

test('one list of the abstract highlights and PDF annotations, in reading order; jump, edit, delete and undo', async ({
  libraryDir,
}) => {
  const app = await launchApp({ libraryDir })
  const { page, library } = app
  const id = await annotatedPaper(app)
  const list = annotationList(page)

  await expect(headsInOrder(page)).toHaveText([
    'Abstract',
    'Highlight',
    'Page 1',
    'Underline · p. 1',
    'Area · p. 1',
    'Page 2',
    'Highlight · p. 2',
    'Page 3',
    'Note · p. 3',
    'Detached',
    'Highlight · p. 1',
  ])
  await expect(list.getByRole('list', { name: 'Detached' })).toContainText(
    'On page 1 of an earlier version of the PDF: its text was not found in the current version.',
  )
  await expect(list.getByRole('list', { name: 'Page 2' })).toContainText('the key claim')
  const picture = list.getByRole('img', { name: 'The area on p. 1' })
  await expect(picture).toBeVisible()
  await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(240)
  await page.setViewportSize({ width: 1280, height: 1500 }) // the whole list in one picture
  await list.scrollIntoViewIfNeeded()
  await page.screenshot({ path: join(SCREENSHOTS_DIR, 'annotation-list.png') })
  await page.setViewportSize({ width: 1280, height: 800 })
  expect(await seriousViolations(page)).toEqual([])

  // The keyboard: arrows move between rows, Enter on the abstract's highlight marks it there.
  const jumps = list.locator('.annotation-jump')
  await jumps.first().focus()
  await page.keyboard.press('ArrowDown')
  await expect(jumps.nth(1)).toBeFocused()
  await page.keyboard.press('ArrowUp')
  await page.keyboard.press('Enter')
  await expect(page.locator('#abstract-text mark.jumped')).toHaveCount(1)

  // Edit the page 2 highlight's colour and comment; the detail and the library follow.
  const page2 = list.getByRole('list', { name: 'Page 2' })
  await page2.getByRole('button', { name: /^Edit/ }).click()
  await page2.getByRole('radio', { name: 'pink' }).click()
  await expect(page2.locator('.annotation-quote[data-color="pink"]')).toBeVisible()
  await page2.getByRole('textbox', { name: 'Comment' }).fill('the key claim, <b>revised</b>')
  await page2.getByRole('button', { name: 'Save' }).click()
  await expect(page2.locator('.annotation-comment')).toHaveText('the key claim, <b>revised</b>')
  const edited = () => library.getPaper(id).annotations.find((a) => a.position.pageIndex === 1)!
  expect(edited()).toMatchObject({ color: 'pink', comment: 'the key claim, <b>revised</b>' })

  // Ctrl+Z takes the comment back, then the colour: one step per change.
  await page.keyboard.press('Control+z')
  await expect(page2.locator('.annotation-comment')).toHaveText('the key claim')
  await page.keyboard.press('Control+z')
  await expect(page2.locator('.annotation-quote[data-color="blue"]')).toBeVisible()
  expect(edited()).toMatchObject({ color: 'blue', comment: 'the key claim' })

  // Delete the area by key; the next row takes the focus; Ctrl+Z brings it back, picture and all.
  const area = library.getPaper(id).annotations.find((a) => a.type === 'area')!
  await list.locator('.annotation-jump', { hasText: 'Area · p. 1' }).focus()
  await page.keyboard.press('Delete')
  await expect(list.getByRole('img', { name: 'The area on p. 1' })).toHaveCount(0)
  await expect(list.locator('.annotation-jump', { hasText: 'Highlight · p. 2' })).toBeFocused()
  await expect(toast(page)).toContainText('Deleted the area “Figure 1”')
  expect(library.getPaper(id).annotations.map((a) => a.id)).not.toContain(area.id)
  await page.keyboard.press('Control+z')
  await expect(list.getByRole('img', { name: 'The area on p. 1' })).toBeVisible()
  expect(library.getPaper(id).annotations.find((a) => a.id === area.id)).toEqual(area)
  expect(library.annotations.image(area.id)?.length).toBeGreaterThan(100)

  // One stack with status changes: a status, then a deleted note; two Ctrl+Z undo both, newest first.
  await page.getByRole('listbox', { name: 'Papers' }).focus()
  await page.keyboard.press('2') // to read
  await expect(toast(page)).toContainText('Marked to read')
  await list
    .getByRole('list', { name: 'Page 3' })
    .getByRole('button', { name: /^Delete/ })
    .click()
  await expect(list.getByRole('list', { name: 'Page 3' })).toHaveCount(0)
  await page.keyboard.press('Control+z')
  await expect(list.getByRole('list', { name: 'Page 3' })).toContainText('check the proof')
  expect(library.getPaper(id).status).toBe('to-read')
  await page.keyboard.press('Control+z')
  await expect(toast(page)).toContainText('Undone: Marked to read')
  expect(library.getPaper(id).status).toBe('new')

  // A click on a PDF annotation opens the reader at it.
  await list.locator('.annotation-jump', { hasText: 'Highlight · p. 2' }).click()
  await expect(page.getByRole('textbox', { name: /^Page \(of 3\)$/ })).toHaveValue('2')

  // The reader's side panel is the same list; a row there jumps within the reader.
  await page.getByRole('listbox', { name: 'Papers' }).focus()
  await page.keyboard.press('l')
  const panel = page.getByRole('complementary', { name: 'Annotations' })
  await expect(panel.locator('.annotation-row')).toHaveCount(6)
  await panel.locator('.annotation-jump', { hasText: 'Note · p. 3' }).click()
  await expect(page.getByRole('textbox', { name: /^Page \(of 3\)$/ })).toHaveValue('3')
  await expect(page.locator('.pdf-annotation.shown')).toHaveCount(1)
  await page.screenshot({ path: join(SCREENSHOTS_DIR, 'annotations-panel.png') })
  expect(await seriousViolations(page)).toEqual([])
  await app.close()
})

test('an abstract highlight made with the composer is undone by Ctrl+Z', async ({ libraryDir }) => {
  const app = await launchApp({ libraryDir })
  const { page, library } = app
  const abstract = page.locator('#abstract-text')
  await selectAbstractStart(page)
  const composer = page.getByRole('dialog', { name: 'Highlight the selection' })
  await composer.getByRole('button', { name: 'Highlight in yellow' }).click()
  await expect(abstract.locator('mark.highlight-yellow')).toHaveCount(1)
  await expect(annotationList(page).getByRole('list', { name: 'Abstract' })).toHaveCount(1)
  const id = NANOFLOW
  expect(library.getPaper(id).highlights).toHaveLength(1)

  await page.getByRole('listbox', { name: 'Papers' }).focus()
  await page.keyboard.press('Control+z')
  await expect(abstract.locator('mark')).toHaveCount(0)
  await expect(toast(page)).toContainText('Undone: Added the highlight “')
  expect(library.getPaper(id).highlights).toEqual([])
  await app.close()
})

test('the list follows annotations placed again on a new version of the PDF; what is not found stays, detached', async ({
  libraryDir,
}) => {
  const app = await launchApp({ libraryDir })
  const { page, library } = app
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(FIRST_TITLE)
  // v2's longer title pushes the text down; v1's title is nowhere in v2.
  const v1 = await paperPdf({ pages: 3, seed: 7, title: 'Short title' })
  const v2 = await paperPdf({
    pages: 3,
    seed: 7,
    title: 'A much longer title that now takes two full lines at the top of the first page',
  })
  const first = await library.pdfs.attach(NANOFLOW, { name: 'v1.pdf', data: v1.bytes })
  await library.pdfs.whenTextIdle()
  const sha1 = first.files[0]!.sha256
  // Five words of v1's third page that v2 prints too (the longer title moves them).
  const words = v1.pageTexts[2]!.split(' ')
  const runs = words.map((_, i) => words.slice(i, i + 5).join(' ')).slice(100)
  const kept = runs.find((run) => v2.pageTexts.some((text) => text.includes(run)))!
  for (const [quote, pageIndex] of [
    ['Short title', 0],
    [kept, 2],
  ] as const) {
    library.annotations.create({
      paperId: NANOFLOW,
      sha256: sha1,
      type: 'highlight',
      color: 'yellow',
      position: { pageIndex, rects: [[72, 600, 290, 612]] },
      quote,
      prefix: '',
      suffix: '',
      offset: 0,
    })
  }
  await page.reload()
  const list = annotationList(page)
  await expect(list.getByRole('list', { name: 'Page 3' })).toContainText(kept)

  // Attached behind the window's back, as a download would: the window is told, not reloaded.
  await library.pdfs.attach(NANOFLOW, { name: 'v2.pdf', data: v2.bytes })
  await library.pdfs.whenTextIdle()
  const detached = list.getByRole('list', { name: 'Detached' })
  await expect(detached.locator('.annotation-row')).toHaveCount(1)
  await expect(detached).toContainText('Short title')
  await expect(detached).toContainText('On page 1 of an earlier version of the PDF')
  await expect(list.locator('.annotation-quote', { hasText: kept })).toHaveCount(1)
  await expect(detached).not.toContainText(kept)
  const sha2 = library.getPaper(NANOFLOW).files[1]!.sha256
  expect(
    library.getPaper(NANOFLOW).annotations.map((a) => [a.quote, a.sha256, a.detached]),
  ).toEqual([
    [kept, sha2, null],
    ['Short title', sha1, 'earlier-version'],
  ])

  // Reading stats count them, detached ones too: they are still the reader's annotations.
  await page.getByRole('listbox', { name: 'Papers' }).focus()
  await page.keyboard.press('Shift+S')
  const stats = page.getByRole('region', { name: 'Reading stats' })
  await expect(stats.locator('.stats-figures div', { hasText: 'Annotations' })).toHaveText(
    'Annotations2 on 1 paper',
  )
  await app.close()
})
