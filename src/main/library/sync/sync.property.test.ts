import fc from 'fast-check'
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { READING_STATUSES, type ReadingStatus } from '../../../shared/models'
import { LIBRARY_FILE_NAME } from '../db/openLibrary'
import { openLibrary, type Library } from '../library'
import { applyOps } from './apply/applyOps'
import { dumpState } from './capture/dumpState'
import { emitPending } from './capture/emit'
import { setUpSync } from './capture/syncTesting'
import type { SyncContext } from './contracts'
import type { OpBody, OpLine } from './ops'

/**
 * Convergence: two or three libraries change at random through the library's own functions
 * (imports of small digests, statuses, notes, tags, highlights, saved searches, subscriptions),
 * exchange their operations through capture (emit) and apply, each device's operations in its
 * own order but interleaved at random across devices, some delivered twice, some late, some
 * applied while local changes wait to be sent, a late device joining from another's snapshot.
 * When everything has been delivered, every library holds the same state (every synced table
 * projected by global keys), every status change made anywhere is in every history, and (when
 * notes are only added to) every line ever written in a note is in the merged note.
 */

const RUNS = Number(process.env.SYNC_PROPERTY_RUNS ?? 500)
/** A counterexample fast-check printed (its JSON), to run that one alone. */
const REPLAY = process.env.SYNC_PROPERTY_CASE
const DEVICE_IDS = ['aaaaaaaaaaaaaaa1', 'bbbbbbbbbbbbbbb2', 'ccccccccccccccc3']
const START = Date.UTC(2024, 7, 6, 9)

// ---- the papers digests are made of ----

interface PoolPaper {
  titles: [string, string]
  abstracts: [string, string]
  arxivId: string | null
  submitters: [string, string]
  authorCounts: [number, number]
  /** One count per paper: the importer takes the newest count a digest gives (see the report). */
  upvotes: number
}

const POOL: PoolPaper[] = [
  {
    titles: ['Sparse Attention for Long Context', 'Sparse attention for long context!'],
    abstracts: ['We cut memory.', 'We cut memory. Code: https://example.org/sparse.'],
    arxivId: '2408.00010',
    submitters: ['akhaliq', 'bob'],
    authorCounts: [3, 4],
    upvotes: 12,
  },
  {
    titles: ['NanoFlow: Optimal Serving', 'NanoFlow - Optimal Serving'],
    abstracts: ['Serving at scale.', 'Serving at scale, see https://nano.example.org.'],
    arxivId: null,
    submitters: ['carol', 'akhaliq'],
    authorCounts: [7, 7],
    upvotes: 40,
  },
  {
    titles: ['Diffusion Erasers', 'Diffusion erasers.'],
    abstracts: ['Erase concepts.', 'Erase concepts with adapters.'],
    arxivId: '2408.00030',
    submitters: ['dave', 'erin'],
    authorCounts: [2, 5],
    upvotes: 3,
  },
  {
    titles: ['Agents That Plan', 'Agents that plan'],
    abstracts: ['Planning agents.', 'Planning agents, https://a.example and https://b.example.'],
    arxivId: null,
    submitters: ['frank', 'grace'],
    authorCounts: [1, 9],
    upvotes: 8,
  },
]

interface DigestEntry {
  paper: number
  variant: number
  withArxiv: boolean
  meta: number
}

function digestText(date: string, entries: readonly DigestEntry[]): string {
  const lines = [date, '']
  for (const { paper, variant, withArxiv, meta } of entries) {
    const p = POOL[paper]!
    if (meta & 1) lines.push(`Submitted by ${p.submitters[variant]}`)
    if (meta & 2) lines.push(`${p.authorCounts[variant]} authors`)
    if (meta & 4) lines.push(String(p.upvotes))
    if (withArxiv && p.arxivId) lines.push(`arXiv:${p.arxivId}`)
    lines.push('', p.titles[variant]!, '', p.abstracts[variant]!, '')
  }
  return lines.join('\n')
}

// ---- steps ----

type Step =
  | { kind: 'import'; device: number; date: string; entries: DigestEntry[]; name: number }
  | { kind: 'status'; device: number; paper: number; status: ReadingStatus }
  | { kind: 'note'; device: number; paper: number; at: number; mode: number }
  | { kind: 'tag'; device: number; paper: number; name: string; add: boolean }
  | { kind: 'tagAll'; device: number; name: string; rename: boolean }
  | { kind: 'highlight'; device: number; paper: number; pick: number; action: number }
  | { kind: 'search'; device: number; name: string; query: string; pick: number; action: number }
  | { kind: 'subscription'; device: number; which: number; add: boolean }
  | { kind: 'sync'; device: number; from: number; count: number; dup: number; emit: boolean }
  | { kind: 'tick'; ms: number }

