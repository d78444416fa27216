import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, SCREENSHOTS_DIR, test } from './fixtures'
import { launchApp } from './harness'

const SECOND_DIGEST = `Daily Papers

Aug 6

NanoFlow: Towards Optimal Large Language Model Serving Throughput

The increasing usage of Large Language Models (LLMs) has resulted in a surging demand.

Sparse Mixtures for Long Documents

We study sparse mixtures of experts for documents longer than a million tokens.

Aug 7

Position Auctions in AI-Generated Content

We consider an extension to the classic position auctions.

Calibrated Retrieval for Scientific QA

Retrieval-augmented models answer questions about papers; we calibrate them.

Tiny Recurrent Transformers

A recurrent transformer with 10M parameters matches larger models on reasoning.
`

test('importing a second digest from the UI shows the right counts and progress', async ({
  libraryDir,
}) => {
  const file = join(libraryDir, 'daily-papers-aug-7.txt')
  writeFileSync(file, SECOND_DIGEST)
  const app = await launchApp({ libraryDir })
  const { page } = app
  await expect(page.getByRole('button', { name: /Aug 6/ })).toHaveText(/0\/38/)

  const chooser = page.waitForEvent('filechooser')
  await page.getByRole('button', { name: /Import digest/ }).click()
  await (await chooser).setFiles(file)

  // First what the import would do, with nothing written yet.
  const preview = page.getByRole('dialog', { name: 'Import these files?' })
  await expect(preview).toContainText('3 new papers, 2 merged into papers you have.')
  await expect(preview).toContainText(
    'daily-papers-aug-7.txt (Daily Papers text): Aug 6 (2 papers), Aug 7 (3 papers)',
  )
  await page.screenshot({ path: join(SCREENSHOTS_DIR, 'import-preview.png') })
  await expect(page.getByRole('button', { name: /Inbox/ })).toHaveText(/38/)
  // The import is the dialog's main action: Enter does it.
  await expect(preview.getByRole('button', { name: 'Import 1 file' })).toBeFocused()
  await page.keyboard.press('Enter')

  const report = page.getByRole('dialog', { name: 'Import finished' })
  await expect(report).toContainText(
    '3 papers added, 2 merged into papers you have, 0 files failed.',
  )
  await expect(report).toContainText(
    'daily-papers-aug-7.txt (Daily Papers text): Aug 6 (2 papers), Aug 7 (3 papers)',
  )
  await page.screenshot({ path: join(SCREENSHOTS_DIR, 'import-report.png') })
  await page.keyboard.press('Escape')
  await expect(report).toBeHidden()

  const sidebar = page.getByRole('navigation', { name: 'Library' })
  await expect(sidebar.getByRole('button', { name: /Aug 7/ })).toHaveText(/Aug 7\s*·\s*0\/3/)
  await expect(sidebar.getByRole('button', { name: /Aug 6/ })).toHaveText(/Aug 6\s*·\s*0\/39/)
  await expect(sidebar.getByRole('button', { name: /Inbox/ })).toHaveText(/41/)

  await sidebar.getByRole('button', { name: /Aug 7/ }).click()
  await expect(page.getByRole('option')).toHaveText([
    /Position Auctions/,
    /Calibrated Retrieval/,
    /Tiny Recurrent Transformers/,
  ])
  await page.keyboard.press('3')
  await expect(sidebar.getByRole('button', { name: /Aug 7/ })).toHaveText(/1\/3/)
  await expect(sidebar.getByRole('button', { name: /Aug 6/ })).toHaveText(/1\/39/)
  await app.close()
})

test('a bad file in the import is reported by name and reason; the good one imports', async ({
  libraryDir,
}) => {
  const good = join(libraryDir, 'good.txt')
  const bad = join(libraryDir, 'cut-off.txt')
  writeFileSync(good, 'Aug 9\n\nA Good Paper\n\nIts abstract.\n')
  writeFileSync(bad, 'Aug 10\n\nA title without abstract')
  const app = await launchApp({ libraryDir })
  // By the button: Chromium opens a file chooser only on a user gesture, and Ctrl+O is a
  // browser-reserved shortcut that does not count as one (in the app the menu handles it).
  const chooser = app.page.waitForEvent('filechooser')
  await app.page.getByRole('button', { name: /Import digest/ }).click()
  await (await chooser).setFiles([bad, good])
  const preview = app.page.getByRole('dialog', { name: 'Import these files?' })
  await expect(preview).toContainText(
    '1 new paper, 0 merged into papers you have, 1 file that cannot be imported.',
  )
  await preview.getByRole('button', { name: 'Import 1 file' }).click()
  const report = app.page.getByRole('dialog', { name: 'Import finished' })
  await expect(report).toContainText('1 paper added, 0 merged into papers you have, 1 file failed.')
  await expect(report).toContainText(
    'cut-off.txt: line 3: the title "A title without abstract" has no abstract; the file looks cut off.',
  )
  await app.close()
})

