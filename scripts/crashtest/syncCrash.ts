import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Random } from '../../bench/benchUtil'
import { writeSyntheticDigests } from '../../bench/syntheticDigests'
import { openLibrary } from '../../src/main/library/library'
import { indexProblems } from './indexCheck'
import { runChild, type ChildRun, type KillAt } from './runChild'

/**
 * Sync under SIGKILL (issue 15): two libraries, A and B, sync through one folder. A "write" run
 * kills A's pass while it writes its new operations (a few thousand status changes, tags, note
 * edits); an "apply" run kills B's pass while it applies them. After each kill the next passes
 * resume, both libraries converge, and then nothing may be lost or doubled:
 * - every status change either library made is in both, exactly once (same global id, same
 *   paper, from, to and time), and each library's history has no row without its global id;
 * - each device's operations in the folder are numbered without a gap or a repeat, up to the
 *   last one its library issued;
 * - both libraries hold the same statuses, tags and notes, and pass library.check();
 * - both libraries' full-text indexes are sound and find every paper (indexCheck.ts): sync
 *   applies another device's operations as bulk writes;
 * - one more pass on each applies and writes nothing.
 */

const PAPERS = 400
const PER_FILE = 40
/** Status changes a write run makes (tags and notes follow, syncChanges.ts). */
const CHANGES = 3_000
/** Changes B makes in an apply run, so that it has something of its own to write too. */
const FEW_CHANGES = 40

export interface SyncCrashSummary {
  runs: number
  phases?: Record<string, number>
  kills: { write: number; apply: number }
  killedMidway: number
  fullWriteMs: number
  fullApplyMs: number
  statusChangesMade: number
  statusChangesInBoth: number
  opsInFolder: Record<string, number>
  runsWithProblems: number
  problems: string[]
}

interface Side {
  name: 'A' | 'B'
  dir: string
}

export async function crashSyncRuns(
  root: string,
  runs: number,
  random: Random,
  progress: (message: string) => void,
): Promise<SyncCrashSummary> {
  const folder = join(root, 'sync-folder')
  mkdirSync(folder, { recursive: true })
  const A: Side = { name: 'A', dir: join(root, 'sync-A') }
  const B: Side = { name: 'B', dir: join(root, 'sync-B') }
  const { paths } = writeSyntheticDigests(join(root, 'sync-digests'), {
    papers: PAPERS,
    perFile: PER_FILE,
    seed: 13,
  })
  const made = { A: 0, B: 0 }
  const problems: string[] = []
  let seed = 1000

  // A imports and sets up sync (its whole state into the folder); B joins.
  const setupProblems = await withLibrary(A, async (library) => {
    await library.importFiles(paths)
    await library.sync.setup(folder, 'A')
    return passProblems(A, library)
  })
  setupProblems.push(
    ...(await withLibrary(B, async (library) => {
      await library.sync.setup(folder, 'B')
      return passProblems(B, library)
    })),
  )
  if (setupProblems.length) {
    return summary(0, [], 0, 0, made, 0, {}, setupProblems)
  }

  const child = async (side: Side, changes: number, kill: number | KillAt) => {
    const run = await runChild(['sync', side.dir, String(seed++), String(changes)], kill)
    made[side.name] += madeBy(run)
    const problem = /^problem (.*)$/m.exec(run.output)?.[1]
    if (problem) problems.push(`${side.name}'s pass: ${problem}`)
    if (run.signal !== 'SIGKILL' && run.code !== 0) {
      problems.push(
        `${side.name}'s child ${run.startedAt === 0 ? 'failed before its pass' : 'failed'} (exit ${run.code}; its error is above)`,
      )
    }
    return run
  }

  const deviceA = await withLibrary(A, async (library) =>
    library.db.prepare<[], string>('SELECT id FROM sync_device').pluck().get(),
  )
  if (deviceA === undefined) return summary(0, [], 0, 0, made, 0, {}, ['A has no device id'])
  const filesOfA = join(folder, 'margin', 'v1', 'devices', deviceA)

  // Timing: a whole write of CHANGES changes on A (and from its first file written in the
  // folder to its end), and B applying them, unkilled.
  const fullWrite = await child(A, CHANGES, { afterMs: Infinity, onWriteIn: filesOfA })
  const fullApply = await child(B, FEW_CHANGES, Infinity)
  const fullWriteMs = fullWrite.endedAt - fullWrite.startedAt
  const writingMs = fullWrite.endedAt - fullWrite.firstWriteAt
  const fullApplyMs = fullApply.endedAt - fullApply.startedAt
  problems.push(...(await converge(A, B)))
  if (!fullWrite.finished || !fullApply.finished || fullWrite.firstWriteAt === 0) {
    return summary(0, [], 0, 0, made, 0, {}, [...problems, 'the timing runs did not finish'])
  }

  const results: Array<{ kind: 'write' | 'apply'; run: ChildRun; problems: string[] }> = []
  /** Where the kills landed, as the libraries show it afterwards. */
  const phases: Record<string, number> = {}
  for (let i = 0; i < runs; i++) {
    const kind = i % 2 === 0 ? 'write' : 'apply'
    const before = problems.length
    let run: ChildRun
    let phase: string
    if (kind === 'write') {
      // Every other write run is killed once A has begun writing files into the folder
      // (segments, device.json, acks, a snapshot, compaction), the others anywhere in the pass.
      const kill =
        i % 4 === 0
          ? random() * fullWriteMs
          : { afterMs: random() * writingMs, onWriteIn: filesOfA }
      run = await child(A, CHANGES, kill)
      phase = await writePhase(A, filesOfA)
    } else {
      // A writes a batch whole; B is killed while it applies it.
      await child(A, CHANGES, Infinity)
      run = await child(B, FEW_CHANGES, random() * fullApplyMs)
      phase = await applyPhase(A, B)
    }
    const where = phase.replace(/ \(.*\)$/, '')
    phases[where] = (phases[where] ?? 0) + 1
    problems.push(...(await converge(A, B)))
    const found = await compare(A, B, folder, made)
    problems.push(...found.problems)
    const runProblems = problems.slice(before)
    results.push({ kind, run, problems: runProblems })
    progress(
      `sync run ${i + 1}/${runs}: ${kind === 'write' ? "A's pass" : "B's pass"} killed after ${Math.round(run.killedAfterMs)} ms${run.finished ? ' (it had finished)' : ''}, ${phase}: ${runProblems.length ? runProblems.join('; ') : 'sound'}`,
    )
  }
  const last = await compare(A, B, folder, made)
  return {
    ...summary(
      runs,
      results,
      fullWriteMs,
      fullApplyMs,
      made,
      last.inBoth,
      last.opsInFolder,
      problems,
      results.filter((r) => r.problems.length > 0).length,
    ),
    phases,
  }
}

