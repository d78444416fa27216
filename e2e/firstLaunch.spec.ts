import { join } from 'node:path'
import { expect, SCREENSHOTS_DIR, test } from './fixtures'
import { launchApp } from './harness'

test('first launch shows the 38 seed papers under "Aug 6"', async ({ libraryDir }) => {
  const app = await launchApp({ libraryDir })
  const { page } = app
  const digest = page
    .getByRole('navigation', { name: 'Library' })
    .getByRole('button', { name: /Aug 6/ })
  await expect(digest).toHaveText(/Aug 6\s*·\s*0\/38/)
  await digest.click()
  await expect(page.getByRole('option')).not.toHaveCount(0)
  await expect(page.getByRole('listbox', { name: 'Papers' })).toBeVisible()
  expect(
    app.library.listPapers({ digest: (await app.library.listDigests())[0]!.date }),
  ).toHaveLength(38)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'NanoFlow: Towards Optimal Large Language Model Serving Throughput',
  )
  await page.screenshot({ path: join(SCREENSHOTS_DIR, 'main-light.png') })
  await app.close()
})
