import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from './fixtures'
import { launchApp } from './harness'
import { XSS_PAYLOADS } from './xssPayloads'

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
  const popups: string[] = []
  page.context().on('page', (popup) => popups.push(popup.url()))
  const dialogs: string[] = []
  page.on('dialog', (dialog) => void dialog.dismiss().then(() => dialogs.push(dialog.message())))
  const startUrl = page.url()

  await page.getByRole('button', { name: /Jan 1, 2031/ }).click()
  for (const [i, payload] of LINE_PAYLOADS.entries()) {
    await page.locator(`#paper-${ids[i]}`).click()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`XSS ${i}: ${payload}`)
    await expect(page.locator('.abstract')).toContainText(payload.slice(8))
    const preview = page.getByRole('tab', { name: 'Preview' })
    if ((await preview.getAttribute('aria-selected')) !== 'true') await preview.click()
    await expect(page.locator('.note-preview')).toBeVisible()
  }
  const live = page.locator(
    '.paper script, .paper iframe, .paper object, .paper embed, .paper img[onerror], .paper svg[onload], .paper [style*="javascript"], .note-preview a[href^="javascript"], .note-preview a[href^="data"]',
  )
  await expect(live).toHaveCount(0)
  expect(
    await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
  ).toBeUndefined()
  expect(page.url()).toBe(startUrl)
  expect(popups).toEqual([])
  expect(dialogs).toEqual([])
  expect(app.openedUrls).toEqual([])
  await app.close()
})
