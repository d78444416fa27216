import { join } from 'node:path'
import type { Locator } from '@playwright/test'
import { expect, SCREENSHOTS_DIR, test } from './fixtures'
import { launchApp } from './harness'

/** A row's height beside what its content needs: padding, border, the title, the gap, the meta line. */
function rowSizes(row: Locator) {
  return row.evaluate((element) => {
    const style = getComputedStyle(element)
    const title = element.querySelector('.paper-title')!
    const titleBox = title.getBoundingClientRect()
    const meta = element.querySelector('.paper-meta')!.getBoundingClientRect()
    const edges = ['paddingTop', 'paddingBottom', 'borderTopWidth', 'borderBottomWidth'] as const
    return {
      row: element.getBoundingClientRect().height,
      content:
        titleBox.height +
        parseFloat(style.rowGap) +
        meta.height +
        edges.reduce((sum, edge) => sum + parseFloat(style[edge]), 0),
      titleLines: Math.round(titleBox.height / parseFloat(getComputedStyle(title).lineHeight)),
    }
  })
}

test('a row is as tall as its title and meta line: no blank line under a one-line title', async ({
  libraryDir,
}) => {
  const app = await launchApp({ libraryDir })
  const { page } = app
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^NanoFlow/)
  const list = page.getByRole('listbox', { name: 'Papers' })
  const short = list.getByRole('option', { name: /Position Auctions in AI-Generated Content/ })
  const long = list.getByRole('option', { name: /^NanoFlow: Towards Optimal/ })
  await expect(short).toBeVisible()
  await page.screenshot({ path: join(SCREENSHOTS_DIR, 'list-rows.png') })

  const one = await rowSizes(short)
  expect(one.titleLines).toBe(1)
  expect(Math.abs(one.row - one.content)).toBeLessThan(1)
  const two = await rowSizes(long)
  expect(two.titleLines).toBe(2)
  expect(Math.abs(two.row - two.content)).toBeLessThan(1)
  expect(two.row - one.row).toBeGreaterThan(15)

  // Rows follow one another with no overlap and no gap, whatever their heights.
  const boxes = await list
    .getByRole('option')
    .evaluateAll((rows) => rows.map((row) => row.getBoundingClientRect()))
  boxes.sort((a, b) => a.top - b.top)
  for (let i = 1; i < boxes.length; i++) {
    expect(Math.abs(boxes[i]!.top - boxes[i - 1]!.bottom)).toBeLessThan(1)
  }

  // j moves the selection down past the short row, and it stays in view at the list's foot.
  await list.focus()
  for (let i = 0; i < 20; i++) await page.keyboard.press('j')
  const selected = list.getByRole('option', { selected: true })
  await expect(selected).toBeInViewport({ ratio: 1 })
  for (let i = 0; i < 20; i++) await page.keyboard.press('k')
  await expect(long).toHaveAttribute('aria-selected', 'true')
  await expect(long).toBeInViewport({ ratio: 1 })
  await app.close()
})
