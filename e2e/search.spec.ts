import { join } from 'node:path'
import { expect, SCREENSHOTS_DIR, test } from './fixtures'
import { launchApp } from './harness'

test('search as you type: typos forgiven, matches marked in the list and the reading pane', async ({
  libraryDir,
}) => {
  const app = await launchApp({ libraryDir })
  const { page } = app
  const search = page.getByRole('searchbox', { name: 'Search papers' })
  await page.keyboard.press('/')
  await search.pressSequentially('nanoflw')
  await expect(page.getByRole('option').first()).toContainText('NanoFlow')
  await expect(page.getByRole('option').first().locator('mark.search-match').first()).toHaveText(
    /nanoflow/i,
  )
  await expect(page.locator('#abstract-text mark.search-match').first()).toHaveText(/nanoflow/i)
  await search.fill('serving throughput')
  await expect(page.getByRole('option').first().locator('mark.search-match').first()).toHaveText(
    /serving|throughput/i,
  )
  await page.screenshot({ path: join(SCREENSHOTS_DIR, 'search.png') })

  await search.fill('status:done')
  await expect(page.getByRole('search')).toContainText('is not a status')

  await search.fill('"position auctions" -zzz')
  await expect(page.getByRole('option')).toHaveText([/Position Auctions/])
  await app.close()
})

test('a saved search sits in the sidebar and runs again from there', async ({ libraryDir }) => {
  let app = await launchApp({ libraryDir })
  await app.page.getByRole('searchbox', { name: 'Search papers' }).fill('serving')
  await expect(app.page.getByRole('option').first()).toContainText(/serving/i)
  await app.page.getByRole('button', { name: 'Save this search' }).click()
  await app.page.getByRole('textbox', { name: 'Name of the saved search' }).fill('Serving systems')
  await app.page.getByRole('button', { name: 'Save', exact: true }).click()
  const saved = app.page
    .getByRole('navigation', { name: 'Library' })
    .getByRole('button', { name: 'Serving systems', exact: true })
  await expect(saved).toBeVisible()
  // The list's own count: how many rows a virtual list has drawn depends on when it measured them.
  const listCount = app.page.locator('.list-count')
  await expect(listCount).toHaveText(/\d+ papers?/)
  const count = await listCount.textContent()
  await app.close()

  app = await launchApp({ libraryDir })
  await app.page
    .getByRole('navigation', { name: 'Library' })
    .getByRole('button', { name: 'Serving systems', exact: true })
    .click()
  await expect(app.page.getByRole('searchbox', { name: 'Search papers' })).toHaveValue('serving')
  await expect(app.page.locator('.list-count')).toHaveText(count!)
  await expect(app.page.getByRole('option').first()).toContainText(/serving/i)
  await app.close()
})
