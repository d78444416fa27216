import { afterEach, describe, expect, it } from 'vitest'
import type { SearchRule } from '../../../shared/models'
import { openLibrary, type Library } from '../library'
import { fakeClock } from '../testing/fakeClock'
import { useTempDir } from '../testing/tempDirs'

const tempDir = useTempDir()
const open: Library[] = []
afterEach(() => {
  for (const library of open.splice(0)) library.close()
})

/** A day of the Hugging Face daily papers API: [arXiv id, title, summary]. */
function hfDay(day: string, papers: Array<[string, string, string]>) {
  const entries = papers.map(([id, title, summary]) => ({
    paper: { id, title, summary, authors: [{ name: 'Ada Lovelace' }], upvotes: 3 },
    publishedAt: `${day}T03:00:00.000Z`,
  }))
  return { name: `hf-daily-${day}.json`, data: new TextEncoder().encode(JSON.stringify(entries)) }
}

const DIFFUSION_OLD: [string, string, string] = [
  '2601.00001',
  'Diffusion models for proteins',
  'We study diffusion.',
]

/**
 * A library that had one day (a diffusion paper and a serving paper), then got a second day:
 * the diffusion paper again (merged) and three new ones, two about diffusion.
 */
async function libraryAfterFetch() {
  const clock = fakeClock()
  const library = openLibrary(tempDir(), { now: clock.now, sleep: clock.sleep })
  open.push(library)
  await library.importContents([
    hfDay('2026-01-04', [DIFFUSION_OLD, ['2601.00002', 'Serving LLMs fast', 'Throughput.']]),
  ])
  const before = new Set(library.listPapers().map((p) => p.id))
  clock.advance(60_000)
  await library.importContents([
    hfDay('2026-01-05', [
      DIFFUSION_OLD,
      ['2601.00003', 'Latent diffusion for video', 'Frames by diffusion.'],
      ['2601.00004', 'Guided sampling', 'A diffusion sampler with guidance.'],
      ['2601.00005', 'Sparse attention kernels', 'Faster attention.'],
    ]),
  ])
  const byArxiv = (arxivId: string) => library.listPapers().find((p) => p.arxivId === arxivId)!.id
  const newIds = library
    .listPapers()
    .map((p) => p.id)
    .filter((id) => !before.has(id))
  return { library, clock, byArxiv, newIds }
}

function saveWithRule(library: Library, name: string, query: string, rule: SearchRule) {
  library.saveSearch(name, query)
  const id = library.listSavedSearches().find((s) => s.name === name)!.id
  return library.setSearchRule(id, rule)
}

/** The library ids of these arXiv ids, as a tuple of the same length. */
const arxivIds = <T extends string[]>(byArxiv: (id: string) => number, ...ids: T) =>
  ids.map(byArxiv) as { [K in keyof T]: number }
const tagsOf = (library: Library, id: number) => library.getPaper(id).tags
const waiting = (library: Library) => library.downloads.waiting().map((w) => w.arxivId)

