import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { pdfOfPages } from '../testing/annotatedPaper'
import { SEED_DIGEST } from '../testing/tempDirs'
import { createSyncState } from './capture/syncState'
import { EMPTIED_FOLDER_NOTICE } from './folderChecks'
import { devicesDir } from './folder/layout'
import { SNAPSHOT_EVERY_OPS } from './pass'
import { createSyncLibrary, LOCAL_POLL_MS, PERIODIC_PASS_MS } from './syncLibrary'
import { readingState, useSyncLibraries } from './testing/syncLibraries'
import type { Library } from '../library'

const setUp = useSyncLibraries()

/** The seed imported in `library`, with statuses, tags and a note on a few papers. */
async function seeded(library: Library) {
  await library.importFiles([SEED_DIGEST], { year: 2024 })
  const papers = library.listPapers()
  library.setStatus(papers[0]!.id, 'reading')
  library.setStatus(papers[0]!.id, 'read')
  library.setStatus(papers[1]!.id, 'to-read')
  library.addTags(papers[0]!.id, ['robotics', 'Favourite'])
  library.addTags(papers[2]!.id, ['robotics'])
  library.saveNote(papers[0]!.id, 'First line\nSecond line\nThird line\n')
  return papers
}

const historyOf = (library: Library, title: string) => {
  const paper = library.listPapers().find((p) => p.title === title)!
  return library.getPaper(paper.id).statusHistory
}

describe('two libraries through one folder', () => {
  it('the seed imported on one, with statuses, tags and a note, arrives whole on the other', async () => {
    const sync = setUp()
    const a = sync.library('a')
    const b = sync.library('b')
    const papers = await seeded(a)

    await a.sync.setup(sync.folder, 'Laptop')
    const joined = await b.sync.setup(sync.folder, 'Desktop')
    expect(joined.problem).toBeNull()
    expect(readingState(b)).toEqual(readingState(a))
    expect(b.listPapers()).toHaveLength(38)
    expect(historyOf(b, papers[0]!.title)).toEqual(historyOf(a, papers[0]!.title))
    expect(b.listDigests().map((d) => [d.date, d.paperCount])).toEqual([['2024-08-06', 38]])

    // A learns of B (and B wrote nothing new: nothing comes back to change).
    const report = await a.sync.pass()
    expect(report).toMatchObject({ applied: 0, skipped: 0, papersAdded: 0 })
    expect(a.sync.status().devices.map((d) => [d.name, d.thisDevice])).toEqual([
      ['Laptop', true],
      ['Desktop', false],
    ])
  })
})

/** A and B set up on one folder with the seed (imported on A) on both. */
async function twoSynced() {
  const sync = setUp()
  const a = sync.library('a')
  const b = sync.library('b')
  const papers = await seeded(a)
  await a.sync.setup(sync.folder, 'Laptop')
  await b.sync.setup(sync.folder, 'Desktop')
  await a.sync.pass()
  const idIn = (library: Library, title: string) =>
    library.listPapers().find((p) => p.title === title)!.id
  return { sync, a, b, papers, idIn }
}

