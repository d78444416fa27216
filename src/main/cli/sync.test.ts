import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { SyncStatus } from '../../shared/models'
import { emptyPassReport, type SyncPassResult } from '../library/sync/pass'
import { SEED_DIGEST, useTempDir } from '../library/testing/tempDirs'
import { passSentence } from './commands/sync'
import type { CliIo } from './context'
import { runCli } from './runCli'
import { margin } from './testing/margin'

const tempDir = useTempDir()

/** Runs `margin …` in this process on library `lib`; what it printed and its exit code. */
async function run(lib: string, ...args: string[]) {
  let stdout = ''
  let stderr = ''
  const io: CliIo = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    readStdin: async () => '',
    env: { MARGIN_LIBRARY: '' },
  }
  const code = await runCli([...args, '--library', lib], io)
  return { code, stdout, stderr }
}

function place() {
  const base = tempDir()
  const folder = join(base, 'Sync')
  mkdirSync(folder)
  return { base, folder, a: join(base, 'a'), b: join(base, 'b') }
}

interface ListedPaper {
  id: number
  title: string
  status: string
  tags: string[]
  note: string | null
}
const papersOf = async (lib: string): Promise<ListedPaper[]> =>
  JSON.parse((await run(lib, 'list', '--json')).stdout) as ListedPaper[]
const byTitle = (papers: ListedPaper[]) =>
  Object.fromEntries(papers.map((p) => [p.title, { status: p.status, tags: p.tags, note: p.note }]))

