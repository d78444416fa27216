import Database from 'better-sqlite3'
import { copyFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, SCREENSHOTS_DIR, test } from './fixtures'
import { launchApp, ROOT } from './harness'

const SCHEMA_12_LIBRARY = join(ROOT, 'src/main/library/db/fixtures/schema-12-library.sqlite')

test('a library the current release left is updated with its progress on screen, then opens whole', async ({
  libraryDir,
}) => {
  let release = () => {}
  const held = new Promise<void>((resolve) => (release = resolve))
  // The update waits before compacting until the test has seen the screen.
  const app = await launchApp({ libraryDir, oldLibrary: SCHEMA_12_LIBRARY, holdUpdate: held })
  const { page } = app

  const screen = page.getByRole('main', { name: 'Updating your library to this version' })
  await expect(screen).toBeVisible()
  await expect(screen).toContainText('A checked copy is kept first')
  const bar = screen.getByRole('progressbar', { name: 'Library update' })
  await expect(bar).toHaveAttribute('aria-valuetext', 'Indexing 42 of 42 papers')
  await expect(bar).toHaveAttribute('aria-valuenow', '100')
  await expect(screen.getByRole('listitem')).toHaveText([
    'Checked copy kept in backups/',
    'Indexing 42 of 42 papers',
    'Compacting',
  ])
  await expect(screen).toContainText('Library format 12 → 13')
  // The checked copy is already kept; the library itself is not open yet.
  expect(readdirSync(join(libraryDir, 'backups'))).toEqual([
    expect.stringMatching(/^margin-library-schema-12-/),
  ])
  expect(() => app.library).toThrow('not open yet')
  await page.screenshot({ path: join(SCREENSHOTS_DIR, 'library-update.png') })
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.screenshot({ path: join(SCREENSHOTS_DIR, 'library-update-dark.png') })
  await page.emulateMedia({ colorScheme: 'light' })

  release()
  await page.locator('html[data-ready]').waitFor({ state: 'attached' })
  await expect(screen).toHaveCount(0)
  const library = await app.libraryReady

  // The fixture's papers, all 42 of them.
  await page
    .getByRole('navigation', { name: 'Library' })
    .getByRole('button', { name: /^All/ })
    .click()
  await expect(page.locator('.list-count')).toHaveText(/^42 papers/)

  // Paper 1 with its note and its tags, found by a word of its note.
  const search = page.getByRole('searchbox', { name: 'Search papers' })
  await search.fill('unicode')
  await expect(page.getByRole('option')).toHaveText([/NanoFlow/])
  await page.getByRole('option').first().click()
  await expect(page.getByRole('textbox', { name: 'Note (markdown)' })).toHaveValue(
    /Overlap of compute and memory matters/,
  )
  await expect(page.getByRole('list', { name: 'Tags' })).toContainText('systems')
  await expect(page.getByRole('list', { name: 'Tags' })).toContainText('GPU')

  // A word only in another paper's note.
  await search.fill('written')
  await expect(page.getByRole('option')).toHaveText([/./])
  expect(library.paperList({}, 'written').ids).toEqual([9])
  await expect(page.getByRole('option').first()).toContainText(library.getPaper(9).title)
  await app.close()
})

test('a library from a newer Margin is refused on screen with the sentence that says what to do', async ({
  libraryDir,
}) => {
  const newer = join(libraryDir, 'newer.sqlite')
  copyFileSync(SCHEMA_12_LIBRARY, newer)
  const db = new Database(newer)
  db.pragma('user_version = 99')
  db.close()
  // A settled hold: launchApp returns with the page loaded, not waiting for the library.
  const app = await launchApp({
    libraryDir: join(libraryDir, 'library'),
    oldLibrary: newer,
    holdUpdate: Promise.resolve(),
  })
  await expect(app.libraryReady).rejects.toMatchObject({ code: 'LIBRARY_TOO_NEW' })
  const screen = app.page.getByRole('main', { name: 'Margin cannot open its library' })
  await expect(screen.getByRole('alert')).toHaveText(
    /was written by a newer version of Margin \(schema 99; this version knows up to 13\)\. Update Margin to open it\.$/,
  )
  await app.page.screenshot({ path: join(SCREENSHOTS_DIR, 'library-update-failed.png') })
  await app.close()
})
