import { expect, test } from './fixtures'
import { launchApp } from './harness'
import { selectAbstractStart } from './readerSteps'

test('highlighting by mouse selection, with a comment, edited, kept across relaunch, deleted', async ({
  libraryDir,
}) => {
  let app = await launchApp({ libraryDir })
  let { page } = app
  const abstract = page.locator('#abstract-text')
  await selectAbstractStart(page)
  const selected = await page.evaluate(() => window.getSelection()!.toString())
  expect(selected.length).toBeGreaterThan(10)

  const composer = page.getByRole('dialog', { name: 'Highlight the selection' })
  await composer.getByRole('textbox', { name: 'Comment (optional)' }).fill('the motivation')
  await composer.getByRole('button', { name: 'Highlight in green' }).click()
  await expect(composer).toBeHidden()

  await expect(abstract.locator('mark.highlight-green')).toHaveText(selected)
  const list = page.getByRole('group', { name: 'Annotations' })
  await expect(list.locator('.annotation-quote')).toHaveText(selected)
  await expect(list).toContainText('the motivation')

  await list.getByRole('button', { name: /^Edit/ }).click()
  await list.getByRole('textbox', { name: 'Comment' }).fill('why serving matters')
  await list.getByRole('radio', { name: 'pink' }).click()
  await list.getByRole('button', { name: 'Save' }).click()
  await expect(list).toContainText('why serving matters')
  await expect(abstract.locator('mark.highlight-pink')).toHaveText(selected)
  await app.close()

  app = await launchApp({ libraryDir })
  page = app.page
  await expect(page.locator('#abstract-text mark.highlight-pink')).toHaveText(selected)
  expect(app.library.getPaper(1).highlights).toMatchObject([
    { quote: selected, color: 'pink', comment: 'why serving matters', anchor: { start: 0 } },
  ])
  await page
    .getByRole('group', { name: 'Annotations' })
    .getByRole('button', { name: /^Delete/ })
    .click()
  await expect(page.locator('#abstract-text mark')).toHaveCount(0)
  expect(app.library.getPaper(1).highlights).toEqual([])
  await app.close()
})
