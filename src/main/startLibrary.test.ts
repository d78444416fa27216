import { copyFileSync, existsSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { LibraryUpdateState } from '../shared/ipc'
import { createApi } from './api'
import { dispatch } from './ipc/dispatch'
import { LIBRARY_FILE_NAME, openLibraryDb } from './library/db/openLibrary'
import { MIGRATIONS } from './library/db/migrations'
import { openDatabase } from './library/db/sqlite'
import { lockLibrary, LOCK_FILE_NAME } from './library/lock'
import { useTempDir } from './library/testing/tempDirs'
import { startLibrary } from './startLibrary'
import { createWaitingApi } from './waitingApi'

const tempDir = useTempDir()
const SEEDS = join(__dirname, '../../seeds')
const FIXTURE = join(__dirname, 'library/db/fixtures/schema-12-library.sqlite')
const TO = MIGRATIONS.length

function oldLibrary(): string {
  const dir = tempDir()
  copyFileSync(FIXTURE, join(dir, LIBRARY_FILE_NAME))
  return dir
}

describe('startLibrary', () => {
  it('updates an old library in the worker, reporting each step, then opens it held', async () => {
    const dir = oldLibrary()
    const states: LibraryUpdateState[] = []
    const library = await startLibrary(dir, SEEDS, { onUpdateState: (s) => states.push(s) })
    try {
      expect(states[0]).toEqual({ state: 'updating', from: 12, to: TO, step: null })
      expect(states[1]).toEqual({ state: 'updating', from: 12, to: TO, step: { phase: 'copy' } })
      expect(states.at(-2)).toEqual({
        state: 'updating',
        from: 12,
        to: TO,
        step: { phase: 'compact' },
      })
      expect(states.at(-1)).toEqual({ state: 'updated', from: 12, to: TO, notice: null })
      expect(states.slice(2, -2).map((s) => s.state === 'updating' && s.step?.phase)).toEqual(
        states.slice(2, -2).map(() => 'migrate'),
      )
      expect(library.paperList({}).ids).toHaveLength(42)
      expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(true)
      expect(readdirSync(join(dir, 'backups'))).toHaveLength(1)
    } finally {
      library.close()
    }
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(false)
  })

  it("says 'none' for a library with nothing to update", async () => {
    const dir = tempDir()
    const states: LibraryUpdateState[] = []
    const library = await startLibrary(dir, SEEDS, { onUpdateState: (s) => states.push(s) })
    library.close()
    expect(states).toEqual([{ state: 'none' }])
  })

  it('refuses, changing nothing, a library another running Margin holds', async () => {
    const dir = oldLibrary()
    // A process that runs (this test's parent) holds it.
    lockLibrary(dir, { pid: process.ppid })
    const states: LibraryUpdateState[] = []
    await expect(
      startLibrary(dir, SEEDS, { onUpdateState: (s) => states.push(s) }),
    ).rejects.toMatchObject({ code: 'LIBRARY_IN_USE' })
    expect(states).toEqual([
      {
        state: 'failed',
        code: 'LIBRARY_IN_USE',
        message: expect.stringContaining('another Margin'),
      },
    ])
    expect(existsSync(join(dir, 'backups'))).toBe(false)
  })

  it("reports an update that fails as 'failed' with its sentence, and releases the library", async () => {
    const dir = oldLibrary()
    writeFileSync(join(dir, 'backups'), 'a file where the backups folder goes')
    const states: LibraryUpdateState[] = []
    const failure = startLibrary(dir, SEEDS, { onUpdateState: (s) => states.push(s) })
    const error = (await failure.catch((e: unknown) => e)) as { code: string; message: string }
    expect(states.at(-1)).toEqual({ state: 'failed', code: error.code, message: error.message })
    expect(error.message).toContain(dir)
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(false)
    const db = openDatabase(join(dir, LIBRARY_FILE_NAME), { readonly: true })
    expect(db.pragma('user_version', { simple: true })).toBe(12)
    db.close()
  })

  it('leaves a library a check asked to recover to the recovery, not the worker', async () => {
    const dir = tempDir()
    openLibraryDb(dir, MIGRATIONS.slice(0, 12)).close()
    writeFileSync(
      join(dir, 'margin-library.needs-recovery.json'),
      JSON.stringify({ problems: ['a test'] }),
    )
    const states: LibraryUpdateState[] = []
    const library = await startLibrary(dir, SEEDS, { onUpdateState: (s) => states.push(s) })
    try {
      expect(states).toEqual([{ state: 'none' }])
      expect(library.warnings()[0]).toContain('Margin found damage in its library (a test)')
    } finally {
      library.close()
    }
  })
})

describe('createWaitingApi', () => {
  it('answers library:update at once and every other channel once the library is ready', async () => {
    const dir = oldLibrary()
    let state: LibraryUpdateState = { state: 'none' }
    const library = startLibrary(dir, SEEDS, { onUpdateState: (s) => (state = s) })
    const api = createWaitingApi(
      library.then((opened) =>
        createApi(opened, {
          emit: () => {},
          openExternal: async () => {},
          flushed: () => {},
          updateState: () => state,
        }),
      ),
      () => state,
    )
    let counted: unknown = null
    const counts = dispatch(api, 'library:counts', {}).then((answer) => (counted = answer))
    const first = await dispatch(api, 'library:update', {})
    expect(first).toEqual({
      ok: true,
      value: { state: 'updating', from: 12, to: TO, step: null },
    })
    expect(counted).toBeNull()
    await counts
    expect(counted).toMatchObject({ ok: true, value: { new: expect.any(Number) } })
    expect(await dispatch(api, 'library:update', {})).toEqual({
      ok: true,
      value: { state: 'updated', from: 12, to: TO, notice: null },
    })
    ;(await library).close()
  })

  it('answers every other channel with the failure when the library cannot open', async () => {
    const dir = oldLibrary()
    writeFileSync(join(dir, 'backups'), 'a file where the backups folder goes')
    let state: LibraryUpdateState = { state: 'none' }
    const library = startLibrary(dir, SEEDS, { onUpdateState: (s) => (state = s) })
    const api = createWaitingApi(
      library.then((opened) =>
        createApi(opened, { emit: () => {}, openExternal: async () => {}, flushed: () => {} }),
      ),
      () => state,
    )
    const answer = await dispatch(api, 'papers:get', { id: 1 })
    expect(answer).toMatchObject({ ok: false, error: { message: expect.stringContaining(dir) } })
    expect(await dispatch(api, 'library:update', {})).toEqual({
      ok: true,
      value: { state: 'failed', ...(answer.ok ? {} : answer.error) },
    })
  })

  it("puts an update's notice first among the library's warnings", async () => {
    const dir = tempDir()
    const library = await startLibrary(dir, SEEDS)
    try {
      const api = createApi(library, {
        emit: () => {},
        openExternal: async () => {},
        flushed: () => {},
        updateState: () => ({ state: 'updated', from: 12, to: TO, notice: 'Not compacted.' }),
      })
      expect(await dispatch(api, 'library:warnings', {})).toEqual({
        ok: true,
        value: ['Not compacted.', ...library.warnings()],
      })
    } finally {
      library.close()
    }
  })
})
