import { join } from 'node:path'
import { expect, SCREENSHOTS_DIR, test } from './fixtures'
import { seriousViolations } from './pageChecks'
import { launchApp } from './harness'

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the main screen in the ${colorScheme} theme has no serious accessibility violations`, async ({
    libraryDir,
  }) => {
    const app = await launchApp({ libraryDir, colorScheme })
    const { page } = app
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^NanoFlow/)
    await page.getByRole('listbox', { name: 'Papers' }).focus()
    await page.keyboard.press('j')
    await page.keyboard.press('2')
    await expect(page.getByRole('radio', { name: /To read/ })).toHaveAttribute(
      'aria-checked',
      'true',
    )
    await page.screenshot({ path: join(SCREENSHOTS_DIR, `main-${colorScheme}.png`) })
    expect(await seriousViolations(page)).toEqual([])
    await app.close()
  })
}

test('? opens the list of keys, drawn from the command registry', async ({ libraryDir }) => {
  const app = await launchApp({ libraryDir })
  const { page } = app
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^NanoFlow/)
  await page.keyboard.press('?')
  const overlay = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
  await expect(overlay).toContainText('Next paper')
  await expect(overlay).toContainText('Mark as not reading')
  await page.screenshot({ path: join(SCREENSHOTS_DIR, 'shortcuts.png') })
  expect(await seriousViolations(page)).toEqual([])
  await page.keyboard.press('Escape')
  await expect(overlay).toBeHidden()
  await app.close()
})

test('the theme toggle switches between light and dark', async ({ libraryDir }) => {
  const app = await launchApp({ libraryDir, colorScheme: 'light' })
  const { page } = app
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light')
  await page.getByRole('button', { name: /Theme/ }).click()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await page.keyboard.press('Shift+T')
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light')
  await app.close()
})
