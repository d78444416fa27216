import { expect, test } from './fixtures'
import { launchApp } from './harness'

test('tags: add with autocomplete, rename, merge and delete; the sidebar counts follow', async ({
  libraryDir,
}) => {
  const app = await launchApp({ libraryDir })
  const { page } = app
  const tagInput = page.getByRole('combobox', { name: 'Add a tag' })
  const sidebar = page.getByRole('navigation', { name: 'Library' })

  await tagInput.fill('serving')
  await tagInput.press('Enter')
  await page.getByRole('option', { name: /^One-dimensional Adapter/ }).click()
  await tagInput.fill('diffusion')
  await tagInput.press('Enter')
  await page.getByRole('option', { name: /^T3: Transparent/ }).click()
  await tagInput.fill('Serving')
  await tagInput.press('Enter')
  await tagInput.fill('systems')
  await tagInput.press('Enter')
  await expect(sidebar.getByRole('button', { name: /#serving/ })).toHaveText(/2$/)
  await expect(page.getByRole('list', { name: 'Tags' })).toContainText('#serving')

  await sidebar.getByRole('button', { name: 'Manage' }).click()
  const dialog = page.getByRole('dialog', { name: 'Tags' })
  await dialog.getByRole('combobox', { name: 'Name of #diffusion' }).fill('generative')
  await dialog.getByRole('button', { name: 'Rename (#diffusion)' }).click()
  await expect(sidebar.getByRole('button', { name: /#generative/ })).toHaveText(/1$/)

  await dialog.getByRole('combobox', { name: 'Name of #systems' }).fill('serving')
  await dialog.getByRole('button', { name: 'Merge into #serving (#systems)' }).click()
  await expect(sidebar.getByRole('button', { name: /#systems/ })).toHaveCount(0)
  await expect(sidebar.getByRole('button', { name: /#serving/ })).toHaveText(/2$/)

  await dialog.getByRole('button', { name: 'Delete tag generative' }).click()
  await expect(sidebar.getByRole('button', { name: /#generative/ })).toHaveCount(0)
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()

  await sidebar.getByRole('button', { name: /#serving/ }).click()
  await expect(page.getByRole('option')).toHaveText([/^NanoFlow/, /^T3: Transparent/])
  expect(app.library.getPaper(3).tags).toEqual(['serving'])
  await app.close()
})
