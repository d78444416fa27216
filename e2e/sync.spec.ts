import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { openLibrary, type Library } from '../src/main/library/library'
import { expect, SCREENSHOTS_DIR, test } from './fixtures'
import { launchApp } from './harness'
import { seriousViolations } from './pageChecks'

/** A small text digest: a date, then each paper's title and abstract. */
const digest = (date: string, ...papers: Array<[string, string]>) =>
  new TextEncoder().encode(
    `${date}\n\n${papers.map(([title, abstract]) => `${title}\n\n${abstract}`).join('\n\n')}\n`,
  )

const sidebar = (page: Page) => page.getByRole('navigation', { name: 'Library' })
const syncLine = (page: Page) => sidebar(page).getByRole('region', { name: 'Sync' })
const settings = (page: Page) => page.getByRole('dialog', { name: 'Settings' })
const conflictsDialog = (page: Page) => page.getByRole('dialog', { name: 'Sync conflicts' })
const rows = (page: Page) => page.getByRole('listbox').getByRole('option')
const note = (page: Page) => page.getByRole('textbox', { name: 'Note (markdown)' })

/** The seed's paper both libraries write notes on. */
const TITLE = 'NanoFlow: Towards Optimal Large Language Model Serving Throughput'
/** A device name from the folder: untrusted, shown as text. */
const LAPTOP = 'Laptop <img src=x onerror="document.title=1">'

function paperId(library: Library, title: string): number {
  const paper = library.listPapers().find((p) => p.title === title)
  if (!paper) throw new Error(`no paper "${title}"`)
  return paper.id
}

