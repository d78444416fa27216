import Database from 'better-sqlite3'
import { join } from 'node:path'
import { LIBRARY_FILE_NAME } from '../src/main/library/db/openLibrary'
import { AUTOSAVE_DEBOUNCE_MS } from '../src/renderer/hooks/useAutosave'
import { expect, test } from './fixtures'
import { launchApp, type LaunchedApp } from './harness'

/**
 * The notes as committed to the library file, read through a connection of its own: what a
 * process killed this instant would leave (a committed WAL transaction survives the process).
 */
function committedNotes(libraryDir: string): string[] {
  const db = new Database(join(libraryDir, LIBRARY_FILE_NAME), { readonly: true })
  try {
    return db.prepare<[], string>('SELECT body FROM notes').pluck().all()
  } finally {
    db.close()
  }
}

/** Opens the note editor of the first paper with its key, as a reader would. */
async function openNoteEditor(app: LaunchedApp) {
  await expect(app.page.getByRole('heading', { level: 1 })).toHaveText(/^NanoFlow/)
  await app.page.keyboard.press('n')
  const note = app.page.getByRole('textbox', { name: 'Note (markdown)' })
  await expect(note).toBeFocused()
  return note
}

test('a status set by key and one set by mouse persist after relaunch', async ({ libraryDir }) => {
  let app = await launchApp({ libraryDir })
  let { page } = app
  const papers = page.getByRole('listbox', { name: 'Papers' })
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^NanoFlow/)

  await papers.focus()
  await page.keyboard.press('j')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^One-dimensional Adapter/)
  await page.keyboard.press('4')
  await expect(page.getByRole('radio', { name: /Read/, checked: true })).toHaveText(/^Read/)

  await page.getByRole('option', { name: /^T3: Transparent Tracking/ }).click()
  await page
    .getByRole('radiogroup', { name: 'Reading status' })
    .getByRole('radio', { name: /To read/ })
    .click()
  await expect(page.getByRole('radio', { name: /To read/ })).toHaveAttribute('aria-checked', 'true')
  await expect(page.getByRole('button', { name: /Aug 6/ })).toHaveText(/2\/38/)
  await app.close()

  app = await launchApp({ libraryDir })
  page = app.page
  await expect(page.getByRole('button', { name: /Aug 6/ })).toHaveText(/2\/38/)
  await page.getByRole('button', { name: /^Read\b/ }).click()
  await expect(page.getByRole('option')).toHaveText([/One-dimensional Adapter/])
  await page.getByRole('button', { name: /^To read/ }).click()
  await expect(page.getByRole('option')).toHaveText([/T3: Transparent Tracking/])
  await page.getByRole('option').click()
  await expect(page.getByText(/New → To read/)).toBeVisible()
  await app.close()
})

test('a note typed and the app closed right after is there on relaunch', async ({ libraryDir }) => {
  let app = await launchApp({ libraryDir })
  const note = await openNoteEditor(app)
  await note.pressSequentially('# Key idea\n\nnano-batches *overlap* compute')
  await app.close()

  app = await launchApp({ libraryDir })
  await expect(app.page.getByRole('textbox', { name: 'Note (markdown)' })).toHaveValue(
    '# Key idea\n\nnano-batches *overlap* compute',
  )
  await app.page.getByRole('tab', { name: 'Preview' }).click()
  await expect(app.page.getByRole('heading', { name: 'Key idea' })).toBeVisible()
  await expect(app.page.locator('.note-preview em')).toHaveText('overlap')
  await expect(app.page.getByRole('option').first()).toContainText('✎ note')
  await app.close()
})

test('a note typed just before quitting is saved when the app asks, before it goes', async ({
  libraryDir,
}) => {
  const app = await launchApp({ libraryDir })
  const note = await openNoteEditor(app)
  await note.pressSequentially('typed a moment before quitting')
  // Still within the autosave pause: nothing is written yet.
  expect(committedNotes(libraryDir)).toEqual([])
  expect(await app.flushBeforeQuit()).toBe(true)
  expect(committedNotes(libraryDir)).toEqual(['typed a moment before quitting'])
  await app.close()
})

test('a note is committed within the autosave pause of the last key, so a kill loses no more', async ({
  libraryDir,
}) => {
  const app = await launchApp({ libraryDir })
  const note = await openNoteEditor(app)
  // The save is timed at the pause; the slack beyond it is for a loaded 2-core CI machine, where
  // 1 s once was not enough for the timer, the IPC and the commit.
  const committed = { timeout: AUTOSAVE_DEBOUNCE_MS + 4_000, intervals: [50] }
  await note.pressSequentially('first thought')
  await expect.poll(() => committedNotes(libraryDir), committed).toEqual(['first thought'])
  await note.pressSequentially(', and a second')
  await expect
    .poll(() => committedNotes(libraryDir), committed)
    .toEqual(['first thought, and a second'])
  await app.close()
})

test('search filters the list by title and abstract as you type', async ({ libraryDir }) => {
  const app = await launchApp({ libraryDir })
  const { page } = app
  await page.getByRole('listbox', { name: 'Papers' }).focus()
  await page.keyboard.press('/')
  const search = page.getByRole('searchbox', { name: 'Search papers' })
  await expect(search).toBeFocused()
  await search.pressSequentially('nano-batches')
  await expect(page.getByRole('option')).toHaveText([/NanoFlow/])
  await search.fill('zzzz-nothing')
  await expect(page.getByText(/No papers match “zzzz-nothing”/)).toBeVisible()
  await app.close()
})