describe('saved search rules on fetched papers', () => {
  it('act only on the new papers their search matches: tag, To read in the history, PDF queued', async () => {
    const { library, byArxiv, newIds, clock } = await libraryAfterFetch()
    saveWithRule(library, 'Diffusion', 'diffusion', {
      tag: 'diffusion',
      toRead: true,
      downloadPdf: true,
    })
    library.saveSearch('Attention, no rule', 'attention')
    const [video, guided, merged, sparse] = arxivIds(
      byArxiv,
      '2601.00003',
      '2601.00004',
      '2601.00001',
      '2601.00005',
    )

    const effects = library.rules.apply(newIds)

    expect(effects).toEqual({
      previous: expect.arrayContaining([
        { id: video, status: 'new' },
        { id: guided, status: 'new' },
      ]),
      tagged: expect.arrayContaining([
        { id: video, tag: 'diffusion' },
        { id: guided, tag: 'diffusion' },
      ]),
      queued: expect.arrayContaining([video, guided]),
    })
    expect(effects.previous).toHaveLength(2)
    expect(effects.tagged).toHaveLength(2)
    expect(effects.queued).toHaveLength(2)
    for (const id of [video, guided]) {
      const paper = library.getPaper(id)
      expect(paper.status).toBe('to-read')
      expect(paper.tags).toEqual(['diffusion'])
      expect(paper.statusHistory).toEqual([{ from: 'new', to: 'to-read', at: clock.now() }])
    }
    // The paper the library had matches too, but it was merged, not new: untouched.
    expect(library.getPaper(merged)).toMatchObject({ status: 'new', tags: [], statusHistory: [] })
    expect(library.getPaper(sparse)).toMatchObject({ status: 'new', tags: [] })
    expect(waiting(library).toSorted()).toEqual(['2601.00003', '2601.00004'])
  })

  it('list each change once when two rules act on the same paper, and do nothing without new papers', async () => {
    const { library, byArxiv, newIds } = await libraryAfterFetch()
    saveWithRule(library, 'Diffusion', 'diffusion', {
      tag: 'to skim',
      toRead: true,
      downloadPdf: true,
    })
    saveWithRule(library, 'Video', 'video', { tag: 'To Skim', toRead: true, downloadPdf: true })
    const video = byArxiv('2601.00003')

    const effects = library.rules.apply(newIds)

    expect(effects.previous.filter((p) => p.id === video)).toEqual([{ id: video, status: 'new' }])
    expect(effects.tagged.filter((t) => t.id === video)).toEqual([{ id: video, tag: 'to skim' }])
    expect(effects.queued.filter((id) => id === video)).toEqual([video])
    expect(library.getPaper(video).statusHistory).toHaveLength(1)
    expect(library.rules.apply([])).toEqual({ previous: [], tagged: [], queued: [] })
  })

  it('leave a paper To read that the person changed before the rule reached it', async () => {
    const { library, byArxiv, newIds } = await libraryAfterFetch()
    const guided = byArxiv('2601.00004')
    library.setStatus(guided, 'reading')
    saveWithRule(library, 'Diffusion', 'diffusion', { tag: null, toRead: true, downloadPdf: false })

    const effects = library.rules.apply(newIds)

    expect(effects.previous).toEqual([{ id: byArxiv('2601.00003'), status: 'new' }])
    expect(library.getPaper(guided).status).toBe('reading')
    expect(effects).toMatchObject({ tagged: [], queued: [] })
  })

  it('are undone as a batch: statuses back in the history, tags off, only their downloads cancelled', async () => {
    const { library, byArxiv, newIds, clock } = await libraryAfterFetch()
    const [video, guided, sparse] = arxivIds(byArxiv, '2601.00003', '2601.00004', '2601.00005')
    library.downloads.enqueue([sparse])
    saveWithRule(library, 'Diffusion', 'diffusion', {
      tag: 'diffusion',
      toRead: true,
      downloadPdf: true,
    })
    const effects = library.rules.apply(newIds)
    clock.advance(5_000)
    // Read since: the undo leaves the person's own change alone.
    library.setStatus(guided, 'read')

    library.rules.undo(effects)

    expect(library.getPaper(video).status).toBe('new')
    expect(library.getPaper(video).statusHistory.map(({ from, to }) => [from, to])).toEqual([
      ['new', 'to-read'],
      ['to-read', 'new'],
    ])
    expect(library.getPaper(guided).status).toBe('read')
    expect(tagsOf(library, video)).toEqual([])
    expect(tagsOf(library, guided)).toEqual([])
    expect(library.tagCounts()).toEqual([])
    expect(waiting(library)).toEqual(['2601.00005'])
  })

  it('keep a tag the paper had before the rule', async () => {
    const { library, byArxiv, newIds } = await libraryAfterFetch()
    const video = byArxiv('2601.00003')
    library.addTags(video, ['Diffusion'])
    saveWithRule(library, 'Diffusion', 'diffusion', {
      tag: 'diffusion',
      toRead: false,
      downloadPdf: false,
    })

    const effects = library.rules.apply(newIds)
    library.rules.undo(effects)

    expect(effects.tagged).toEqual([{ id: byArxiv('2601.00004'), tag: 'diffusion' }])
    expect(tagsOf(library, video)).toEqual(['Diffusion'])
  })
})

describe('library.setSearchRule', () => {
  it('stores the rule with the saved search, and null or a rule that does nothing removes it', async () => {
    const dir = tempDir()
    const library = openLibrary(dir)
    open.push(library)
    library.saveSearch('Diffusion', 'diffusion')
    const id = library.listSavedSearches()[0]!.id
    expect(library.listSavedSearches()[0]!.rule).toBeNull()

    const rule = { tag: '  to   skim ', toRead: true, downloadPdf: false }
    expect(library.setSearchRule(id, rule)[0]!.rule).toEqual({
      tag: 'to skim',
      toRead: true,
      downloadPdf: false,
    })
    library.close()
    open.splice(0)
    const reopened = openLibrary(dir)
    open.push(reopened)
    expect(reopened.listSavedSearches()[0]!.rule).toEqual({
      tag: 'to skim',
      toRead: true,
      downloadPdf: false,
    })
    expect(
      reopened.setSearchRule(id, { tag: null, toRead: false, downloadPdf: false })[0]!.rule,
    ).toBeNull()
    reopened.setSearchRule(id, { tag: null, toRead: false, downloadPdf: true })
    expect(reopened.setSearchRule(id, null)[0]!.rule).toBeNull()
  })

  it('refuses a tag that is not one and a saved search that is not there, changing nothing', () => {
    const library = openLibrary(tempDir())
    open.push(library)
    library.saveSearch('Diffusion', 'diffusion')
    const id = library.listSavedSearches()[0]!.id
    expect(() => library.setSearchRule(id, { tag: ' ', toRead: true, downloadPdf: false })).toThrow(
      /" " is not a tag/,
    )
    expect(() =>
      library.setSearchRule(id + 1, { tag: null, toRead: true, downloadPdf: false }),
    ).toThrow(`There is no saved search with id ${id + 1}.`)
    expect(library.listSavedSearches()[0]!.rule).toBeNull()
  })
})
