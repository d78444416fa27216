import { join } from 'node:path'
import type { Page } from '@playwright/test'
import {
  startFeedServer,
  type FeedPaper,
  type FeedServer,
} from '../src/main/library/testing/feedServer'
import { paperPdf } from '../src/main/library/testing/paperPdf'
import type { Library } from '../src/main/library/library'
import { expect, SCREENSHOTS_DIR, test } from './fixtures'
import { seriousViolations } from './pageChecks'
import { launchApp } from './harness'

/** YYYY-MM-DD of the UTC day `offset` days from today (the days the HF list is asked for). */
function utcDay(offset: number): string {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)
}

/** "Nov 29": how the sidebar's digest links begin (a year is added for another year's). */
function sidebarDay(isoDate: string): string {
  const format = new Intl.DateTimeFormat('en-US', {
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  })
  return format.format(new Date(`${isoDate}T00:00:00Z`))
}

/** Yesterday's Hugging Face list: two papers on speculative decoding, one on something else. */
function dailyPapers(day: string): FeedPaper[] {
  const paper = (n: number, title: string, summary: string): FeedPaper => ({
    arxivId: `2611.0${n}001`,
    title,
    summary,
    authors: ['Ada Lovelace', 'Alan Turing'],
    published: `${day}T09:0${n}:00Z`,
    upvotes: 10 * n,
  })
  return [
    paper(
      1,
      'Speculative Decoding With Tiny Drafts',
      'Speculative decoding drafts tokens cheaply.',
    ),
    paper(2, 'Lookahead Speculative Decoding at Scale', 'We verify many drafted tokens at once.'),
    paper(3, 'Gardens of Sparse Attention', 'Attention patterns grown like gardens.'),
  ]
}

const sidebar = (page: Page) => page.getByRole('navigation', { name: 'Library' })
const panel = (page: Page) => sidebar(page).getByRole('region', { name: 'Subscriptions' })
const dialog = (page: Page) => page.getByRole('dialog', { name: 'Subscriptions' })
const toast = (page: Page) => page.locator('.toast')

function paperByTitle(library: Library, title: string) {
  const paper = library.listPapers().find((p) => p.title === title)
  if (!paper) throw new Error(`no paper "${title}"`)
  return library.getPaper(paper.id)
}

