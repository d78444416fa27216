/// <reference lib="dom" />
import type { Page } from '@playwright/test'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { launchApp, SEEDS_DIR } from '../e2e/harness'
import { openLibrary } from '../src/main/library/library'
import { paperPdf } from '../src/main/library/testing/paperPdf'
import { fail, percentiles } from './benchUtil'
import { ensureRendererBuilt } from './rendererBuild'

/**
 * (a) of bench:pdf: from opening a paper to its first PDF page painted, in the real renderer in
 * Chromium (the e2e harness: real handlers, real library, PDFs served by the library's protocol
 * handler). With the reader open, a click on a paper's row in the list opens that paper's PDF;
 * two papers with PDFs of the same size take turns, so every open is a new document.
 *
 * Start: the click's pointerdown (its event time, in the page). End: the reader's
 * `margin:first-page-painted` mark (set when page 1's canvas is in the page), then the next
 * frame (requestAnimationFrame, then a task), when that canvas has been painted.
 */

export interface PaintFigures {
  opens: number
  marker: string
  /** The session's first PDF open (pdf.js's worker and code loaded), not in the figures. */
  firstOpenMs: number
  sizes: Array<{ pages: number; p50: number; p95: number; markP95: number }>
}

const SIZES = [10, 30, 300]
const MARK = 'margin:first-page-painted'

interface PaintRecord {
  action: number
  mark: number
  frame: number | null
}

interface BenchWindow {
  __paints: PaintRecord[]
  __lastAction: number
}

export async function measureFirstPagePaint(
  libraryDir: string,
  opens: number,
  seed: number,
): Promise<PaintFigures> {
  ensureRendererBuilt()
  const pairs = await preparePapers(libraryDir, seed)
  progress('launching the app (e2e harness) for the first page painted')
  const app = await launchApp({ libraryDir })
  try {
    const { page } = app
    await page.evaluate(installProbe, MARK)

    // Into reading mode once: the first paper, then its PDF.
    const first = pairs[0]!.papers[0]!
    await row(page, first.title).click()
    await page.getByRole('button', { name: /Read the PDF/ }).click()
    const firstOpen = await nextPaint(page, 0, first.title)
    let shown = first.title

    const sizes: PaintFigures['sizes'] = []
    for (const pair of pairs) {
      progress(`opening ${pair.pages}-page PDFs ${opens} times`)
      const totals: number[] = []
      const marks: number[] = []
      for (let open = 0; open < opens; open++) {
        // The first open of a size starts from the other paper, so it too is a switch.
        const paper = pair.papers[(open + 1) % 2]!
        if (open === 0 && shown !== pair.papers[0]!.title) {
          const count = await paintCount(page)
          await row(page, pair.papers[0]!.title).click()
          await nextPaint(page, count, pair.papers[0]!.title)
        }
        const before = await paintCount(page)
        await row(page, paper.title).click()
        const record = await nextPaint(page, before, paper.title)
        shown = paper.title
        totals.push(record.frame! - record.action)
        marks.push(record.mark - record.action)
      }
      const { p50, p95 } = percentiles(totals)
      sizes.push({ pages: pair.pages, p50, p95, markP95: percentiles(marks).p95 })
    }
    return {
      opens,
      marker: `pointerdown on the row -> '${MARK}' + next frame`,
      firstOpenMs: firstOpen.frame! - firstOpen.action,
      sizes,
    }
  } finally {
    await app.close()
  }
}

/**
 * The sample digest's first papers, two for each size, each with its own PDF attached through
 * the library (text extracted before the app starts, so nothing else competes for the CPU).
 */
async function preparePapers(libraryDir: string, seed: number) {
  progress('attaching PDFs of 10, 30 and 300 pages to the sample papers')
  const library = openLibrary(libraryDir)
  try {
    const seeds = readdirSync(SEEDS_DIR)
      .filter((name) => name.endsWith('.txt'))
      .map((name) => join(SEEDS_DIR, name))
    await library.importFiles(seeds)
    const papers = library.listPapers().slice(0, SIZES.length * 2)
    if (papers.length < SIZES.length * 2) fail('the sample library has too few papers')
    const pairs = SIZES.map((pages, index) => ({
      pages,
      papers: [papers[2 * index]!, papers[2 * index + 1]!],
    }))
    for (const [index, pair] of pairs.entries()) {
      for (const [k, paper] of pair.papers.entries()) {
        const pdf = await paperPdf({
          pages: pair.pages,
          seed: seed * 1000 + index * 10 + k,
          title: paper.title.replace(/[^\x20-\x7e]/g, ''),
          outline: true,
          links: true,
        })
        const name = `paint-${pair.pages}-${k}.pdf`
        await library.pdfs.attach(paper.id, { name, data: pdf.bytes })
      }
    }
    await library.pdfs.whenTextIdle()
    return pairs
  } finally {
    library.close()
  }
}

/** The list row of the paper with this title. */
function row(page: Page, title: string) {
  return page.locator('[role=option]', { hasText: title }).first()
}

/** Runs in the page: when each user action began, when each first page was painted. */
function installProbe(mark: string): void {
  const win = window as unknown as BenchWindow
  win.__paints = []
  win.__lastAction = 0
  document.addEventListener('pointerdown', (event) => (win.__lastAction = event.timeStamp), true)
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.name !== mark) continue
      const record: PaintRecord = { action: win.__lastAction, mark: entry.startTime, frame: null }
      win.__paints.push(record)
      requestAnimationFrame(() => setTimeout(() => (record.frame = performance.now()), 0))
    }
  }).observe({ type: 'mark' })
}

async function paintCount(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as BenchWindow).__paints.length)
}

/** The paint after the first `count`, once its frame is done; checks it is this paper's PDF. */
async function nextPaint(page: Page, count: number, title: string): Promise<PaintRecord> {
  const handle = await page.waitForFunction(
    (n) => {
      const paints = (window as unknown as BenchWindow).__paints
      return paints.length > n && paints[n]!.frame !== null ? paints[n] : null
    },
    count,
    { timeout: 60_000, polling: 'raf' },
  )
  const record = (await handle.jsonValue()) as PaintRecord
  const reader = page.getByRole('region', { name: 'PDF reader' })
  const label = await reader.locator('.pdf-scroller').getAttribute('aria-label')
  if (label !== `${title}: PDF pages`) {
    fail(`the reader shows ${JSON.stringify(label)}, expected the PDF of "${title}"`)
  }
  if (record.action === 0 || record.frame! < record.action) fail('a paint came before its click')
  return record
}

function progress(message: string): void {
  console.error(`[bench:pdf] ${message}`)
}