const device = fc.nat({ max: 2 })
const paper = fc.nat({ max: POOL.length - 1 })
/** Changes go mostly to two papers, so that devices meet on them often. */
const busyPaper = fc.oneof(
  { weight: 4, arbitrary: fc.nat({ max: 1 }) },
  { weight: 1, arbitrary: paper },
)
const TAGS = ['ml', 'ML', 'gpu']

const entriesArb = fc.uniqueArray(
  fc.record({
    paper,
    variant: fc.nat({ max: 1 }),
    withArxiv: fc.boolean(),
    meta: fc.nat({ max: 7 }),
  }),
  { minLength: 1, maxLength: 3, selector: (e) => e.paper },
)
const dateArb = fc.constantFrom('Aug 5', 'Aug 6')

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('import' as const),
      device,
      date: dateArb,
      entries: entriesArb,
      name: fc.nat({ max: 1 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('status' as const),
      device,
      paper: busyPaper,
      status: fc.constantFrom(...READING_STATUSES),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('note' as const),
      device,
      paper: busyPaper,
      at: fc.nat({ max: 8 }),
      mode: fc.nat({ max: 9 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('tag' as const),
      device,
      paper: busyPaper,
      name: fc.constantFrom(...TAGS),
      add: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('tagAll' as const),
      device,
      name: fc.constantFrom(...TAGS),
      rename: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('highlight' as const),
      device,
      paper: busyPaper,
      pick: fc.nat({ max: 20 }),
      action: fc.nat({ max: 3 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('search' as const),
      device,
      name: fc.constantFrom('Diffusion', 'diffusion', 'Agents'),
      query: fc.constantFrom('diffusion', 'agents', 'tag:ml'),
      pick: fc.nat({ max: 5 }),
      action: fc.nat({ max: 3 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('subscription' as const),
      device,
      which: fc.nat({ max: 1 }),
      add: fc.boolean(),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('sync' as const),
      device,
      from: device,
      count: fc.integer({ min: 1, max: 8 }),
      dup: fc.nat({ max: 3 }),
      emit: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('tick' as const), ms: fc.nat({ max: 3_600_000 }) }),
  },
)

const scenarioArb = fc.record({
  devices: fc.integer({ min: 2, max: 3 }),
  /** Clock offsets of the devices (one may run a day ahead). */
  skews: fc.tuple(
    fc.constant(0),
    fc.constantFrom(0, 300_000, -300_000),
    fc.constantFrom(0, 86_400_000, -60_000),
  ),
  /** Notes only grow (every line must survive), or lines are also replaced and removed. */
  notesOnlyGrow: fc.boolean(),
  /** The last device starts from another's snapshot instead of from the beginning of the logs. */
  lateJoin: fc.boolean(),
  /** Each device starts with an import of its own; then, most often, they share them. */
  openings: fc.tuple(
    ...[0, 1, 2].map(() =>
      fc.record({ date: dateArb, entries: entriesArb, name: fc.nat({ max: 1 }) }),
    ),
  ),
  shareFirst: fc.boolean(),
  steps: fc.array(stepArb, { minLength: 5, maxLength: 30 }),
})
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never

// ---- the simulated devices ----

interface Device {
  library: Library
  ctx: SyncContext
  /** Own operations in seq order, as the folder would hold them. */
  log: OpBody[]
  /** How far each other device's log has been delivered here. */
  delivered: number[]
  deferred: OpBody[]
  joined: boolean
  /** Every note text saved here, for the survival check. */
  notesSaved: Map<number, string[]>
}

const bodyOf = (line: OpLine): OpBody => {
  const body: Record<string, unknown> = { ...line }
  for (const key of ['v', 'dev', 'seq']) delete body[key]
  return body as OpBody
}

let template = ''
const dirs: string[] = []
beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'margin-sync-template-'))
  dirs.push(dir)
  openLibrary(dir).close()
  template = join(dir, LIBRARY_FILE_NAME)
})
afterAll(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A fresh library: a copy of one made once (migrations run once, not per run). */
function freshLibrary(now: () => number): Library {
  const dir = mkdtempSync(join(tmpdir(), 'margin-sync-prop-'))
  dirs.push(dir)
  copyFileSync(template, join(dir, LIBRARY_FILE_NAME))
  const library = openLibrary(dir, { now })
  // Throwaway libraries: no waiting for the disk (a run opens and closes three).
  library.db.pragma('synchronous = OFF')
  return library
}

const keyOfTitle = (library: Library, poolIndex: number): number | null => {
  const p = POOL[poolIndex]!
  const byArxiv =
    p.arxivId === null
      ? undefined
      : library.db
          .prepare<[string], number>('SELECT id FROM papers WHERE arxiv_id = ?')
          .pluck()
          .get(p.arxivId)
  if (byArxiv !== undefined) return byArxiv
  const row = library.db
    .prepare<[string, string], number>('SELECT id FROM papers WHERE title IN (?, ?) ORDER BY id')
    .pluck()
    .get(...(p.titles as [string, string]))
  return row ?? null
}

class Simulation {
  time = START
  devices: Device[] = []
  lineCounter = 0

  constructor(private scenario: Scenario) {
    for (let i = 0; i < scenario.devices; i++) {
      const skew = scenario.skews[i]!
      const now = () => this.time + skew
      const library = freshLibrary(now)
      const ctx = setUpSync(library, { deviceId: DEVICE_IDS[i]!, now })
      this.devices.push({
        library,
        ctx,
        log: [],
        delivered: Array.from({ length: scenario.devices }, () => 0),
        deferred: [],
        joined: !(scenario.lateJoin && scenario.devices === 3 && i === 2),
        notesSaved: new Map(),
      })
    }
  }

  close() {
    for (const d of this.devices) d.library.close()
  }

  emit(d: Device): number {
    const lines = emitPending(d.ctx)
    d.log.push(...lines.map(bodyOf))
    return lines.length
  }

  /** Applies a batch, then what was put aside before (its papers may have come). */
  apply(d: Device, ops: OpBody[]) {
    const first = applyOps(d.ctx, ops)
    const again = d.deferred.length > 0 ? applyOps(d.ctx, d.deferred) : { deferred: [] }
    d.deferred = [...again.deferred, ...first.deferred]
  }

  /** The late device joins from `from`'s snapshot (then reads every log from the start). */
  join(d: Device, from: Device) {
    if (d.joined) return
    d.joined = true
    this.apply(d, [...dumpState(from.ctx)])
  }

  deliver(to: number, from: number, count: number, dup: number) {
    const d = this.devices[to]!
    const sender = this.devices[from]!
    if (to === from) return
    if (!d.joined) this.join(d, sender)
    const start = d.delivered[from]!
    const end = Math.min(sender.log.length, start + count)
    const again = sender.log.slice(Math.max(0, start - dup), start)
    d.delivered[from] = end
    this.apply(d, [...again, ...sender.log.slice(start, end)])
  }

  async run(step: Step) {
    this.time += 1 + (this.lineCounter % 7) * 13
    if (step.kind === 'tick') {
      this.time += step.ms
      return
    }
    if (step.device >= this.devices.length) return
    const d = this.devices[step.device]!
    if (!d.joined && step.kind !== 'sync') return
    const lib = d.library
    switch (step.kind) {
      case 'import': {
        const text = digestText(step.date, step.entries)
        const name = `digest-${step.name}.txt`
        await lib.importContents([{ name, data: new TextEncoder().encode(text) }], { year: 2024 })
        return
      }
      case 'status': {
        const id = keyOfTitle(lib, step.paper)
        if (id !== null) lib.setStatus(id, step.status)
        return
      }
      case 'note': {
        const id = keyOfTitle(lib, step.paper)
        if (id === null) return
        const note = lib.getPaper(id).note ?? ''
        const lines = note === '' ? [] : note.split('\n')
        const fresh = `n${step.device}.${++this.lineCounter}`
        const at = lines.length === 0 ? 0 : step.at % (lines.length + 1)
        const mode = this.scenario.notesOnlyGrow ? 0 : step.mode
        if (mode <= 5 || lines.length === 0) lines.splice(at, 0, fresh)
        else if (mode <= 7) lines[at % lines.length] = fresh
        else if (mode === 8) lines.splice(at % lines.length, 1)
        else lines.length = 0
        const body = lines.join('\n')
        lib.saveNote(id, body)
        const saved = d.notesSaved.get(step.paper) ?? []
        saved.push(body)
        d.notesSaved.set(step.paper, saved)
        return
      }
      case 'tag': {
        const id = keyOfTitle(lib, step.paper)
        if (id === null) return
        if (step.add) lib.addTags(id, [step.name])
        else lib.removeTags(id, [step.name])
        return
      }
      case 'tagAll': {
        if (!lib.tagCounts().some((t) => t.name.toLowerCase() === step.name.toLowerCase())) return
        if (step.rename) lib.renameTag(step.name, 'renamed')
        else lib.deleteTag(step.name)
        return
      }
      case 'highlight': {
        const id = keyOfTitle(lib, step.paper)
        if (id === null) return
        const existing = lib.getPaper(id).highlights
        const target = existing[step.pick % Math.max(1, existing.length)]
        if (step.action <= 1 || !target) {
          const abstract = lib.getPaper(id).abstract
          const end = Math.min(abstract.length, 2 + (step.pick % 8))
          lib.createHighlight({ paperId: id, start: 0, end, color: 'yellow', comment: '' })
        } else if (step.action === 2) {
          const colors = ['green', 'blue', 'pink'] as const
          lib.updateHighlight(target.id, {
            color: colors[step.pick % 3]!,
            comment: `c${++this.lineCounter}`,
          })
        } else {
          lib.deleteHighlight(target.id)
        }
        return
      }
      case 'search': {
        const searches = lib.listSavedSearches()
        const target = searches[step.pick % Math.max(1, searches.length)]
        if (step.action <= 1 || !target) lib.saveSearch(step.name, step.query)
        else if (step.action === 2) lib.deleteSavedSearch(target.id)
        else {
          lib.setSearchRule(target.id, {
            tag: step.pick % 2 === 0 ? 'auto' : null,
            toRead: step.pick % 3 === 0,
            downloadPdf: false,
          })
        }
        return
      }
      case 'subscription': {
        const subs = lib.subscriptions.status().subscriptions
        const kind = step.which === 0 ? ('hf-daily' as const) : ('arxiv' as const)
        const query = kind === 'arxiv' ? 'cs.LG' : undefined
        const present = subs.find((s) => s.kind === kind)
        if (step.add && !present) lib.subscriptions.add({ kind, query, since: '2024-08-01' })
        else if (!step.add && present) lib.subscriptions.remove(present.id)
        return
      }
      case 'sync': {
        if (step.from >= this.devices.length) return
        if (step.emit) this.emit(d)
        this.emit(this.devices[step.from]!)
        this.deliver(step.device, step.from, step.count, step.dup)
        return
      }
    }
  }

  /** Every device sends what it has and reads everything, until nothing new is made. */
  settle() {
    for (let round = 0; round < 8; round++) {
      let made = 0
      for (const d of this.devices) made += this.emit(d)
      for (let to = 0; to < this.devices.length; to++) {
        for (let from = 0; from < this.devices.length; from++) {
          this.deliver(to, from, Number.MAX_SAFE_INTEGER, 0)
        }
      }
      if (made === 0 && round > 0) return
    }
    throw new Error('the devices kept making operations after everything was delivered')
  }
}

// ---- the state compared ----

function canonical(library: Library) {
  const db = library.db
  const all = (sql: string) => db.prepare(sql).all()
  const gidOf = `(SELECT gid FROM sync_records r WHERE r.type = ? AND r.local_id = x.id)`
  return {
    papers: all(`SELECT title_key, arxiv_id, title, abstract, links, submitted_by, author_count,
      upvotes, authors, categories, published_at, added_at, status, listed_date, listed_position
      FROM papers ORDER BY title_key`),
    digests: all('SELECT date, source_file, content_hash, imported_at FROM digests ORDER BY date'),
    appearances: all(`SELECT d.date, p.title_key, dp.position FROM digest_papers dp
      JOIN digests d ON d.id = dp.digest_id JOIN papers p ON p.id = dp.paper_id
      ORDER BY d.date, p.title_key`),
    files: all(`SELECT content_hash, file_name, imported_at, source FROM import_files
      ORDER BY content_hash`),
    sources: all(`SELECT p.title_key, f.content_hash FROM paper_sources ps
      JOIN papers p ON p.id = ps.paper_id JOIN import_files f ON f.id = ps.import_file_id
      ORDER BY 1, 2`),
    history: all(`SELECT p.title_key, h.from_status, h.to_status, h.changed_at
      FROM status_history h JOIN papers p ON p.id = h.paper_id ORDER BY 1, 4, 2, 3`),
    statusChanges: all(`SELECT c.gid, c.hlc, p.title_key FROM sync_status_changes c
      JOIN papers p ON p.id = c.paper_id ORDER BY c.gid`),
    tags: all(`SELECT p.title_key, lower(t.name) AS tag FROM paper_tags pt
      JOIN papers p ON p.id = pt.paper_id JOIN tags t ON t.id = pt.tag_id ORDER BY 1, 2`),
    notes: all(`SELECT p.title_key, n.body FROM notes n JOIN papers p ON p.id = n.paper_id
      ORDER BY 1`),
    conflicts: all(`SELECT p.title_key FROM sync_note_conflicts c JOIN papers p ON p.id = c.paper_id
      ORDER BY 1`),
    highlights: db
      .prepare(
        `SELECT ${gidOf} AS gid, p.title_key, x.quote, x.prefix, x.suffix, x.start_offset,
          x.end_offset, x.color, x.comment, x.created_at, x.updated_at
        FROM highlights x JOIN papers p ON p.id = x.paper_id ORDER BY 1`,
      )
      .all('highlight'),
    savedSearches: db
      .prepare(
        `SELECT ${gidOf} AS gid, x.name, x.query, x.created_at, x.rule_tag, x.rule_to_read,
          x.rule_download FROM saved_searches x ORDER BY 1`,
      )
      .all('savedSearch'),
    subscriptions: db
      .prepare(
        `SELECT ${gidOf} AS gid, x.kind, x.query, x.since, x.created_at FROM subscriptions x
        ORDER BY 1`,
      )
      .all('subscription'),
    records: all(`SELECT gid, type, fields, clocks FROM sync_records ORDER BY gid`).map((row) => {
      const { gid, type, fields, clocks } = row as Record<string, string>
      return { gid, type, fields: JSON.parse(fields!), clocks: JSON.parse(clocks!) }
    }),
  }
}

function check(sim: Simulation, scenario: Scenario) {
  const [first, ...others] = sim.devices.map((d) => canonical(d.library))
  for (const other of others) expect(other).toEqual(first)
  for (const d of sim.devices) {
    expect(d.deferred).toEqual([])
    const pending = d.library.db.prepare('SELECT count(*) FROM sync_pending').pluck().get()
    expect(pending).toBe(0)
  }
  // Every change made anywhere is in every history, once.
  const own = sim.devices.flatMap((d, i) =>
    d.library.db
      .prepare<[string], Record<string, unknown>>(
        `SELECT p.title_key, h.from_status, h.to_status, h.changed_at FROM sync_status_changes c
        JOIN status_history h ON h.id = c.history_id JOIN papers p ON p.id = h.paper_id
        WHERE c.gid LIKE ? || ':%'`,
      )
      .all(DEVICE_IDS[i]!),
  )
  const sortRows = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).sort()
  expect(sortRows(first!.history)).toEqual(sortRows(own))
  // Every row of a synced table has its global id.
  for (const table of ['highlights', 'savedSearches', 'subscriptions'] as const) {
    for (const row of first![table]) expect((row as { gid: string | null }).gid).not.toBeNull()
  }
  if (!scenario.notesOnlyGrow) return
  // Notes only grew: every line ever written is in the merged note (or between its markers).
  const notes = new Map(
    (first!.notes as Array<{ title_key: string; body: string }>).map((n) => [n.title_key, n.body]),
  )
  const lib = sim.devices[0]!.library
  for (const d of sim.devices) {
    for (const [poolIndex, bodies] of d.notesSaved) {
      const id = keyOfTitle(lib, poolIndex)!
      const key = lib.db.prepare('SELECT title_key FROM papers WHERE id = ?').pluck().get(id)
      const merged = new Set((notes.get(key as string) ?? '').split('\n'))
      for (const body of bodies) {
        for (const line of body.split('\n')) if (line !== '') expect(merged).toContain(line)
      }
    }
  }
}

describe('sync convergence (property)', () => {
  it(`every library ends identical, whatever the order of delivery (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (scenario) => {
        const sim = new Simulation(scenario)
        try {
          for (const [device, opening] of scenario.openings.entries()) {
            await sim.run({ kind: 'import', device, ...opening })
          }
          if (scenario.shareFirst) sim.settle()
          for (const step of scenario.steps) await sim.run(step)
          sim.settle()
          check(sim, scenario)
        } finally {
          sim.close()
        }
      }),
      REPLAY ? { numRuns: 1, examples: [[JSON.parse(REPLAY) as Scenario]] } : { numRuns: RUNS },
    )
  }, 600_000)
})