test('an import can be cancelled at its preview, writing nothing', async ({ libraryDir }) => {
  const file = join(libraryDir, 'daily-papers-aug-7.txt')
  writeFileSync(file, SECOND_DIGEST)
  const app = await launchApp({ libraryDir })
  const { page } = app
  const chooser = page.waitForEvent('filechooser')
  await page.getByRole('button', { name: /Import digest/ }).click()
  await (await chooser).setFiles(file)
  const preview = page.getByRole('dialog', { name: 'Import these files?' })
  await preview.getByRole('button', { name: 'Cancel' }).click()
  await expect(preview).toBeHidden()
  await expect(
    page.getByRole('navigation', { name: 'Library' }).getByRole('button', { name: /Aug 7/ }),
  ).toHaveCount(0)
  expect(app.library.listPapers()).toHaveLength(38)
  await app.close()
})

test('a Hugging Face JSON file merges into the text digest, and the reading pane shows its sources', async ({
  libraryDir,
}) => {
  const json = join(__dirname, '../src/main/library/digest/sources/fixtures/hf-daily-aug-7.json')
  const app = await launchApp({ libraryDir, importFiles: [json] })
  const { page } = app
  const sidebar = page.getByRole('navigation', { name: 'Library' })
  await expect(sidebar.getByRole('button', { name: /^Inbox/ })).toHaveText(/39/)
  await page.getByRole('option', { name: /^NanoFlow/ }).click()
  const pane = page.getByRole('region', { name: 'Reading pane' })
  await expect(pane.getByText('Kan Zhu, Yilong Zhao')).toBeVisible()
  await expect(
    pane.getByText(/arXiv 2408\.12757 · published Aug 22, 2024 · 21 upvotes/),
  ).toBeVisible()
  const sources = pane.getByRole('region', { name: 'Sources' }).getByRole('listitem')
  await expect(sources).toHaveText([
    /^daily-papers-aug-6\.txt · Daily Papers text · imported/,
    /^hf-daily-aug-7\.json · Hugging Face JSON · imported/,
  ])
  await page.screenshot({ path: join(SCREENSHOTS_DIR, 'sources.png') })

  // An author is a way to the library's papers by them, by mouse or by keyboard.
  await page.getByRole('button', { name: /^Inbox/ }).click()
  await pane.getByRole('button', { name: 'Yilong Zhao' }).focus()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('searchbox', { name: 'Search papers' })).toHaveValue(
    'author:"Yilong Zhao"',
  )
  await expect(page.getByRole('option')).toHaveText([/^NanoFlow/])
  await expect(page.getByRole('heading', { name: 'All papers' })).toBeVisible()
  await page.screenshot({ path: join(SCREENSHOTS_DIR, 'author-search.png') })
  await app.close()
})

test('a list sorts by publication day or upvotes, and back to the digests’ order', async ({
  libraryDir,
}) => {
  const entry = (title: string, upvotes: number, publishedAt?: string) => ({
    paper: { title, summary: `About ${title}.`, upvotes, ...(publishedAt ? { publishedAt } : {}) },
    publishedAt: '2025-01-10T00:00:00Z',
  })
  const json = join(libraryDir, 'hf.json')
  writeFileSync(
    json,
    JSON.stringify([
      entry('Alpha Paper', 1, '2024-01-01T00:00:00Z'),
      entry('Beta Paper', 9),
      entry('Gamma Paper', 5, '2024-05-01T00:00:00Z'),
    ]),
  )
  const app = await launchApp({ libraryDir, importFiles: [json] })
  const { page } = app
  await page
    .getByRole('navigation', { name: 'Library' })
    .getByRole('button', { name: /Jan 10, 2025/ })
    .click()
  const titles = page.getByRole('option')
  await expect(titles).toHaveText([/^Alpha/, /^Beta/, /^Gamma/])
  const sort = (order: string) =>
    page.getByRole('group', { name: 'Sort the list' }).getByRole('button', { name: order }).click()
  await sort('Most upvoted')
  await expect(titles).toHaveText([/^Beta/, /^Gamma/, /^Alpha/])
  await sort('Newest published')
  await expect(titles).toHaveText([/^Gamma/, /^Alpha/, /^Beta/])
  await page.screenshot({ path: join(SCREENSHOTS_DIR, 'sorted.png') })
  await sort('Digest order')
  await expect(titles).toHaveText([/^Alpha/, /^Beta/, /^Gamma/])
  await app.close()
})