/**
 * Where a kill of A's pass landed: before its changes became operations (still pending), while
 * they were being written (operations not yet known to be in the folder), or after.
 */
function writePhase(A: Side, files: string): Promise<string> {
  return withLibrary(A, async (library) => {
    const count = (table: string) =>
      library.db.prepare<[], number>(`SELECT count(*) FROM ${table}`).pluck().get()!
    if (count('sync_pending') > 0) return 'before its operations were made'
    if (count('sync_outbox') > 0) return 'while writing its operations'
    if (temporaryFiles(files) > 0) return 'while writing a file (one left half-written)'
    return 'after writing its operations'
  })
}

/** Files a writer left under their temporary names (`.<name>.tmp-<random>`). */
function temporaryFiles(dir: string): number {
  if (!existsSync(dir)) return 0
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) =>
    /(^|\/)\.[^/]*\.tmp-[^/]*$/.test(name),
  ).length
}

/** Where a kill of B's pass landed: with A's operations partly applied, or after. */
async function applyPhase(A: Side, B: Side): Promise<string> {
  const { device, last } = await withLibrary(A, async (library) => ({
    device: library.db.prepare<[], string>('SELECT id FROM sync_device').pluck().get()!,
    last:
      Number(
        library.db
          .prepare<[], string>("SELECT value FROM sync_state WHERE key = 'nextSeq'")
          .pluck()
          .get(),
      ) - 1,
  }))
  const applied = await withLibrary(
    B,
    async (library) =>
      library.db
        .prepare<[string], number>('SELECT applied_seq FROM sync_peers WHERE device = ?')
        .pluck()
        .get(device) ?? 0,
  )
  return applied < last ? `while applying A's operations (${applied} of ${last})` : 'after applying'
}