test.describe('sync through a folder', () => {
  let syncFolder: string
  let otherDir: string
  let other: Library | undefined

  test.beforeEach(() => {
    syncFolder = mkdtempSync(join(tmpdir(), 'margin-sync-folder-'))
    otherDir = mkdtempSync(join(tmpdir(), 'margin-sync-other-'))
  })

  test.afterEach(() => {
    other?.close()
    other = undefined
    rmSync(syncFolder, { recursive: true, force: true })
    rmSync(otherDir, { recursive: true, force: true })
  })

  test('set up in Settings; another library’s paper, status and note show in the open window; a note edited on both lists in Conflicts, opens with both texts, and Mark resolved ends it', async ({
    libraryDir,
  }) => {
    test.setTimeout(120_000)
    const app = await launchApp({ libraryDir, syncFolder })
    const { page, library } = app

    // The sidebar says sync is off; Settings opens by its key (`,`).
    await expect(syncLine(page).getByRole('status')).toHaveText('Sync is off')
    await rows(page).first().click()
    await page.keyboard.press(',')
    const form = settings(page).getByRole('form', { name: 'Set up sync' })
    await expect(form).toBeVisible()

    // The library's own folder is refused with the library's sentence, and sync stays off.
    await form.getByRole('textbox', { name: 'Sync folder' }).fill(libraryDir)
    await form.getByRole('textbox', { name: 'This device’s name' }).fill('Desk')
    await form.getByRole('button', { name: 'Start syncing' }).click()
    await expect(form.getByRole('alert')).not.toBeEmpty()
    const refusal = (await form.getByRole('alert').textContent()) ?? ''
    expect(refusal).toMatch(/library/i)
    await page.screenshot({ path: join(SCREENSHOTS_DIR, 'settings-sync-setup.png') })
    expect(library.sync.status().configured).toBe(false)

    // Choose… fills in the folder; Start syncing sets it up.
    await form.getByRole('button', { name: 'Choose…' }).click()
    await expect(form.getByRole('textbox', { name: 'Sync folder' })).toHaveValue(syncFolder)
    await form.getByRole('button', { name: 'Start syncing' }).click()
    const overview = settings(page).locator('.sync-overview')
    await expect(overview.getByRole('status')).toHaveText(/^(Synced just now|Syncing…) · 1 device$/)
    await expect(syncLine(page).getByRole('status')).toContainText('1 device')
    expect(library.sync.status()).toMatchObject({ configured: true, deviceName: 'Desk' })

    // Another library (a second computer) joins through the same folder: it gets the seed.
    other = openLibrary(otherDir)
    await other.sync.setup(syncFolder, LAPTOP)
    await other.sync.pass()
    const nanoflow = paperId(other, TITLE)
    expect(other.listPapers().length).toBe(library.listPapers().length)

    // The window sees the laptop: two devices, its name as text.
    await expect(overview.getByRole('status')).toContainText('2 devices', { timeout: 20_000 })
    const devices = settings(page).getByRole('list', { name: 'Devices' }).getByRole('listitem')
    await expect(devices).toHaveCount(2)
    await expect(devices.filter({ hasText: 'Desk (this device)' })).toHaveCount(1)
    await expect(devices.filter({ hasText: LAPTOP })).toContainText('synced')
    await page.screenshot({ path: join(SCREENSHOTS_DIR, 'settings-sync.png') })
    expect(await seriousViolations(page)).toEqual([])
    await page.keyboard.press('Escape')
    await expect(settings(page)).toBeHidden()

    // The paper shown in the window is the one the laptop is about to change.
    await page.getByRole('searchbox', { name: 'Search papers' }).fill('NanoFlow')
    await rows(page).filter({ hasText: TITLE }).click()
    await expect(page.getByRole('heading', { name: TITLE })).toBeVisible()
    await expect(note(page)).toHaveValue('')

    // On the laptop: a new digest, a status and a note; it syncs.
    await other.importContents([
      {
        name: 'daily-papers-aug-7.txt',
        data: digest('Aug 7', ['Gardens of Sparse Attention', 'Attention grown like gardens.']),
      },
    ])
    other.setStatuses([{ id: nanoflow, status: 'reading' }])
    other.saveNote(nanoflow, 'Batching on the laptop.\nSecond line.')
    await other.sync.pass()

    // The open window shows all three without a reload.
    await expect(note(page)).toHaveValue('Batching on the laptop.\nSecond line.', {
      timeout: 20_000,
    })
    await expect(
      page.getByRole('radiogroup', { name: 'Reading status' }).getByRole('radio', {
        name: /Reading/,
      }),
    ).toHaveAttribute('aria-checked', 'true')
    await expect(sidebar(page).getByRole('button', { name: /^Aug 7/ })).toBeVisible()
    await page.getByRole('searchbox', { name: 'Search papers' }).fill('Gardens')
    await expect(rows(page).filter({ hasText: 'Gardens of Sparse Attention' })).toHaveCount(1)
    // The paper left the Inbox for Reading, as a status set here would.
    await page.getByRole('searchbox', { name: 'Search papers' }).fill('')
    await sidebar(page)
      .getByRole('button', { name: /^Reading\s*1$/ })
      .click()
    await rows(page).filter({ hasText: TITLE }).click()

    // Both edit the same line of the note before seeing the other's edit.
    await note(page).fill('Batching on the desk.\nSecond line.')
    await note(page).blur()
    await expect(page.locator('.save-state')).toHaveText(/^Saved/)
    other.saveNote(nanoflow, 'Batching on the laptop, again.\nSecond line.')
    await other.sync.pass()

    // The window's library meets the laptop's edit: the status line counts the conflict.
    await expect(syncLine(page).getByRole('status')).toContainText('1 note conflict', {
      timeout: 20_000,
    })
    await page.getByRole('listbox').focus()
    await page.keyboard.press('Shift+C')
    const listed = conflictsDialog(page)
      .getByRole('list', { name: 'Papers with a note conflict' })
      .getByRole('listitem')
    await expect(listed).toHaveCount(1)
    await expect(listed).toContainText(TITLE)
    await page.screenshot({ path: join(SCREENSHOTS_DIR, 'conflicts.png') })
    expect(await seriousViolations(page)).toEqual([])

    // Enter opens it: the note holds both texts between the markers.
    await page.keyboard.press('Enter')
    await expect(conflictsDialog(page)).toBeHidden()
    await expect(page.getByRole('heading', { name: TITLE })).toBeVisible()
    await expect(note(page)).toBeFocused()
    const conflicted = await note(page).inputValue()
    expect(conflicted).toMatch(/^<<<<<<< edit of \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/m)
    expect(conflicted).toContain('Batching on the desk.')
    expect(conflicted).toContain('Batching on the laptop, again.')
    expect(conflicted).toMatch(/^=======$/m)
    expect(conflicted).toMatch(/^>>>>>>> edit of /m)
    const banner = page.getByRole('group', { name: 'Sync conflict in this note' })
    await note(page).scrollIntoViewIfNeeded()
    await page.screenshot({ path: join(SCREENSHOTS_DIR, 'conflict-note.png') })

    // Mark resolved: the marker lines go, both texts stay, the list empties.
    await banner.getByRole('button', { name: 'Mark resolved' }).click()
    await expect(banner).toBeHidden()
    await expect(note(page)).not.toHaveValue(/<<<<<<<|>>>>>>>/)
    await expect(note(page)).toHaveValue(/Batching on the desk\./)
    await expect(note(page)).toHaveValue(/Batching on the laptop, again\./)
    await expect(syncLine(page).getByRole('status')).not.toContainText('conflict')
    await page.keyboard.press('Shift+C')
    await expect(conflictsDialog(page)).toContainText('No conflicts')
    await page.keyboard.press('Escape')
    expect(library.sync.conflicts()).toEqual([])

    // The laptop takes the resolved note at its next pass, with no conflict left there.
    const resolved = await note(page).inputValue()
    await expect
      .poll(
        async () => {
          await other!.sync.pass()
          return [other!.getPaper(nanoflow).note, other!.sync.conflicts().length]
        },
        { timeout: 20_000 },
      )
      .toEqual([resolved, 0])

    // Stop syncing: off again, nothing deleted; the form keeps the folder and the name.
    const papers = library.listPapers().length
    await page.keyboard.press(',')
    await settings(page).getByRole('button', { name: 'Stop syncing' }).click()
    await expect(syncLine(page).getByRole('status')).toHaveText('Sync is off')
    await expect(form.getByRole('textbox', { name: 'Sync folder' })).toHaveValue(syncFolder)
    await expect(form.getByRole('textbox', { name: 'This device’s name' })).toHaveValue('Desk')
    expect(library.listPapers().length).toBe(papers)
    await page.keyboard.press('Escape')

    // The keys are in the ? overlay.
    await page.keyboard.press('?')
    const shortcuts = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
    await expect(shortcuts.getByText('Settings (sync through a folder)…')).toBeVisible()
    await expect(shortcuts.getByText('Sync conflicts (notes edited on two devices)…')).toBeVisible()
    await app.close()
  })

  test('a note being typed when another device’s edit of it arrives keeps both edits', async ({
    libraryDir,
  }) => {
    test.setTimeout(90_000)
    const app = await launchApp({ libraryDir, syncFolder })
    const { page, library } = app
    await library.sync.setup(syncFolder, 'Desk')
    other = openLibrary(otherDir)
    await other.sync.setup(syncFolder, 'Laptop')
    const there = paperId(other, TITLE)
    other.saveNote(there, 'Line one.\nLine two.')
    await other.sync.pass()

    await page.getByRole('searchbox', { name: 'Search papers' }).fill('NanoFlow')
    await rows(page).filter({ hasText: TITLE }).click()
    await expect(note(page)).toHaveValue('Line one.\nLine two.', { timeout: 20_000 })

    // Typing at the end of the note, without a pause long enough to save, while the laptop's
    // edit of its first line arrives.
    await note(page).focus()
    await page.keyboard.press('Control+End')
    await page.keyboard.type('\nTyped', { delay: 50 })
    other.saveNote(there, 'Line one, from the laptop.\nLine two.')
    await other.sync.pass()
    // This desk's pass is asked for here rather than left to its folder watcher: what is under
    // test is the editor keeping both edits, and a watcher's event can come late on a loaded
    // machine (once a CI run waited past 20 s for it).
    await library.sync.pass()
    const typed = '\nTyped here on the desk while the laptop wrote'
    for (const char of typed.slice('\nTyped'.length)) {
      await page.keyboard.type(char, { delay: 50 })
    }
    await expect(note(page)).toHaveValue(/from the laptop/, { timeout: 20_000 })
    await note(page).blur()
    await expect(page.locator('.save-state')).toHaveText(/^Saved/)
    const both =
      'Line one, from the laptop.\nLine two.\nTyped here on the desk while the laptop wrote'
    await expect(note(page)).toHaveValue(both)
    expect(library.getPaper(paperId(library, TITLE)).note).toBe(both)

    // The laptop gets both too, and nothing is in conflict.
    await expect
      .poll(
        async () => {
          await other!.sync.pass()
          return [other!.getPaper(there).note, other!.sync.conflicts().length]
        },
        { timeout: 20_000 },
      )
      .toEqual([both, 0])
    expect(library.sync.conflicts()).toEqual([])
    await app.close()
  })
})