describe('changes after joining', () => {
  it('a change is applied on the other device after its segment arrives, both ways', async () => {
    const { a, b, papers, idIn } = await twoSynced()
    const title = papers[5]!.title
    a.setStatus(idIn(a, title), 'reading')
    b.addTags(idIn(b, papers[6]!.title), ['later'])

    const wrote = await a.sync.pass()
    expect(wrote.wrote).toBe(1)
    const applied = await b.sync.pass()
    expect(applied).toMatchObject({ wrote: 1, applied: 1, devicesApplied: 1, skipped: 0 })
    expect(b.getPaper(idIn(b, title)).status).toBe('reading')
    await a.sync.pass()
    expect(a.getPaper(idIn(a, papers[6]!.title)).tags).toEqual(['later'])
    expect(readingState(a)).toEqual(readingState(b))
  })

  it('edits of one note on both devices: different lines merge, the same line keeps both texts', async () => {
    const { a, b, papers, idIn } = await twoSynced()
    const title = papers[0]!.title
    a.saveNote(idIn(a, title), 'First line, edited on the laptop\nSecond line\nThird line\n')
    b.saveNote(idIn(b, title), 'First line\nSecond line\nThird line, edited on the desktop\n')
    await a.sync.pass()
    const merged = await b.sync.pass()
    expect(merged.notesMerged).toBe(1)
    await a.sync.pass()
    const both =
      'First line, edited on the laptop\nSecond line\nThird line, edited on the desktop\n'
    expect(a.getPaper(idIn(a, title)).note).toBe(both)
    expect(b.getPaper(idIn(b, title)).note).toBe(both)
    expect(a.sync.conflicts()).toEqual([])

    a.saveNote(idIn(a, title), both.replace('Second line', 'Second line, the laptop says'))
    b.saveNote(idIn(b, title), both.replace('Second line', 'Second line, the desktop says'))
    await a.sync.pass()
    const clash = await b.sync.pass()
    expect(clash.conflicts).toBe(1)
    await a.sync.pass()
    const note = a.getPaper(idIn(a, title)).note!
    expect(b.getPaper(idIn(b, title)).note).toBe(note)
    expect(note).toContain('Second line, the laptop says')
    expect(note).toContain('Second line, the desktop says')
    expect(note).toMatch(/^<<<<<<< edit of \d{4}-\d\d-\d\d \d\d:\d\d UTC$/m)
    expect(b.sync.conflicts()).toEqual([
      { paperId: idIn(b, title), title, since: expect.any(Number) },
    ])
    expect(b.sync.status().conflicts).toBe(1)

    // Resolving is an edit like any other: it syncs, and the conflict is gone on both.
    b.sync.resolveConflict(idIn(b, title), both)
    expect(b.sync.conflicts()).toEqual([])
    await b.sync.pass()
    await a.sync.pass()
    expect(a.getPaper(idIn(a, title)).note).toBe(both)
    expect(a.sync.conflicts()).toEqual([])
  })
})