function summary(
  runs: number,
  results: Array<{ kind: 'write' | 'apply'; run: ChildRun }>,
  fullWriteMs: number,
  fullApplyMs: number,
  made: { A: number; B: number },
  inBoth: number,
  opsInFolder: Record<string, number>,
  problems: string[],
  runsWithProblems = problems.length ? 1 : 0,
): SyncCrashSummary {
  return {
    runs,
    kills: {
      write: results.filter((r) => r.kind === 'write').length,
      apply: results.filter((r) => r.kind === 'apply').length,
    },
    killedMidway: results.filter((r) => !r.run.finished).length,
    fullWriteMs: Math.round(fullWriteMs),
    fullApplyMs: Math.round(fullApplyMs),
    statusChangesMade: made.A + made.B,
    statusChangesInBoth: inBoth,
    opsInFolder,
    runsWithProblems,
    problems: problems.slice(0, 10),
  }
}

function madeBy(run: ChildRun): number {
  return Number(/^made (\d+)$/m.exec(run.output)?.[1] ?? 0)
}

async function withLibrary<T>(
  side: Side,
  use: (library: ReturnType<typeof openLibrary>) => Promise<T>,
): Promise<T> {
  const library = openLibrary(side.dir)
  try {
    return await use(library)
  } finally {
    library.close()
  }
}

function passProblems(side: Side, library: ReturnType<typeof openLibrary>): string[] {
  const { problem } = library.sync.status()
  return problem === null ? [] : [`${side.name}'s pass: ${problem}`]
}

/**
 * Passes A, B, A, B: each has applied everything the other wrote. Then one more pass on each
 * must find nothing to write or apply.
 */
async function converge(A: Side, B: Side): Promise<string[]> {
  const problems: string[] = []
  const pass = (side: Side) =>
    withLibrary(side, async (library) => {
      const report = await library.sync.pass()
      problems.push(...passProblems(side, library))
      return report
    })
  for (const side of [A, B, A, B]) await pass(side)
  for (const side of [A, B]) {
    const report = await pass(side)
    if (report.wrote > 0 || report.applied > 0) {
      problems.push(
        `${side.name}'s pass after converging wrote ${report.wrote} and applied ${report.applied} operations`,
      )
    }
  }
  return problems
}

interface Compared {
  problems: string[]
  inBoth: number
  opsInFolder: Record<string, number>
}

/** What both libraries hold, by paper title (row ids differ between libraries). */
function stateOf(library: ReturnType<typeof openLibrary>) {
  const db = library.db
  return {
    device: db.prepare<[], string>('SELECT id FROM sync_device').pluck().get() ?? '',
    nextSeq: Number(
      db.prepare<[], string>("SELECT value FROM sync_state WHERE key = 'nextSeq'").pluck().get() ??
        1,
    ),
    changes: db
      .prepare<[], string>(
        `SELECT json_array(c.gid, p.title, h.from_status, h.to_status, h.changed_at)
         FROM sync_status_changes c
         JOIN status_history h ON h.id = c.history_id
         JOIN papers p ON p.id = c.paper_id
         ORDER BY c.gid`,
      )
      .pluck()
      .all(),
    historyRows: db.prepare<[], number>('SELECT count(*) FROM status_history').pluck().get()!,
    changesWithoutHistory: db
      .prepare<[], number>('SELECT count(*) FROM sync_status_changes WHERE history_id IS NULL')
      .pluck()
      .get()!,
    papers: db
      .prepare<[], string>(
        `SELECT json_array(p.title, p.status, n.body,
           (SELECT group_concat(name, ',') FROM (SELECT t.name FROM paper_tags pt
              JOIN tags t ON t.id = pt.tag_id WHERE pt.paper_id = p.id ORDER BY lower(t.name))))
         FROM papers p LEFT JOIN notes n ON n.paper_id = p.id ORDER BY p.title`,
      )
      .pluck()
      .all(),
    check: library.check(),
    indexes: indexProblems(db),
  }
}