test.describe('subscriptions (a local stand-in for Hugging Face and arXiv)', () => {
  let server: FeedServer

  test.beforeEach(async () => {
    server = await startFeedServer()
  })

  test.afterEach(async () => {
    await server.close()
  })

  test('follow Hugging Face from the window; fetch now brings a digest, a rule tags, sets To read and queues PDFs, undone as one; a failing arXiv subscription says why', async ({
    libraryDir,
  }) => {
    test.setTimeout(120_000)
    const yesterday = utcDay(-1)
    const papers = dailyPapers(yesterday)
    server.hfDay(yesterday, papers)
    for (const [index, paper] of papers.entries()) {
      const { bytes } = await paperPdf({ pages: 2, seed: index + 1, arxivId: paper.arxivId })
      server.answer(paper.arxivId, { kind: 'pdf', bytes, tell: 'filename' })
    }
    // arXiv answers a web page instead of its feed, every time: that subscription fails.
    server.misbehave('arxiv-api', { kind: 'html', times: Infinity })
    // Yesterday's list comes slowly, so the sidebar can be seen while it is fetched.
    server.misbehave(`hf-daily?date=${yesterday}`, { kind: 'slow', chunks: 8, everyMs: 750 })

    const app = await launchApp({
      libraryDir,
      hfBaseUrl: server.baseUrl,
      arxivBaseUrl: server.baseUrl,
    })
    const { page, library } = app

    // A saved search with a rule: new papers on speculative decoding get a tag, To read, a PDF.
    await page.getByRole('searchbox', { name: 'Search papers' }).fill('speculative')
    await page.getByRole('button', { name: 'Save this search' }).click()
    await page.getByRole('textbox', { name: 'Name of the saved search' }).fill('Speculation')
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await sidebar(page).getByRole('button', { name: 'Rule for saved search Speculation' }).click()
    const ruleDialog = page.getByRole('dialog', { name: 'Rule for “Speculation”' })
    await ruleDialog.getByRole('combobox', { name: 'Add the tag' }).fill('spec')
    await ruleDialog.getByRole('checkbox', { name: 'Set them To read' }).check()
    await ruleDialog.getByRole('checkbox', { name: 'Download their PDFs from arXiv' }).check()
    await page.screenshot({ path: join(SCREENSHOTS_DIR, 'subscriptions-rule.png') })
    expect(await seriousViolations(page)).toEqual([])
    await ruleDialog.getByRole('button', { name: 'Save the rule' }).click()
    await expect(ruleDialog).toBeHidden()
    await expect(
      sidebar(page).getByRole('button', { name: 'Rule for saved search Speculation (on)' }),
    ).toBeVisible()
    await page.getByRole('searchbox', { name: 'Search papers' }).fill('')

    // The Subscriptions dialog, by its key: nothing followed yet.
    await page.getByRole('option').first().click()
    await page.keyboard.press('Shift+F')
    await expect(dialog(page)).toContainText('Nothing followed yet')
    const form = dialog(page).getByRole('form', { name: 'Add a subscription' })

    // An archive arXiv does not have is refused with the reason, and nothing is added.
    await form.getByRole('combobox', { name: 'Follow' }).selectOption('arXiv category')
    await form.getByRole('textbox', { name: 'Category' }).fill('bio.NE')
    await form.getByRole('button', { name: 'Add' }).click()
    await expect(form.getByRole('alert')).toContainText('"bio"')
    await expect(dialog(page).getByRole('list', { name: 'Followed' })).toBeHidden()

    await form.getByRole('textbox', { name: 'Category' }).fill('cs.LG')
    await form.getByRole('button', { name: 'Add' }).click()
    await form.getByRole('combobox', { name: 'Follow' }).selectOption('Hugging Face Daily Papers')
    await form.getByLabel('From').fill(utcDay(-2))
    await form.getByRole('button', { name: 'Add' }).click()
    const inDialog = dialog(page).getByRole('list', { name: 'Followed' }).getByRole('listitem')
    await expect(inDialog).toHaveCount(2)
    await expect(inDialog.filter({ hasText: 'Hugging Face Daily Papers' })).toContainText(
      'not fetched yet',
    )
    await expect(inDialog.filter({ hasText: 'arXiv cs.LG' })).toBeVisible()
    expect(
      library.subscriptions
        .status()
        .subscriptions.map((s) => s.label)
        .sort(),
    ).toEqual(['Hugging Face Daily Papers', 'arXiv cs.LG'])
    await page.screenshot({ path: join(SCREENSHOTS_DIR, 'subscriptions-dialog.png') })
    expect(await seriousViolations(page)).toEqual([])
    await page.keyboard.press('Escape')
    await expect(dialog(page)).toBeHidden()

    // Fetch now from the sidebar: it says what it fetches as it does.
    await panel(page)
      .getByRole('button', { name: /Fetch now/ })
      .click()
    await expect(panel(page).getByRole('status')).toHaveText('Fetching Hugging Face Daily Papers…')
    await page.screenshot({ path: join(SCREENSHOTS_DIR, 'subscriptions-fetching.png') })

    // The pass ends: yesterday's digest in the sidebar with its three papers, and the rule's
    // effects in the toast.
    const digest = sidebar(page).getByRole('button', {
      name: new RegExp(`^${sidebarDay(yesterday)}`),
    })
    await expect(digest).toContainText('/3', { timeout: 30_000 })
    await expect(toast(page)).toContainText(
      'Rules: 2 papers tagged #spec, 2 set To read, 2 PDFs queued',
      { timeout: 30_000 },
    )

    // arXiv's failure is that subscription's, in the sidebar, in the library's own words.
    const failure = library.subscriptions
      .status()
      .subscriptions.find((s) => s.label === 'arXiv cs.LG')?.lastFailure
    expect(failure?.message).toBeTruthy()
    const followed = panel(page).getByRole('list', { name: 'Followed' }).getByRole('listitem')
    await expect(followed.filter({ hasText: 'arXiv cs.LG' })).toContainText(
      `arXiv cs.LG: ${failure!.message}`,
    )
    await expect(followed.filter({ hasText: 'Hugging Face Daily Papers' })).toContainText(
      /^Hugging Face Daily Papersfetched /,
    )

    await digest.click()
    const rows = page.getByRole('listbox').getByRole('option')
    await expect(rows).toHaveCount(3)
    for (const paper of papers) await expect(rows.filter({ hasText: paper.title })).toHaveCount(1)

    // The two papers on speculative decoding are tagged, To read and get their PDFs.
    for (const title of papers.slice(0, 2).map((p) => p.title)) {
      await expect(rows.filter({ hasText: title })).toContainText('PDF', { timeout: 30_000 })
      const paper = paperByTitle(library, title)
      expect(paper.tags).toEqual(['spec'])
      expect(paper.status).toBe('to-read')
    }
    const other = paperByTitle(library, papers[2]!.title)
    expect([other.tags, other.status]).toEqual([[], 'new'])
    expect(
      server.requests
        .filter((r) => r.path.startsWith('/pdf/'))
        .map((r) => r.path)
        .sort(),
    ).toEqual(['/pdf/2611.01001', '/pdf/2611.02001'])
    await page.screenshot({ path: join(SCREENSHOTS_DIR, 'subscriptions-fetched.png') })
    expect(await seriousViolations(page)).toEqual([])

    // Ctrl+Z takes back what the rules did, as one change.
    await rows.first().click()
    await page.keyboard.press('Control+z')
    await expect(toast(page)).toContainText('Undone: Rules: 2 papers tagged #spec')
    for (const title of papers.slice(0, 2).map((p) => p.title)) {
      await expect
        .poll(() => {
          const paper = paperByTitle(library, title)
          return [paper.tags, paper.status]
        })
        .toEqual([[], 'new'])
    }
    await expect(sidebar(page).getByRole('button', { name: /^#spec/ })).toBeHidden()
    await app.close()
  })

  test('offline is said quietly, without a failure; a second fetch brings nothing new', async ({
    libraryDir,
  }) => {
    const yesterday = utcDay(-1)
    server.hfDay(yesterday, dailyPapers(yesterday))
    const app = await launchApp({ libraryDir, hfBaseUrl: server.baseUrl })
    const { page, library } = app
    await library.subscriptions.add({ kind: 'hf-daily', since: utcDay(-2) })
    await page.reload()
    await page.locator('html[data-ready]').waitFor({ state: 'attached' })

    await page.getByRole('option').first().click()
    await page.keyboard.press('Shift+U')
    const digest = sidebar(page).getByRole('button', {
      name: new RegExp(`^${sidebarDay(yesterday)}`),
    })
    await expect(digest).toContainText('0/3', { timeout: 30_000 })
    await expect(toast(page)).toContainText('Fetched 3 new papers')

    await server.refuse()
    await page.keyboard.press('Shift+U')
    await expect(panel(page).getByRole('status')).toHaveText('Offline — will try again', {
      timeout: 30_000,
    })
    await expect(panel(page).getByRole('listitem')).toContainText(['Hugging Face Daily Papers'])
    await expect(panel(page).locator('.subscription-failure')).toHaveCount(0)
    expect(library.subscriptions.status().subscriptions[0]!.lastFailure).toBeNull()
    await expect(page.locator('.message-bar')).toBeEmpty()
    await page.screenshot({ path: join(SCREENSHOTS_DIR, 'subscriptions-offline.png') })

    await server.accept()
    await page.keyboard.press('Shift+U')
    await expect(toast(page)).toContainText('Nothing new from the subscriptions', {
      timeout: 30_000,
    })
    await expect(digest).toContainText('0/3')
    await app.close()
  })
})