describe('margin sync', () => {
  it('two libraries given one folder converge: the seed with statuses, tags and notes', async () => {
    const { folder, a, b } = place()
    expect((await run(a, 'import', SEED_DIGEST, '--year', '2024')).code).toBe(0)
    const [first, second] = await papersOf(a)
    await run(a, 'status', String(first!.id), 'read')
    await run(a, 'tag', String(second!.id), 'robotics')
    await run(a, 'note', String(first!.id), 'Worth a second read.')

    const setUp = await run(a, 'sync', '--folder', folder, '--name', 'Laptop')
    expect(setUp.code).toBe(0)
    expect(setUp.stdout).toMatch(
      /^This library syncs through .+ as Laptop \([a-z0-9]{16}\); its whole library is written there for your other computers to join\.\nNothing new to write; nothing new from other devices\.\n/,
    )

    const joined = await run(b, 'sync', '--folder', folder, '--name', 'Desktop', '--json')
    expect(joined.code).toBe(0)
    const report = JSON.parse(joined.stdout) as SyncPassResult
    expect(report).toMatchObject({ applied: expect.any(Number), papersAdded: 38, skipped: 0 })
    expect(report.devicesApplied).toBe(1)
    expect(byTitle(await papersOf(b))).toEqual(byTitle(await papersOf(a)))

    // A change on B: written by B's pass, applied by A's (folder remembered: no --folder).
    await run(
      b,
      'status',
      String((await papersOf(b)).find((p) => p.title === first!.title)!.id),
      'not-reading',
    )
    const wrote = await run(b, 'sync')
    expect(wrote.stdout).toBe('Wrote 1 change; nothing new from other devices.\n')
    const applied = await run(a, 'sync')
    expect(applied.stdout).toBe('Nothing new to write; applied 1 from 1 device.\n')
    expect((await papersOf(a)).find((p) => p.title === first!.title)!.status).toBe('not-reading')
  })

  it('concurrent note edits on both keep both texts; status lists the conflict by paper', async () => {
    const { folder, a, b } = place()
    await run(a, 'import', SEED_DIGEST, '--year', '2024')
    await run(a, 'sync', '--folder', folder, '--name', 'Laptop')
    await run(b, 'sync', '--folder', folder, '--name', 'Desktop')
    const idOf = async (lib: string) => (await papersOf(lib))[0]!
    const paper = await idOf(a)
    await run(a, 'note', String(paper.id), 'The laptop thinks so.')
    await run(b, 'note', String((await idOf(b)).id), 'The desktop thinks otherwise.')
    await run(a, 'sync')
    const clash = await run(b, 'sync')
    expect(clash.stdout).toBe(
      'Wrote 1 change; applied 1 from 1 device (1 note merged); 1 note conflict: `margin sync status` lists it.\n',
    )
    await run(a, 'sync')
    for (const lib of [a, b]) {
      const note = (await idOf(lib)).note!
      expect(note).toContain('The laptop thinks so.')
      expect(note).toContain('The desktop thinks otherwise.')
    }

    const status = await run(a, 'sync', 'status')
    expect(status.code).toBe(0)
    expect(status.stdout).toContain(`Folder:    ${folder}`)
    expect(status.stdout).toMatch(
      /Devices \(2\):\n {2}\w{16} {2}Laptop \(this device\) {2}last synced /,
    )
    expect(status.stdout).toContain('Conflicts: 1 note holds both texts of overlapping edits')
    expect(status.stdout).toContain(`  #${paper.id}  ${paper.title}  (since `)

    const json = JSON.parse((await run(a, 'sync', 'status', '--json')).stdout) as SyncStatus & {
      conflictNotes: Array<{ paperId: number; title: string }>
    }
    expect(json).toMatchObject({ configured: true, folder, deviceName: 'Laptop', conflicts: 1 })
    expect(json.devices.map((d) => d.name)).toEqual(['Laptop', 'Desktop'])
    expect(json.conflictNotes).toEqual([
      { paperId: paper.id, title: paper.title, since: expect.any(Number) },
    ])

    const devices = JSON.parse((await run(b, 'devices', '--json')).stdout) as SyncStatus['devices']
    expect(devices.map((d) => [d.name, d.thisDevice])).toEqual([
      ['Desktop', true],
      ['Laptop', false],
    ])
    expect((await run(b, 'devices')).stdout).toMatch(/^\w{16} {2}Desktop \(this device\)/)
  })

  it('an emptied folder deletes nothing and says so', async () => {
    const { folder, a } = place()
    await run(a, 'import', SEED_DIGEST, '--year', '2024')
    await run(a, 'sync', '--folder', folder, '--name', 'Laptop')
    rmSync(join(folder, 'margin'), { recursive: true })
    const again = await run(a, 'sync')
    expect(again.code).toBe(0)
    expect(again.stdout).toContain(
      "The sync folder no longer held this device's files (emptied or replaced?); nothing was deleted here",
    )
    expect(await papersOf(a)).toHaveLength(38)
  })

  it("refuses the library's own folder, a missing one, and a pass before setup, each with a sentence", async () => {
    const { base, a } = place()
    mkdirSync(a)
    const own = await run(a, 'sync', '--folder', a)
    expect(own.code).toBe(1)
    expect(own.stderr).toMatch(/^margin sync: .* is the library's own folder;/)
    const missing = await run(a, 'sync', '--folder', join(base, 'nowhere'))
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/does not exist; create it/)
    const notSetUp = await run(a, 'sync')
    expect(notSetUp.code).toBe(1)
    expect(notSetUp.stderr).toMatch(
      /sync is not set up for this library; `margin sync --folder DIR`/,
    )
    expect((await run(a, 'sync', 'status')).stdout).toMatch(/^Sync is not set up/)
    expect((await run(a, 'sync', '--name', 'X')).code).toBe(2)
    expect((await run(a, 'sync', 'elsewhere')).code).toBe(2)
  })

  it('an unreachable folder fails the pass with the reason and changes nothing', async () => {
    const { folder, a } = place()
    await run(a, 'import', SEED_DIGEST, '--year', '2024')
    await run(a, 'sync', '--folder', folder)
    rmSync(folder, { recursive: true })
    const failed = await run(a, 'sync')
    expect(failed.code).toBe(1)
    expect(failed.stderr).toMatch(/cannot be reached \(ENOENT.*nothing changed here/)
    expect(await papersOf(a)).toHaveLength(38)
  })

  it('runs as the real command in a child process (as the Syncthing test drives it)', () => {
    const { folder, a, b } = place()
    margin(['import', SEED_DIGEST, '--library', a])
    expect(margin(['sync', '--folder', folder, '--library', a]).code).toBe(0)
    const joined = margin(['sync', '--folder', folder, '--library', b, '--json'])
    expect(joined.code).toBe(0)
    expect(JSON.parse(joined.stdout)).toMatchObject({ papersAdded: 38 })
    expect(margin(['--help']).stdout).toMatch(/sync \[--folder DIR \[--name NAME\]\] \[--json\]/)
  })
})

describe('passSentence', () => {
  const report = (fields: Partial<SyncPassResult>) => ({ ...emptyPassReport(), ...fields })
  it('says what changed in one sentence', () => {
    expect(
      passSentence(
        report({ wrote: 12, applied: 40, devicesApplied: 1, papersAdded: 38, conflicts: 1 }),
      ),
    ).toBe(
      'Wrote 12 changes; applied 40 from 1 device (38 papers added); 1 note conflict: `margin sync status` lists it.',
    )
    expect(passSentence(report({ filesFetched: 2, skipped: 1 }))).toBe(
      'Nothing new to write; nothing new from other devices; 2 PDFs fetched; 1 damaged line skipped.',
    )
  })
})
