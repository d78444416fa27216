import { spawn } from 'node:child_process'
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { startSyncthingPair, type SyncthingPair } from './syncthingPair'

/**
 * A real engine carries the sync folder (issue 15): two Syncthing instances on loopback keep
 * A's and B's copies of the folder in step while two libraries sync through them with the CLI
 * (`margin sync --folder DIR`). A imports the seed digest with statuses, tags and a note; B joins
 * and gets all of it; both change things, both edit the same line of one note; after two rounds
 * both libraries hold the same state and the note holds both texts between conflict markers.
 *
 * Run it with `npm run test:syncthing` (run.ts puts it in a namespace with only loopback).
 * `--keep` keeps the temporary folder (libraries, folders, Syncthing logs) for a look after.
 * Exits 1 with the step and the reason when anything fails.
 */

const REPO = resolve(__dirname, '../..')
const CLI = join(REPO, 'src/main/cli.ts')
const SEED = join(REPO, 'seeds/daily-papers-aug-6.txt')
const SEED_PAPERS = 38
const started = Date.now()

interface PaperLine {
  id: number
  title: string
  status: string
}

interface SyncReport {
  wrote: number
  applied: number
  skipped: number
  papersAdded: number
  notesMerged: number
  conflicts: number
  notices: string[]
}

interface Side {
  name: 'A' | 'B'
  library: string
  folder: string
}

class TestFailure extends Error {}

function check(condition: unknown, reason: string): asserts condition {
  if (!condition) throw new TestFailure(reason)
}

function step(text: string): void {
  const seconds = ((Date.now() - started) / 1000).toFixed(1).padStart(5)
  console.log(`[${seconds} s] ${text}`)
}

/** `margin COMMAND ARGS --library DIR`, in a child process like a person's shell would run it. */
function margin(side: Side, command: string, ...args: string[]): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', CLI, command, ...args, '--library', side.library],
      { cwd: REPO, stdio: ['pipe', 'pipe', 'pipe'] },
    )
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => {
      if (code === 0) resolvePromise(stdout)
      else {
        reject(
          new TestFailure(
            `margin ${command} ${args.join(' ')} on ${side.name} exited ${code}: ${stderr.trim() || stdout.trim()}`,
          ),
        )
      }
    })
    child.stdin.end()
  })
}

async function marginJson<T>(side: Side, command: string, ...args: string[]): Promise<T> {
  const out = await margin(side, command, ...args, '--json')
  try {
    return JSON.parse(out) as T
  } catch {
    throw new TestFailure(
      `margin ${command} --json on ${side.name} printed no JSON: ${out.slice(0, 200)}`,
    )
  }
}

async function sync(side: Side): Promise<SyncReport> {
  const report = await marginJson<SyncReport>(
    side,
    'sync',
    '--folder',
    side.folder,
    '--name',
    side.name,
  )
  check(report.skipped === 0, `${side.name}'s pass skipped ${report.skipped} damaged lines`)
  // What the pass saw that a person should know (Syncthing's files left unread, say): shown.
  for (const notice of report.notices) step(`  ${side.name}'s pass says: ${notice}`)
  return report
}

async function idsByTitle(side: Side): Promise<Map<string, number>> {
  const papers = await marginJson<PaperLine[]>(side, 'list')
  return new Map(papers.map((p) => [p.title, p.id]))
}

/**
 * The library's state as its JSON export holds it, without what legitimately differs between
 * two libraries: local row ids (papers are named by title instead) and when a note row was
 * last written here. Arrays are sorted so that insertion order does not count.
 */
