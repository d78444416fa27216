import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { LIBRARY_FILE_NAME } from '../src/main/library/db/openLibrary'
import { expect, SCREENSHOTS_DIR, test } from './fixtures'
import { launchApp } from './harness'

const PAYLOAD_TITLE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'
const PAYLOAD_ABSTRACT =
  'See <a href="javascript:window.__pwned=3">here</a> and <svg onload="window.__pwned=4"></svg> at https://example.org/code.'

test('titles and abstracts holding HTML and scripts show as text and run nothing', async ({
  libraryDir,
}) => {
  const file = join(libraryDir, 'xss.txt')
  writeFileSync(file, `Aug 9\n\n${PAYLOAD_TITLE}\n\n${PAYLOAD_ABSTRACT}\n`)
  const app = await launchApp({ libraryDir, importFiles: [file] })
  const { page } = app
  const dialogs: string[] = []
  page.on('dialog', (dialog) => void dialog.dismiss().then(() => dialogs.push(dialog.message())))

  await page.getByRole('button', { name: /Aug 9/ }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(PAYLOAD_TITLE)
  await expect(page.locator('.abstract')).toHaveText(PAYLOAD_ABSTRACT)
  await expect(page.getByRole('option').first()).toContainText(PAYLOAD_TITLE)
  await expect(page.locator('.paper img, .paper script, .paper svg')).toHaveCount(0)
  await expect(page.locator('.abstract a')).toHaveAttribute('href', 'https://example.org/code')

  await page.keyboard.press('n')
  await page.keyboard.type(
    '<script>window.__pwned=5</script>\n\n[x](javascript:window.__pwned=6) <b onmouseover="window.__pwned=7">b</b>',
  )
  await page.getByRole('tab', { name: 'Preview' }).click()
  await expect(page.locator('.note-preview')).toContainText('x')
  await expect(page.locator('.note-preview script, .note-preview b')).toHaveCount(0)
  await page.locator('.note-preview a').click()

  expect(
    await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
  ).toBeUndefined()
  expect(dialogs).toEqual([])
  expect(app.openedUrls).toEqual([])
  await app.close()
})

test('links open in the system browser, only for http and https', async ({ libraryDir }) => {
  const app = await launchApp({ libraryDir })
  const { page } = app
  const startUrl = page.url()
  await page.getByRole('option', { name: /^One-dimensional Adapter/ }).click()
  const link = page.locator('.abstract a')
  await expect(link).toHaveText('https://lyumengyao.github.io/projects/spm')
  await link.click()
  expect(app.openedUrls).toEqual(['https://lyumengyao.github.io/projects/spm'])
  expect(page.url()).toBe(startUrl)

  await page.keyboard.press('n')
  await page.keyboard.type('[mail](mailto:someone@example.org) and [web](http://example.org/x)')
  await page.getByRole('tab', { name: 'Preview' }).click()
  await page.getByRole('link', { name: 'mail' }).click()
  await expect(page.getByRole('alert')).toContainText(
    'Margin opens only web links (http and https)',
  )
  await page.getByRole('link', { name: 'web' }).click()
  await expect
    .poll(() => app.openedUrls)
    .toEqual(['https://lyumengyao.github.io/projects/spm', 'http://example.org/x'])
  expect(page.url()).toBe(startUrl)
  await app.close()
})

test('a library in a cloud-sync folder gets a warning that explains the risk', async ({
  libraryDir,
}) => {
  const app = await launchApp({ libraryDir: join(libraryDir, 'Dropbox', 'Margin') })
  const alert = app.page.getByRole('alert')
  await expect(alert).toContainText('Your library is in a Dropbox folder')
  await expect(alert).toContainText('margin backup --out FILE')
  await app.close()
})

test('a damaged library is set aside and the newest good backup restored, and the window says so', async ({
  libraryDir,
}) => {
  const first = await launchApp({ libraryDir })
  first.library.setStatus(first.library.listPapers()[0]!.id, 'read')
  await first.library.backup(join(libraryDir, 'backups', 'margin-library-20261128-120000.sqlite'))
  await first.close()
  writeFileSync(join(libraryDir, LIBRARY_FILE_NAME), 'SQLite format 3\0 then garbage')

  const app = await launchApp({ libraryDir })
  const alert = app.page.getByRole('alert')
  await expect(alert).toContainText('Margin found damage in its library')
  await expect(alert).toContainText('margin-library.damaged-')
  await expect(alert).toContainText('It restored the newest good backup')
  // The backup's library, not a fresh one: the paper read before the backup is still read.
  await expect(
    app.page.getByRole('navigation', { name: 'Library' }).getByRole('button', { name: /Aug 6/ }),
  ).toHaveText(/Aug 6\s*·\s*1\/38/)
  await app.page.screenshot({ path: join(SCREENSHOTS_DIR, 'recovered.png') })
  await app.close()
})
