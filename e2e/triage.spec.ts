import { join } from 'node:path'
import { expect, SCREENSHOTS_DIR, test } from './fixtures'
import { launchApp } from './harness'

test('triage through the 38 seed papers by keyboard alone, with undo; the digest progress follows', async ({
  libraryDir,
}) => {
  const app = await launchApp({ libraryDir })
  const { page } = app
  const sidebar = page.getByRole('navigation', { name: 'Library' })
  const digest = sidebar.getByRole('button', { name: /Aug 6/ })
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^NanoFlow/)

  await page.keyboard.press(']') // Inbox → Aug 6
  await expect(page.getByRole('heading', { level: 2, name: 'Aug 6' })).toBeVisible()
  await page.keyboard.press('t')
  const triage = page.getByRole('region', { name: 'Triage' })
  await expect(triage.getByRole('status')).toHaveText('38 of 38 left')
  await expect(triage.getByRole('heading', { level: 1 })).toHaveText(/^NanoFlow/)

  await page.keyboard.press('2') // to read
  await expect(triage.getByRole('status')).toHaveText('37 of 38 left')
  await expect(triage.getByRole('heading', { level: 1 })).toHaveText(/^One-dimensional Adapter/)
  await expect(digest).toHaveText(/1\/38/)
  await page.screenshot({ path: join(SCREENSHOTS_DIR, 'triage.png') })

  await page.keyboard.press('5') // not reading
  await expect(triage.getByRole('heading', { level: 1 })).toHaveText(/^T3: Transparent/)
  await page.keyboard.press('Control+z')
  await expect(triage.getByRole('heading', { level: 1 })).toHaveText(/^One-dimensional Adapter/)
  await expect(triage.getByRole('status')).toHaveText('37 of 38 left')
  await expect(digest).toHaveText(/1\/38/)
  await expect(
    page.getByText(/^Undone: Marked not reading: “One-dimensional Adapter/),
  ).toBeVisible()

  await page.keyboard.press('1') // keep new
  await expect(triage.getByRole('heading', { level: 1 })).toHaveText(/^T3: Transparent/)
  const decisions = ['4', '2', '3', '5']
  for (let left = 36; left > 0; left--) {
    await expect(triage.getByRole('status')).toHaveText(`${left} of 38 left`)
    await page.keyboard.press(decisions[left % decisions.length]!)
  }
  await expect(triage.getByRole('status')).toHaveText('All done')
  await expect(digest).toHaveText(/37\/38/)

  const statuses = app.library.listPapers().map((p) => p.status)
  expect(statuses.filter((s) => s === 'new')).toHaveLength(1)
  expect(app.library.getPaper(2).status).toBe('new')
  expect(app.library.getPaper(1).statusHistory).toMatchObject([{ from: 'new', to: 'to-read' }])
  expect(app.library.getPaper(2).statusHistory).toMatchObject([
    { from: 'new', to: 'not-reading' },
    { from: 'not-reading', to: 'new' },
  ])

  await page.keyboard.press('Escape')
  await expect(page.getByRole('listbox', { name: 'Papers' })).toBeVisible()
  await app.close()
})

test('bulk actions on picked papers and on a whole digest, undoable', async ({ libraryDir }) => {
  const app = await launchApp({ libraryDir })
  const { page } = app
  const digest = page
    .getByRole('navigation', { name: 'Library' })
    .getByRole('button', { name: /Aug 6/ })
  await digest.click()
  await page.getByRole('listbox', { name: 'Papers' }).focus()
  await page.keyboard.press('x')
  await page.keyboard.press('j')
  await page.keyboard.press('x')
  await page.getByRole('option', { name: /^Position Auctions/ }).click({ modifiers: ['Control'] })
  await expect(page.getByText('3 picked: mark as')).toBeVisible()
  await page
    .getByRole('group', { name: /Mark 3 picked papers as/ })
    .getByRole('button', { name: 'Read', exact: true })
    .click()
  await expect(digest).toHaveText(/3\/38/)
  await expect(page.getByText('Marked read: 3 papers')).toBeVisible()

  await page.getByText(/Mark all 38 papers as/).click()
  await page
    .getByRole('group', { name: 'Mark all as' })
    .getByRole('button', { name: 'To read', exact: true })
    .click()
  await expect(digest).toHaveText(/38\/38/)
  expect(app.library.listPapers({ status: 'to-read' })).toHaveLength(38)

  await page.keyboard.press('Control+z')
  await expect(digest).toHaveText(/3\/38/)
  expect(app.library.listPapers({ status: 'read' }).map((p) => p.title)).toHaveLength(3)
  await page.getByRole('button', { name: /^Undo/ }).click()
  await expect(digest).toHaveText(/0\/38/)
  await app.close()
})
