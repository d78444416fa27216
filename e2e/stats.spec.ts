import { join } from 'node:path'
import { expect, SCREENSHOTS_DIR, test } from './fixtures'
import { launchApp } from './harness'

test('the stats view shows real numbers from the status history, as charts and as tables', async ({
  libraryDir,
}) => {
  const app = await launchApp({ libraryDir })
  const { page } = app
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^NanoFlow/)
  await page.getByRole('listbox', { name: 'Papers' }).focus()
  for (const key of ['4', 'j', '4', 'j', '2', 'j', '5']) await page.keyboard.press(key)
  await expect(
    page.getByRole('navigation', { name: 'Library' }).getByRole('button', { name: /Aug 6/ }),
  ).toHaveText(/4\/38/)

  await page.keyboard.press('Shift+S')
  const stats = page.getByRole('region', { name: 'Reading stats' })
  await expect(stats.locator('.stats-figures div', { hasText: 'Papers read' })).toContainText('2')
  await expect(stats.locator('.stats-figures div', { hasText: 'Still new' })).toContainText('34')
  await expect(stats.locator('.recharts-bar-rectangle').first()).toBeVisible()
  await page.screenshot({ path: join(SCREENSHOTS_DIR, 'stats.png') })

  await stats.getByRole('button', { name: 'Show as tables' }).click()
  const perDay = stats.getByRole('table', { name: 'Per day' })
  const today = new Date()
  const iso = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`
  await expect(perDay.getByRole('row', { name: new RegExp(iso) })).toHaveText(`${iso}42`)
  const backlog = stats.getByRole('table', { name: 'Backlog per digest' })
  await expect(backlog.getByRole('row').nth(1)).toHaveText(/^\d{4}-08-063834$/)
  await app.close()
})