async function state(side: Side, root: string): Promise<unknown> {
  const out = join(root, `export-${side.name}-${Date.now()}.json`)
  await margin(side, 'export', '--format', 'json', '--out', out)
  const exported = JSON.parse(readFileSync(out, 'utf8')) as {
    importFiles: Array<Record<string, unknown>>
    digests: Array<
      Record<string, unknown> & { papers: Array<{ paperId: number; position: number }> }
    >
    tags: Array<{ id: number; name: string }>
    papers: Array<
      Record<string, unknown> & {
        id: number
        title: string
        note: { body: string; updatedAt: number } | null
        statusHistory: Array<Record<string, unknown>>
        highlights: Array<Record<string, unknown>>
      }
    >
  }
  unlinkSync(out)
  const titleOf = new Map(exported.papers.map((p) => [p.id, p.title]))
  const withoutId = ({ id: _id, ...rest }: Record<string, unknown>) => rest
  const byJson = (a: unknown, b: unknown) => JSON.stringify(a).localeCompare(JSON.stringify(b))
  return {
    importFiles: exported.importFiles.map(withoutId).sort(byJson),
    digests: exported.digests
      .map(({ id: _id, papers, ...rest }) => ({
        ...rest,
        papers: papers
          .map((p) => ({ title: titleOf.get(p.paperId), position: p.position }))
          .sort(byJson),
      }))
      .sort(byJson),
    tags: exported.tags.map((t) => t.name).sort(),
    papers: exported.papers
      .map(({ id: _id, note, statusHistory, highlights, ...rest }) => ({
        ...rest,
        note: note?.body ?? null,
        statusHistory: statusHistory.map(withoutId).sort(byJson),
        highlights: highlights.map(withoutId).sort(byJson),
      }))
      .sort((a, b) => a.title.localeCompare(b.title)),
  }
}

/** The first difference between two JSON values, as a path and the two values. */
function firstDifference(a: unknown, b: unknown, path = ''): string | null {
  if (JSON.stringify(a) === JSON.stringify(b)) return null
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)])
    for (const key of keys) {
      const found = firstDifference(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        `${path}.${key}`,
      )
      if (found) return found
    }
  }
  return `${path || '(root)'}: A ${JSON.stringify(a)?.slice(0, 300)} / B ${JSON.stringify(b)?.slice(0, 300)}`
}

async function engineCheck(pair: SyncthingPair): Promise<void> {
  step("Syncthing carries a plain file from A's folder to B's")
  const name = 'engine-check.txt'
  writeFileSync(join(pair.a.folder, name), `written in A at ${new Date().toISOString()}\n`)
  const arrived = await pair.waitMirrored(20_000)
  check(existsSync(join(pair.b.folder, name)), `${name} did not reach B's folder`)
  unlinkSync(join(pair.a.folder, name))
  await waitGone(pair, join(pair.b.folder, name))
  step(`  arrived in ${arrived} ms; its removal followed`)
}

async function waitGone(pair: SyncthingPair, path: string): Promise<void> {
  const deadline = Date.now() + 20_000
  while (existsSync(path)) {
    check(Date.now() < deadline, `${path} was not removed from B's folder within 20 s`)
    await pair.scan(pair.a)
    await new Promise((r) => setTimeout(r, 200))
  }
}

async function mirror(pair: SyncthingPair): Promise<void> {
  const ms = await pair.waitMirrored(30_000)
  step(`  Syncthing brought both folders to the same files in ${ms} ms`)
}