describe('a folder that lost its contents', () => {
  it('an emptied folder deletes nothing here, says so, and this device writes its library there again', async () => {
    const { sync, a, b } = await twoSynced()
    const before = readingState(a)
    rmSync(join(sync.folder, 'margin'), { recursive: true })

    const report = await a.sync.pass()
    expect(report.notices).toContain(EMPTIED_FOLDER_NOTICE)
    expect(readingState(a)).toEqual(before)
    expect(a.listPapers()).toHaveLength(38)
    const aId = a.sync.status().deviceId!
    expect(readdirSync(join(devicesDir(sync.folder), aId))).toContain('device.json')

    // B finds only A's files: it deletes nothing either, and writes its own again.
    const other = await b.sync.pass()
    expect(other.notices).toContain(EMPTIED_FOLDER_NOTICE)
    expect(readingState(b)).toEqual(before)

    // The next pass does not find it again, but the status says it for a day.
    expect((await a.sync.pass()).notices).not.toContain(EMPTIED_FOLDER_NOTICE)
    expect(a.sync.status().notices).toContain(EMPTIED_FOLDER_NOTICE)

    // A third library joins from what is there now and gets everything.
    const c = sync.library('c')
    await c.sync.setup(sync.folder, 'Tablet')
    expect(readingState(c)).toEqual(before)
  })

  it('an unreachable folder is the status’s problem and changes nothing', async () => {
    const { sync, a } = await twoSynced()
    const before = readingState(a)
    rmSync(sync.folder, { recursive: true })
    const report = await a.sync.pass()
    expect(report).toMatchObject({ wrote: 0, applied: 0 })
    expect(a.sync.status().problem).toMatch(/cannot be reached \(ENOENT/)
    expect(readingState(a)).toEqual(before)
    expect(existsSync(sync.folder)).toBe(false)
  })
})

describe('setup', () => {
  it("refuses the library's own folder, one inside it and a folder that does not exist", async () => {
    const sync = setUp()
    const a = sync.library('a')
    const own = join(sync.base, 'a')
    await expect(a.sync.setup(own, 'Laptop')).rejects.toThrow(/the library's own folder/)
    await expect(a.sync.setup(join(own, 'files'), 'Laptop')).rejects.toThrow(
      /inside the library's folder|does not exist/,
    )
    await expect(a.sync.setup(sync.base, 'Laptop')).rejects.toThrow(/holds the library's folder/)
    await expect(a.sync.setup(join(sync.base, 'nowhere'), 'Laptop')).rejects.toThrow(
      /does not exist/,
    )
    await expect(a.sync.setup(sync.folder, '  ')).rejects.toThrow(/needs a name/)
    expect(a.sync.status()).toMatchObject({ configured: false, deviceId: null })
  })

  it('keeps the device id with a new folder and writes its state there', async () => {
    const { sync, a } = await twoSynced()
    const id = a.sync.status().deviceId
    const other = join(sync.base, 'Other')
    mkdirSync(other)
    await a.sync.setup(other, 'Laptop')
    expect(a.sync.status()).toMatchObject({ deviceId: id, folder: other, problem: null })
    const c = sync.library('c')
    await c.sync.setup(other, 'Tablet')
    expect(readingState(c)).toEqual(readingState(a))
  })

  it('says what the folder holds that it left unread', async () => {
    const { sync, a, b } = await twoSynced()
    const bDir = join(devicesDir(sync.folder), b.sync.status().deviceId!)
    writeFileSync(join(bDir, 'device (conflicted copy 2024-05-01).json'), '{}')
    writeFileSync(join(bDir, '.sync-conflict-20240501-101010-ABCDEFG.jsonl'), '{}')
    const report = await a.sync.pass()
    expect(report.notices.join('\n')).toMatch(/2 conflict copies/)
  })
})

describe('clocks', () => {
  it("says when another device's clock runs far ahead, and still applies its changes", async () => {
    const { sync, a, papers, idIn } = await twoSynced()
    const ahead = sync.library('c', { now: () => Date.now() + 3 * 86_400_000 })
    await ahead.sync.setup(sync.folder, 'Tablet')
    ahead.setStatus(idIn(ahead, papers[9]!.title), 'not-reading')
    await ahead.sync.pass()
    const report = await a.sync.pass()
    expect(report.notices).toContain(
      "Tablet's clock is 3 days ahead of this computer's; its changes are still applied in order.",
    )
    expect(a.getPaper(idIn(a, papers[9]!.title)).status).toBe('not-reading')
    const tablet = a.sync.status().devices.find((d) => d.name === 'Tablet')!
    expect(tablet.clockAheadMs).toBeGreaterThan(2.9 * 86_400_000)
  })
})

describe('in the background (start)', () => {
  it('applies what another device wrote soon after it lands in the folder', async () => {
    const { a, b, papers, idIn } = await twoSynced()
    b.sync.start()
    const applied = new Promise((resolve) => b.sync.onApplied(resolve))
    a.setStatus(idIn(a, papers[3]!.title), 'read')
    await a.sync.pass()
    await applied
    expect(b.getPaper(idIn(b, papers[3]!.title)).status).toBe('read')
    await b.sync.stop()
  })

  it('writes local changes a little after they stop, without being asked', async () => {
    const { sync, a, papers, idIn } = await twoSynced()
    a.sync.start()
    a.addTags(idIn(a, papers[4]!.title), ['soon'])
    expect(a.sync.status().pending).toBe(1)
    const deadline = Date.now() + 10_000
    while (a.sync.status().pending > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
    expect(a.sync.status().pending).toBe(0)
    await a.sync.stop()
    const c = sync.library('c')
    await c.sync.setup(sync.folder, 'Tablet')
    expect(c.getPaper(idIn(c, papers[4]!.title)).tags).toEqual(['soon'])
  })
})

describe('attached PDFs', () => {
  it('are copied into the folder by hash and fetched by the other device; big ones only announced', async () => {
    const { sync, a, b, papers, idIn } = await twoSynced()
    const data = await pdfOfPages(2)
    const attached = await a.pdfs.attach(idIn(a, papers[0]!.title), { name: 'mine.pdf', data })
    const sha = attached.files[0]!.sha256
    await a.sync.pass()
    const aId = a.sync.status().deviceId!
    expect(readdirSync(join(devicesDir(sync.folder), aId, 'files'))).toEqual([`${sha}.pdf`])

    const report = await b.sync.pass()
    expect(report.filesFetched).toBe(1)
    const files = b.getPaper(idIn(b, papers[0]!.title)).files
    expect(files.map((f) => [f.sha256, f.origin])).toEqual([[sha, 'mine.pdf']])
    expect(b.sync.status()).toMatchObject({ filesWaiting: 0, pending: 0 })
    // Fetched, not attached by the person: B does not announce it again.
    expect((await b.sync.pass()).wrote).toBe(0)

    a.sync.setFileSizeLimit(100)
    await a.pdfs.attach(idIn(a, papers[1]!.title), { name: 'big.pdf', data: await pdfOfPages(3) })
    await a.sync.pass()
    expect(readdirSync(join(devicesDir(sync.folder), aId, 'files'))).toHaveLength(1)
    await b.sync.pass()
    expect(b.sync.status().filesWaiting).toBe(1)
    expect(b.getPaper(idIn(b, papers[1]!.title)).files).toEqual([])
  })
})

describe('the log over time', () => {
  it('after 5,000 own operations a snapshot replaces the segments every device has read', async () => {
    const { sync, a, b, papers, idIn } = await twoSynced()
    const ids = papers.map((p) => idIn(a, p.title))
    const statuses = ['to-read', 'reading'] as const
    for (let round = 0; round < Math.ceil(SNAPSHOT_EVERY_OPS / ids.length); round++) {
      a.setStatuses(ids.map((id) => ({ id, status: statuses[round % 2]! })))
    }
    await a.sync.pass()
    const aDir = join(devicesDir(sync.folder), a.sync.status().deviceId!)
    const snapshots = () => readdirSync(aDir).filter((n) => n.startsWith('snapshot-'))
    expect(snapshots()).toHaveLength(1)
    expect(snapshots()[0]).not.toBe('snapshot-000000000000.jsonl')
    // B has not read them yet: they stay.
    expect(readdirSync(join(aDir, 'ops')).length).toBeGreaterThan(0)
    await b.sync.pass()
    await a.sync.pass()
    expect(readdirSync(join(aDir, 'ops'))).toEqual([])
    expect(readingState(b)).toEqual(readingState(a))

    // A newcomer joins from the snapshot alone, and has every change in the history.
    const c = sync.library('c')
    await c.sync.setup(sync.folder, 'Tablet')
    expect(readingState(c)).toEqual(readingState(a))
    const title = papers[0]!.title
    // (Changes in the same millisecond may be listed in another order: compared as sets.)
    const history = (library: Library) =>
      library
        .getPaper(idIn(library, title))
        .statusHistory.map((change) => JSON.stringify(change))
        .sort()
    expect(history(c)).toEqual(history(a))
    expect(history(c).length).toBeGreaterThan(SNAPSHOT_EVERY_OPS / papers.length)
  })

  it("another device's change about a paper this library does not have yet waits for it", async () => {
    const sync = setUp()
    const early = sync.library('early')
    const late = sync.library('late')
    const reader = sync.library('reader')
    // Devices are read in the order of their ids: the one that changes the paper comes first.
    createSyncState(early.db).setDevice({
      id: 'a'.repeat(16),
      name: 'E',
      folder: null,
      createdAt: 1,
    })
    createSyncState(late.db).setDevice({
      id: 'z'.repeat(16),
      name: 'L',
      folder: null,
      createdAt: 1,
    })
    await late.sync.setup(sync.folder, 'Importer')
    await early.sync.setup(sync.folder, 'Reader one')
    await reader.sync.setup(sync.folder, 'Reader two')

    await late.importFiles([SEED_DIGEST], { year: 2024 })
    await late.sync.pass()
    await early.sync.pass()
    const title = late.listPapers()[0]!.title
    const id = early.listPapers().find((p) => p.title === title)!.id
    early.setStatus(id, 'read')
    await early.sync.pass()

    const report = await reader.sync.pass()
    expect(report).toMatchObject({ papersAdded: 38, skipped: 0 })
    expect(reader.listPapers().find((p) => p.title === title)!.status).toBe('read')
    expect(
      reader.db.prepare("SELECT count(*) AS n FROM sync_state WHERE key LIKE 'deferred:%'").get(),
    ).toEqual({ n: 0 })
  })
})

describe('two devices watching one folder', () => {
  it('settle after a change: no pass answers the other forever', async () => {
    const { a, b, papers, idIn } = await twoSynced()
    let passes = 0
    for (const library of [a, b]) {
      library.sync.onChange((status) => {
        if (status.syncing) passes += 1
      })
      library.sync.start()
    }
    const applied = new Promise((resolve) => b.sync.onApplied(resolve))
    a.setStatus(idIn(a, papers[7]!.title), 'read')
    await applied
    await new Promise((resolve) => setTimeout(resolve, 2_000))
    const settled = passes
    await new Promise((resolve) => setTimeout(resolve, 3_000))
    expect(passes).toBe(settled)
    await Promise.all([a.sync.stop(), b.sync.stop()])
  })
})

describe('a snapshot still arriving', () => {
  it("a device's log waits for its snapshot (the library it had at setup), then both apply", async () => {
    const sync = setUp()
    const a = sync.library('a')
    const b = sync.library('b')
    const papers = await seeded(a)
    await a.sync.setup(sync.folder, 'Laptop')
    a.setStatus(papers[3]!.id, 'reading')
    await a.sync.pass()
    const aDir = join(devicesDir(sync.folder), a.sync.status().deviceId!)
    const snapshot = readdirSync(aDir).find((name) => name.startsWith('snapshot-'))!
    const bytes = readFileSync(join(aDir, snapshot))
    // Half of it has arrived: no end line yet.
    writeFileSync(join(aDir, snapshot), bytes.subarray(0, bytes.length >> 1))

    await b.sync.setup(sync.folder, 'Desktop')
    expect(b.listPapers()).toEqual([])
    expect(b.sync.status().devices.find((d) => d.name === 'Laptop')).toBeDefined()

    writeFileSync(join(aDir, snapshot), bytes)
    const report = await b.sync.pass()
    expect(report.papersAdded).toBe(38)
    expect(readingState(b)).toEqual(readingState(a))
    expect(b.getPaper(b.listPapers().find((p) => p.title === papers[3]!.title)!.id).status).toBe(
      'reading',
    )
  })

  it('a device whose snapshot was taken away writes it again (others join by it)', async () => {
    const { sync, a } = await twoSynced()
    const aDir = join(devicesDir(sync.folder), a.sync.status().deviceId!)
    const snapshot = readdirSync(aDir).find((name) => name.startsWith('snapshot-'))!
    renameSync(join(aDir, snapshot), join(sync.base, 'elsewhere.jsonl'))
    const report = await a.sync.pass()
    expect(report.notices).not.toContain(EMPTIED_FOLDER_NOTICE)
    expect(readdirSync(aDir)).toContain(snapshot)
  })
})

describe('watching a folder that is emptied', () => {
  it('writes its files there again and goes on watching the new folder', async () => {
    const { sync, a, b, papers, idIn } = await twoSynced()
    b.sync.start()
    await until(() => !b.sync.status().syncing)
    rmSync(join(sync.folder, 'margin'), { recursive: true })
    const bDir = join(devicesDir(sync.folder), b.sync.status().deviceId!)
    await until(() => existsSync(bDir) && b.sync.status().notices.includes(EMPTIED_FOLDER_NOTICE))

    const applied = new Promise((resolve) => b.sync.onApplied(resolve))
    a.setStatus(idIn(a, papers[8]!.title), 'read')
    await a.sync.pass()
    await applied
    expect(b.getPaper(idIn(b, papers[8]!.title)).status).toBe('read')
    await b.sync.stop()
  })
})

/** Resolves once `check` holds, looking every 50 ms; fails after 10 s. */
async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000
  while (!check()) {
    if (Date.now() > deadline) throw new Error('the awaited state never came')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

describe('the schedule (start)', () => {
  /** Timers a test fires by hand. */
  function handTimers() {
    const intervals = new Map<number, { run: () => void; ms: number }>()
    const timeouts = new Map<number, () => void>()
    let next = 1
    return {
      timers: {
        setTimeout: (run: () => void) => (timeouts.set(next, run), next++),
        clearTimeout: (handle: unknown) => void timeouts.delete(handle as number),
        setInterval: (run: () => void, ms: number) => (intervals.set(next, { run, ms }), next++),
        clearInterval: (handle: unknown) => void intervals.delete(handle as number),
      },
      /** Fires the intervals of `ms` once. */
      tick(ms: number) {
        for (const interval of intervals.values()) if (interval.ms === ms) interval.run()
      },
      fireTimeouts() {
        const due = [...timeouts.values()]
        timeouts.clear()
        for (const run of due) run()
      },
    }
  }

  async function scheduled() {
    const sync = setUp()
    const library = sync.library('a')
    await seeded(library)
    await library.sync.setup(sync.folder, 'Laptop')
    const hand = handTimers()
    const events: string[] = []
    const scheduler = createSyncLibrary({
      db: library.db,
      now: Date.now,
      libraryDir: join(sync.base, 'a'),
      pdfs: library.pdfs,
      indexChanged: () => {},
      saveNote: library.saveNote,
      timers: hand.timers,
      watch: (root, onEvent) => {
        // As fs.watch: a folder that is not there cannot be watched.
        if (!existsSync(root)) throw new Error(`ENOENT: ${root}`)
        events.push(`watch ${root}`)
        watched = onEvent
        return { close: () => events.push('closed') }
      },
    })
    let watched: (path: string | null) => void = () => {}
    let passes = 0
    scheduler.onChange((status) => {
      if (status.syncing) passes += 1
    })
    const settle = async () => {
      for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve))
      while (scheduler.status().syncing) await new Promise((resolve) => setTimeout(resolve, 10))
    }
    return {
      sync,
      library,
      scheduler,
      hand,
      events,
      passes: () => passes,
      settle,
      folderEvent: (path: string) => watched(path),
    }
  }

  it('passes after local changes stay for 2 s, after folder events but not its own, every 5 minutes', async () => {
    const { library, scheduler, hand, events, passes, settle, folderEvent } = await scheduled()
    scheduler.start()
    expect(events[0]).toMatch(/^watch .*margin\/v1$/)
    await settle()
    expect(passes()).toBe(1)

    library.setStatus(library.listPapers()[10]!.id, 'reading')
    hand.tick(LOCAL_POLL_MS)
    await settle()
    expect(passes()).toBe(1)
    hand.tick(LOCAL_POLL_MS)
    await settle()
    expect(passes()).toBe(2)
    expect(scheduler.status().pending).toBe(0)

    folderEvent(`devices/${scheduler.status().deviceId}/device.json`)
    hand.fireTimeouts()
    await settle()
    expect(passes()).toBe(2)
    folderEvent('devices/0123456789abcdef/ops/000000000001-000000000001.jsonl')
    hand.fireTimeouts()
    await settle()
    expect(passes()).toBe(3)

    hand.tick(PERIODIC_PASS_MS)
    await settle()
    expect(passes()).toBe(4)
    await scheduler.stop()
    expect(events).toContain('closed')
  })

  it('does not try an unreachable folder every 2 s for the same changes', async () => {
    const { sync, library, scheduler, hand, passes, settle } = await scheduled()
    scheduler.start()
    await settle()
    rmSync(sync.folder, { recursive: true })
    library.setStatus(library.listPapers()[10]!.id, 'reading')
    for (let i = 0; i < 5; i++) {
      hand.tick(LOCAL_POLL_MS)
      await settle()
    }
    expect(passes()).toBe(2)
    expect(scheduler.status().problem).toMatch(/cannot be reached/)
    library.setStatus(library.listPapers()[11]!.id, 'reading')
    hand.tick(LOCAL_POLL_MS)
    hand.tick(LOCAL_POLL_MS)
    await settle()
    expect(passes()).toBe(3)
    await scheduler.stop()
  })
})