async function compare(
  A: Side,
  B: Side,
  folder: string,
  made: { A: number; B: number },
): Promise<Compared> {
  const a = await withLibrary(A, async (library) => stateOf(library))
  const b = await withLibrary(B, async (library) => stateOf(library))
  const problems: string[] = []
  for (const [side, state] of [
    [A, a],
    [B, b],
  ] as const) {
    if (!state.check.ok)
      problems.push(`${side.name} fails its check: ${state.check.problems.join('; ')}`)
    problems.push(...state.indexes.map((problem) => `${side.name}: ${problem}`))
    if (state.historyRows !== state.changes.length) {
      problems.push(
        `${side.name} has ${state.historyRows} status history rows but ${state.changes.length} with a global id`,
      )
    }
    if (state.changesWithoutHistory > 0) {
      problems.push(
        `${side.name} has ${state.changesWithoutHistory} status changes without their row`,
      )
    }
  }
  // Every change, exactly once on each side (the gid is the primary key; the rows must match).
  const inA = new Set(a.changes)
  const onlyA = a.changes.filter((row) => !b.changes.includes(row))
  const onlyB = b.changes.filter((row) => !inA.has(row))
  if (onlyA.length) problems.push(`${onlyA.length} status changes only in A, e.g. ${onlyA[0]}`)
  if (onlyB.length) problems.push(`${onlyB.length} status changes only in B, e.g. ${onlyB[0]}`)
  // What the children said they made arrived: counted by the device that made them.
  for (const [side, state] of [
    [A, a],
    [B, b],
  ] as const) {
    const own = a.changes.filter((row) =>
      (JSON.parse(row) as string[])[0]!.startsWith(`${state.device}:`),
    )
    // Setup adopted nothing (the history was empty then), so every own change is one made.
    if (own.length !== made[side.name]) {
      problems.push(
        `${side.name} made ${made[side.name]} status changes; ${own.length} carry its id`,
      )
    }
  }
  const differing = a.papers.flatMap((row, i) => (row === b.papers[i] ? [] : [i]))
  if (differing.length || a.papers.length !== b.papers.length) {
    const i = differing[0] ?? Math.min(a.papers.length, b.papers.length)
    problems.push(
      `${differing.length} papers differ in status, note or tags (A has ${a.papers.length}, B ${b.papers.length}), e.g. A ${a.papers[i]} / B ${b.papers[i]}`,
    )
  }
  const opsInFolder: Record<string, number> = {}
  for (const state of [a, b]) {
    const seqs = folderSeqs(folder, state.device)
    opsInFolder[state.device] = seqs.count
    problems.push(...seqs.problems.map((p) => `folder, device ${state.device}: ${p}`))
    if (seqs.last !== state.nextSeq - 1) {
      problems.push(
        `folder, device ${state.device}: operations end at ${seqs.last}, the library issued up to ${state.nextSeq - 1}`,
      )
    }
  }
  return { problems, inBoth: a.changes.length, opsInFolder }
}

/**
 * Reads a device's segments as plain files (independently of the reader under test): every
 * line's seq, each once, contiguous from just after its newest snapshot to the last; a
 * segment's name says its first and last seq.
 */
function folderSeqs(
  folder: string,
  device: string,
): { count: number; last: number; problems: string[] } {
  const dir = join(folder, 'margin', 'v1', 'devices', device)
  const problems: string[] = []
  if (!existsSync(dir)) return { count: 0, last: 0, problems: ['its folder is missing'] }
  const snapshots = readdirSync(dir)
    .map((name) => /^snapshot-(\d{12})\.jsonl$/.exec(name)?.[1])
    .filter((seq) => seq !== undefined)
    .map(Number)
  const covered = snapshots.length ? Math.max(...snapshots) : 0
  const seen = new Map<number, string>()
  const opsDir = join(dir, 'ops')
  for (const name of existsSync(opsDir) ? readdirSync(opsDir).sort() : []) {
    const range = /^(\d{12})-(\d{12})\.jsonl$/.exec(name)
    if (!range) continue
    const lines = readFileSync(join(opsDir, name), 'utf8').split('\n')
    if (lines.pop() !== '') problems.push(`${name} ends without a newline`)
    const seqs = lines.map((line) => (JSON.parse(line) as { seq: number }).seq)
    if (seqs[0] !== Number(range[1]) || seqs[seqs.length - 1] !== Number(range[2])) {
      problems.push(`${name} holds ${seqs[0]}..${seqs[seqs.length - 1]}`)
    }
    for (const seq of seqs) {
      if (seen.has(seq)) problems.push(`seq ${seq} is in ${seen.get(seq)} and ${name}`)
      seen.set(seq, name)
    }
  }
  const present = [...seen.keys()].sort((x, y) => x - y)
  const last = present.length ? present[present.length - 1]! : covered
  for (let seq = covered + 1; seq <= last; seq++) {
    if (!seen.has(seq)) {
      problems.push(`seq ${seq} is missing (the snapshot covers up to ${covered})`)
      break
    }
  }
  return { count: seen.size, last: Math.max(last, covered), problems }
}