async function run(root: string, pair: SyncthingPair): Promise<void> {
  const A: Side = { name: 'A', library: join(root, 'library-A'), folder: pair.a.folder }
  const B: Side = { name: 'B', library: join(root, 'library-B'), folder: pair.b.folder }

  await engineCheck(pair)

  step('A imports the seed digest and triages it: statuses, tags, a note')
  await margin(A, 'import', SEED)
  const idsA = await idsByTitle(A)
  check(
    idsA.size === SEED_PAPERS,
    `A has ${idsA.size} papers after importing the seed, not ${SEED_PAPERS}`,
  )
  const titles = [...idsA.keys()].sort()
  const [t1, t2, t3, t4, t5] = titles as [string, string, string, string, string]
  const noteBefore = 'Why it matters:\nthe serving throughput claim\nCheck the baselines.\n'
  await margin(A, 'status', String(idsA.get(t1)), 'reading')
  await margin(A, 'status', String(idsA.get(t2)), 'read')
  await margin(A, 'status', String(idsA.get(t3)), 'to-read')
  await margin(A, 'tag', String(idsA.get(t1)), 'systems', 'llm')
  await margin(A, 'tag', String(idsA.get(t2)), 'later')
  await margin(A, 'note', String(idsA.get(t1)), noteBefore)

  step('A syncs into its folder (its whole state as a snapshot)')
  const first = await sync(A)
  const devices = join(A.folder, 'margin', 'v1', 'devices')
  const written = existsSync(devices) ? readdirSync(devices) : []
  check(written.length === 1, `A's folder holds ${written.length} device folders after A's pass`)
  check(
    readdirSync(join(devices, written[0]!)).some((name) => name.startsWith('snapshot-')),
    `A wrote no snapshot into its folder`,
  )
  step(`  device ${written[0]} wrote its snapshot and ${first.wrote} operations`)
  await mirror(pair)

  step('B joins through its own folder and gets the papers, statuses, tags and note')
  const joined = await sync(B)
  check(
    joined.papersAdded === SEED_PAPERS,
    `B's first pass added ${joined.papersAdded} papers, not ${SEED_PAPERS}`,
  )
  check(joined.skipped === 0, `B's first pass skipped ${joined.skipped} lines`)
  step(`  applied ${joined.applied} operations, ${joined.papersAdded} papers added`)
  const idsB = await idsByTitle(B)
  const shownB = await marginJson<{ status: string; tags: string[]; note: string | null }>(
    B,
    'show',
    String(idsB.get(t1)),
  )
  check(shownB.status === 'reading', `B sees "${t1}" as ${shownB.status}, not reading`)
  check(
    JSON.stringify(shownB.tags) === JSON.stringify(['llm', 'systems']),
    `B sees the tags ${JSON.stringify(shownB.tags)} on "${t1}"`,
  )
  check(shownB.note === noteBefore, `B sees the note ${JSON.stringify(shownB.note)} on "${t1}"`)
  const [stateA1, stateB1] = await Promise.all([state(A, root), state(B, root)])
  const joinDifference = firstDifference(stateA1, stateB1)
  check(joinDifference === null, `after B joined the libraries differ at ${joinDifference}`)
  await mirror(pair)

  step('Both change things, and both edit the same line of the note')
  await Promise.all([
    (async () => {
      await margin(A, 'status', String(idsA.get(t4)), 'read')
      await margin(A, 'untag', String(idsA.get(t2)), 'later')
      await margin(
        A,
        'note',
        String(idsA.get(t1)),
        noteBefore.replace('claim', 'claim holds on A100s (A)'),
      )
    })(),
    (async () => {
      await margin(B, 'status', String(idsB.get(t5)), 'reading')
      await margin(B, 'status', String(idsB.get(t1)), 'read')
      await margin(B, 'tag', String(idsB.get(t3)), 'from-b')
      await margin(
        B,
        'note',
        String(idsB.get(t1)),
        noteBefore.replace('claim', 'claim is unverified (B)'),
      )
    })(),
  ])

  step('Both sync, Syncthing carries the changes, both sync again')
  const [roundA1, roundB1] = await Promise.all([sync(A), sync(B)])
  check(
    roundA1.wrote > 0 && roundB1.wrote > 0,
    `a side wrote nothing (A ${roundA1.wrote}, B ${roundB1.wrote})`,
  )
  await mirror(pair)
  const [roundA2, roundB2] = await Promise.all([sync(A), sync(B)])
  step(
    `  A applied ${roundA1.applied + roundA2.applied}, B applied ${roundB1.applied + roundB2.applied}; conflicts A ${roundA2.conflicts}, B ${roundB2.conflicts}`,
  )
  await mirror(pair)

  step('Both libraries hold the same state, and the note holds both texts')
  const [stateA, stateB] = await Promise.all([state(A, root), state(B, root)])
  const difference = firstDifference(stateA, stateB)
  check(difference === null, `the libraries differ at ${difference}`)
  const noteOf = (side: Side, ids: Map<string, number>) =>
    marginJson<{ note: string | null; status: string; tags: string[]; statusHistory: unknown[] }>(
      side,
      'show',
      String(ids.get(t1)),
    )
  const [noteA, noteB] = await Promise.all([noteOf(A, idsA), noteOf(B, idsB)])
  for (const [name, paper] of [
    ['A', noteA],
    ['B', noteB],
  ] as const) {
    const note = paper.note ?? ''
    check(
      note.includes('claim holds on A100s (A)'),
      `${name}'s note lost A's edit: ${JSON.stringify(note)}`,
    )
    check(
      note.includes('claim is unverified (B)'),
      `${name}'s note lost B's edit: ${JSON.stringify(note)}`,
    )
    check(
      /^<<<<<<< /m.test(note) && /^>>>>>>> /m.test(note),
      `${name}'s note has no conflict markers`,
    )
    check(note.includes('Check the baselines.'), `${name}'s note lost its unchanged line`)
    check(
      paper.status === 'read',
      `${name} has "${t1}" as ${paper.status}, not read (B's later change)`,
    )
    check(
      paper.statusHistory.length === 2,
      `${name} holds ${paper.statusHistory.length} status changes of "${t1}", not 2`,
    )
  }
  const statusOf = (side: Side) =>
    marginJson<{ conflicts: number; devices: unknown[]; conflictNotes: Array<{ title: string }> }>(
      side,
      'sync',
      'status',
    )
  const [statusA, statusB] = await Promise.all([statusOf(A), statusOf(B)])
  for (const [name, status] of [
    ['A', statusA],
    ['B', statusB],
  ] as const) {
    check(status.devices.length === 2, `${name} knows ${status.devices.length} devices, not 2`)
    check(
      status.conflictNotes.length === 1 && status.conflictNotes[0]!.title === t1,
      `${name} lists the conflicts ${JSON.stringify(status.conflictNotes.map((c) => c.title))}`,
    )
  }
  const copies = pair.conflictCopies()
  check(copies.length === 0, `Syncthing made conflict copies: ${copies.join(', ')}`)
  step('  same state on both; the note holds both edits between markers; no conflict copies')
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { keep: { type: 'boolean', default: false } } })
  const root = mkdtempSync(join(tmpdir(), 'margin-syncthing-'))
  let pair: SyncthingPair | undefined
  let failed = false
  try {
    step('Starting two Syncthing instances on 127.0.0.1 (configured before their first start)')
    pair = await startSyncthingPair(root)
    // Registered after the pair's own hooks, which stop the daemons first on any way out.
    process.on('exit', () => {
      if (!values.keep) rmSync(root, { recursive: true, force: true })
    })
    const connectedMs = await pair.waitConnected()
    step(
      `  connected in ${connectedMs} ms (A ${pair.a.deviceId.slice(0, 7)}, B ${pair.b.deviceId.slice(0, 7)})`,
    )
    await run(root, pair)
  } catch (error) {
    failed = true
    const reason =
      error instanceof TestFailure ? error.message : ((error as Error).stack ?? String(error))
    console.error(`test:syncthing FAILED: ${reason}`)
    if (pair) console.error(pair.logTails())
  } finally {
    if (pair) {
      step('Stopping both Syncthing instances by pid')
      await pair.stop().catch((error: unknown) => {
        failed = true
        console.error(`test:syncthing: ${(error as Error).message}`)
      })
    }
    if (values.keep) console.log(`Kept ${root}`)
    else rmSync(root, { recursive: true, force: true })
  }
  if (failed) process.exitCode = 1
  else step('test:syncthing passed')
}

void main()
