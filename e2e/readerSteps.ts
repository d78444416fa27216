import type { Page } from '@playwright/test'
import type { MarginBridge } from '../src/shared/ipc'
import { expect } from './fixtures'
import type { LaunchedApp } from './harness'

/** The paper the window selects first (the seed digest's first paper). */
export const FIRST_TITLE = /^NanoFlow/

export async function firstPaperId(app: LaunchedApp): Promise<number> {
  await expect(app.page.getByRole('heading', { level: 1 })).toHaveText(FIRST_TITLE)
  return app.page.evaluate(async () => {
    const bridge = (window as unknown as { margin: MarginBridge }).margin
    const list = await bridge['papers:list']({ view: { kind: 'inbox' } })
    if (!list.ok) throw new Error(list.error.message)
    return list.value.ids[0]!
  })
}

/** Attaches `bytes` to the first paper through the library, then shows the window again. */
export async function attachToFirstPaper(app: LaunchedApp, bytes: Uint8Array): Promise<number> {
  const id = await firstPaperId(app)
  await app.library.pdfs.attach(id, { name: 'paper.pdf', data: bytes })
  await app.page.reload()
  await app.page.locator('html[data-ready]').waitFor({ state: 'attached' })
  await expect(app.page.getByRole('heading', { level: 1 })).toHaveText(FIRST_TITLE)
  return id
}

/** Opens the selected paper's PDF with its key; resolves once a page is painted. */
export async function openReader(page: Page) {
  await page.getByRole('listbox', { name: 'Papers' }).focus()
  await page.keyboard.press('v')
  await expect(page.locator('.pdf-page[data-rendered="true"]').first()).toBeVisible()
}

/** Drags the mouse over the start of the selected paper's abstract, selecting some words. */
export async function selectAbstractStart(page: Page) {
  const abstract = page.locator('#abstract-text')
  await expect(abstract).toContainText('The increasing usage of Large Language Models')
  const box = (await abstract.boundingBox())!
  await page.mouse.move(box.x + 2, box.y + 12)
  await page.mouse.down()
  await page.mouse.move(box.x + 260, box.y + 12, { steps: 5 })
  await page.mouse.up()
}
