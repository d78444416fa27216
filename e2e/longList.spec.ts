import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from './fixtures'
import { launchApp } from './harness'

/** A digest of `count` papers named "Long list paper N". */
function longDigest(dir: string, count: number): string {
  const papers = Array.from(
    { length: count },
    (_, i) => `Long list paper ${i + 1}\n\nAbstract of long list paper ${i + 1}.`,
  )
  const path = join(dir, 'long-digest.txt')
  writeFileSync(path, `2030-01-01\n\n${papers.join('\n\n')}\n`)
  return path
}

test('a long list loads its rows as they come into view, by keyboard or scrolling', async ({
  libraryDir,
}) => {
  const app = await launchApp({ libraryDir, importFiles: [longDigest(libraryDir, 400)] })
  const { page } = app
  const list = page.getByRole('listbox', { name: 'Papers' })
  await expect(page.locator('.list-count')).toHaveText('438 papers · 438 new')
  await expect(list.getByRole('option').first()).toContainText('Long list paper 1')

  await list.focus()
  await page.keyboard.press('End')
  const last = list.getByRole('option', { selected: true })
  await expect(last).toContainText('Aug 6')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/./)
  await page.keyboard.press('PageUp')
  await page.keyboard.press('Home')
  await expect(list.getByRole('option', { selected: true })).toContainText('Long list paper 1')

  await list.evaluate((element) => (element.scrollTop = element.scrollHeight / 2))
  await expect(list.getByRole('option', { name: /Long list paper 2\d\d/ }).first()).toBeVisible()
  await expect(list.locator('[aria-busy=true]')).toHaveCount(0)
  await app.close()
})

test('a library of many digests keeps the sidebar short: older ones wait by month', async ({
  libraryDir,
}) => {
  const files = Array.from({ length: 20 }, (_, i) => {
    const day = String(i + 1).padStart(2, '0')
    const path = join(libraryDir, `digest-${day}.txt`)
    writeFileSync(path, `2030-03-${day}\n\nPaper of March ${i + 1}\n\nIts abstract.\n`)
    return path
  })
  const app = await launchApp({ libraryDir, importFiles: files })
  const { page } = app
  const sidebar = page.getByRole('navigation', { name: 'Library' })
  await expect(sidebar.getByRole('button', { name: /Mar 20, 2030/ })).toBeVisible()
  await expect(sidebar.getByRole('button', { name: /Mar 1, 2030/ })).toHaveCount(0)
  await sidebar.getByText('Older digests (7)').click()
  const march = sidebar.getByRole('region', { name: 'March 2030' })
  await march.getByRole('button', { name: /Mar 1, 2030/ }).click()
  await expect(page.getByRole('option')).toHaveText([/^Paper of March 1(?!\d)/])
  await app.close()
})
