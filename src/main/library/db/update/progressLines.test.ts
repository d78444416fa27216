import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { margin } from '../../../cli/testing/margin'
import { useTempDir } from '../../testing/tempDirs'
import { LIBRARY_FILE_NAME } from '../openLibrary'
import { MIGRATIONS } from '../migrations'
import { createProgressLines, LINE_INTERVAL_MS, updateAnnouncement } from './progressLines'

const tempDir = useTempDir()

function printer() {
  let clock = 0
  const written: string[] = []
  const lines = createProgressLines(
    (line) => written.push(line),
    () => clock,
  )
  return { lines, written, advance: (ms: number) => (clock += ms) }
}

describe('createProgressLines', () => {
  it('says the copy is kept once the update moves past it, then each phase', () => {
    const { lines, written } = printer()
    lines.progress({ phase: 'copy' })
    expect(written).toEqual([])
    lines.progress({ phase: 'migrate', schema: 13, done: 0, total: 42 })
    lines.progress({ phase: 'migrate', schema: 13, done: 42, total: 42 })
    lines.progress({ phase: 'compact' })
    lines.finished({ ok: true })
    expect(written).toEqual([
      '  kept a checked copy in backups/\n',
      '  indexing papers: 42 of 42\n',
      '  compacting\n',
    ])
  })

  it('prints at most one count a second, and always the last one', () => {
    const { lines, written, advance } = printer()
    lines.progress({ phase: 'migrate', schema: 13, done: 0, total: 100_000 })
    for (let done = 5_000; done < 100_000; done += 5_000) {
      advance(300) // four reports every 1.2 s
      lines.progress({ phase: 'migrate', schema: 13, done, total: 100_000 })
    }
    advance(300)
    lines.progress({ phase: 'migrate', schema: 13, done: 100_000, total: 100_000 })
    expect(written).toEqual([
      '  indexing papers: 20,000 of 100,000\n',
      '  indexing papers: 40,000 of 100,000\n',
      '  indexing papers: 60,000 of 100,000\n',
      '  indexing papers: 80,000 of 100,000\n',
      '  indexing papers: 100,000 of 100,000\n',
    ])
    expect(LINE_INTERVAL_MS).toBe(1000)
  })

  it('counts nothing in a library without papers', () => {
    const { lines, written } = printer()
    lines.progress({ phase: 'copy' })
    lines.progress({ phase: 'migrate', schema: 13, done: 0, total: 0 })
    lines.progress({ phase: 'compact' })
    expect(written).toEqual(['  kept a checked copy in backups/\n', '  compacting\n'])
  })

  it('says a failed compaction leaves the library updated', () => {
    const { lines, written } = printer()
    lines.finished({ ok: false, reason: 'database or disk is full' })
    expect(written).toEqual([
      '  The library was updated but not compacted (database or disk is full); it works as it is, only larger than it needs to be.\n',
    ])
  })
})

describe('margin on a library the current release left', () => {
  it('updates it first with its progress on stderr, stdout (--json) being the command’s alone', () => {
    const dir = tempDir()
    copyFileSync(
      join(__dirname, '../fixtures/schema-12-library.sqlite'),
      join(dir, LIBRARY_FILE_NAME),
    )
    const first = margin(['list', '--json', '--library', dir])
    expect(first.code).toBe(0)
    expect(first.stderr).toBe(
      [
        updateAnnouncement({ from: 12, to: MIGRATIONS.length }),
        '  kept a checked copy in backups/',
        '  indexing papers: 42 of 42',
        '  compacting',
        '',
      ].join('\n'),
    )
    const papers = JSON.parse(first.stdout) as Array<{ id: number }>
    expect(papers).toHaveLength(42)
    const again = margin(['list', '--json', '--library', dir])
    expect(again.stderr).toBe('')
    expect(again.stdout).toBe(first.stdout)
  })
})
