import {
  closeSync,
  copyFileSync,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  writeFileSync,
  writeSync,
} from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openLibrary } from '../../library'
import { useTempDir } from '../../testing/tempDirs'
import { damageTablePage } from '../../testing/damage'
import { dumpTables } from '../../testing/dumpTables'
import { LIBRARY_FILE_NAME, openLibraryDb, PAGE_SIZE } from '../openLibrary'
import { MIGRATIONS } from '../migrations'
import { openDatabase } from '../sqlite'
import { compactLibrary } from './compact'
import { pendingUpdate } from './pendingUpdate'
import type { LibraryUpdateProgress } from './updateEntry'
import { updateLibraryInWorker } from './updateWorker'

const FIXTURE = join(__dirname, '../fixtures/schema-12-library.sqlite')
const tempDir = useTempDir()

/** A folder holding a copy of the library the current release (schema 12) leaves. */
function oldLibrary(): string {
  const dir = tempDir()
  copyFileSync(FIXTURE, join(dir, LIBRARY_FILE_NAME))
  return dir
}

/** Every table's rows but the full-text indexes' internals, which the update rebuilds. */
function plainTables(dir: string): Record<string, unknown[]> {
  const db = openDatabase(join(dir, LIBRARY_FILE_NAME), { readonly: true })
  try {
    return Object.fromEntries(
      Object.entries(dumpTables(db)).filter(([name]) => !name.endsWith(' terms')),
    )
  } finally {
    db.close()
  }
}

function pragma(dir: string, name: string): unknown {
  const db = openDatabase(join(dir, LIBRARY_FILE_NAME), { readonly: true })
  try {
    return db.pragma(name, { simple: true })
  } finally {
    db.close()
  }
}

/** The message openLibraryDb throws on this thread for the library in `dir`. */
function errorOpeningHere(dir: string): { code: string; message: string } {
  try {
    openLibraryDb(dir).close()
  } catch (error) {
    const { code, message } = error as { code: string; message: string }
    return { code, message }
  }
  throw new Error('the library opened')
}

describe('pendingUpdate', () => {
  it('reads the schemas an old library goes between from its header, changing nothing', () => {
    const dir = oldLibrary()
    const before = readFileSync(join(dir, LIBRARY_FILE_NAME))
    expect(pendingUpdate(dir)).toEqual({ from: 12, to: MIGRATIONS.length })
    expect(readdirSync(dir)).toEqual([LIBRARY_FILE_NAME])
    expect(readFileSync(join(dir, LIBRARY_FILE_NAME)).equals(before)).toBe(true)
  })

  it('is null with no library, creating nothing, not even the folder', () => {
    const dir = join(tempDir(), 'not-yet')
    expect(pendingUpdate(dir)).toBeNull()
    expect(existsSync(dir)).toBe(false)
    const empty = tempDir()
    expect(pendingUpdate(empty)).toBeNull()
    expect(readdirSync(empty)).toEqual([])
  })

  it('is null for a library that is up to date, one from a newer Margin, and a non-database', () => {
    const current = tempDir()
    openLibraryDb(current).close()
    expect(pendingUpdate(current)).toBeNull()
    const newer = tempDir()
    openLibraryDb(newer, MIGRATIONS.slice(0, 12)).close()
    const db = openDatabase(join(newer, LIBRARY_FILE_NAME))
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`)
    db.close()
    expect(pendingUpdate(newer)).toBeNull()
    const text = tempDir()
    writeFileSync(
      join(text, LIBRARY_FILE_NAME),
      'not a database, only text that is long enough '.repeat(5),
    )
    expect(pendingUpdate(text)).toBeNull()
  })
})

describe('updateLibraryInWorker, on the library the current release leaves', () => {
  it('keeps every table row for row, reports copy, migrate and compact in order, and compacts to PAGE_SIZE', async () => {
    const dir = oldLibrary()
    const before = plainTables(dir)
    const steps: LibraryUpdateProgress[] = []

    const result = await updateLibraryInWorker(dir, (step) => steps.push(step))

    expect(result).toEqual({
      update: { from: 12, to: MIGRATIONS.length },
      compaction: { ok: true },
    })
    const after = plainTables(dir)
    for (const [table, rows] of Object.entries(before)) {
      expect(after[table], table).toEqual(rows)
    }
    // Only the deferred indexing's two tables are new, and they are empty.
    expect(Object.keys(after).filter((table) => !(table in before))).toEqual([
      'index_deferral',
      'index_queue',
    ])
    expect(after.index_queue).toEqual([])

    expect(steps[0]).toEqual({ phase: 'copy' })
    expect(steps.at(-1)).toEqual({ phase: 'compact' })
    const migrating = steps.slice(1, -1)
    expect(migrating.length).toBeGreaterThanOrEqual(2)
    expect(migrating.every((step) => step.phase === 'migrate' && step.schema === 13)).toBe(true)
    const done = migrating.map((step) => (step.phase === 'migrate' ? step.done : -1))
    expect(done).toEqual([...done].sort((a, b) => a - b))
    expect(migrating.at(-1)).toEqual({ phase: 'migrate', schema: 13, done: 42, total: 42 })

    expect(readdirSync(join(dir, 'backups'))).toEqual([
      expect.stringMatching(/^margin-library-schema-12-\d{8}T\d{6}\.sqlite$/),
    ])
    expect(pragma(dir, 'page_size')).toBe(PAGE_SIZE)
    expect(pragma(dir, 'journal_mode')).toBe('wal')
    expect(pragma(dir, 'integrity_check')).toBe('ok')
    expect(pragma(dir, 'user_version')).toBe(MIGRATIONS.length)
    expect(pendingUpdate(dir)).toBeNull()
  })

  it('leaves a library whose search finds titles, notes, highlight comments, tags and PDF pages', async () => {
    const dir = oldLibrary()
    await updateLibraryInWorker(dir)
    const library = openLibrary(dir)
    try {
      const found = (text: string) => library.paperList({}, text).ids
      expect(found('NanoFlow')).toContain(1) // a title word
      expect(found('written')).toEqual([9]) // only in paper 9's note
      expect(found('claim')).toEqual([1]) // only in a highlight's comment
      expect(found('systems')).toContain(7) // paper 7's tag, not in its text
      expect(found('retrieval')).toContain(4) // paper 4's tag
      expect(found('Cleo')).toEqual([1]) // only on a page of paper 1's PDF
      expect(library.paperList({ tag: 'retrieval' }).ids).toEqual([4])
    } finally {
      library.close()
    }
  })

  it('waits before compacting while held, and compacts once released', async () => {
    const dir = oldLibrary()
    let release = () => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    const steps: LibraryUpdateProgress[] = []
    let indexed = () => {}
    const allIndexed = new Promise<void>((resolve) => (indexed = resolve))
    const update = updateLibraryInWorker(
      dir,
      (step) => {
        steps.push(step)
        if (step.phase === 'migrate' && step.done === step.total) indexed()
      },
      { holdBeforeCompacting: held },
    )
    await allIndexed
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(steps.map((step) => step.phase)).not.toContain('compact')
    // The file's page size (header bytes 16-17) is still the old library's.
    expect(readFileSync(join(dir, LIBRARY_FILE_NAME)).readUInt16BE(16)).toBe(4096)
    release()
    expect((await update).compaction).toEqual({ ok: true })
    expect(steps.at(-1)).toEqual({ phase: 'compact' })
    expect(pragma(dir, 'page_size')).toBe(PAGE_SIZE)
  })

  it('has nothing to do on a library that is up to date', async () => {
    const dir = tempDir()
    openLibraryDb(dir).close()
    const steps: LibraryUpdateProgress[] = []
    expect(await updateLibraryInWorker(dir, (step) => steps.push(step))).toEqual({
      update: null,
      compaction: null,
    })
    expect(steps).toEqual([])
  })
})

describe('updateLibraryInWorker, when the update cannot be made', () => {
  it('refuses a library from a newer Margin with the sentence opening it here gives', async () => {
    const dir = oldLibrary()
    const db = openDatabase(join(dir, LIBRARY_FILE_NAME))
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`)
    db.close()
    const here = errorOpeningHere(dir)
    expect(here.code).toBe('LIBRARY_TOO_NEW')
    await expect(updateLibraryInWorker(dir)).rejects.toMatchObject(here)
  })

  it('changes nothing when the checked copy of a damaged page cannot be kept (BACKUP_FAILED)', async () => {
    const dir = oldLibrary()
    damageTablePage(join(dir, LIBRARY_FILE_NAME), 'notes')
    const here = errorOpeningHere(dir)
    expect(here.code).toBe('BACKUP_FAILED')
    await expect(updateLibraryInWorker(dir)).rejects.toMatchObject(here)
    expect(pendingUpdate(dir)).toEqual({ from: 12, to: MIGRATIONS.length })
    expect(readdirSync(join(dir, 'backups'))).toEqual([])
  })

  it('reports a library SQLite cannot read as damaged (LIBRARY_DAMAGED), as opening it here does', async () => {
    const dir = oldLibrary()
    // The schema's page (after the 100-byte file header) scribbled over.
    const fd = openSync(join(dir, LIBRARY_FILE_NAME), 'r+')
    writeSync(fd, Buffer.alloc(200, 0x5a), 0, 200, 100)
    closeSync(fd)
    const here = errorOpeningHere(dir)
    expect(here.code).toBe('LIBRARY_DAMAGED')
    await expect(updateLibraryInWorker(dir)).rejects.toMatchObject(here)
  })

  it('gives any other refusal with the same code and sentence (a file where backups/ goes)', async () => {
    const dir = oldLibrary()
    writeFileSync(join(dir, 'backups'), 'a file where the backups folder goes')
    const here = errorOpeningHere(dir)
    await expect(updateLibraryInWorker(dir)).rejects.toMatchObject(here)
    expect(pendingUpdate(dir)).toEqual({ from: 12, to: MIGRATIONS.length })
  })
})

describe('compactLibrary', () => {
  it('reports a failure (a full disk) and leaves the updated library as it was, in WAL', () => {
    const dir = oldLibrary()
    const db = openLibraryDb(dir)
    const before = dumpTables(db)
    // No page beyond the file's present size: as a full disk, SQLite answers SQLITE_FULL.
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`)
    const compaction = compactLibrary(db)
    expect(compaction).toEqual({ ok: false, reason: 'database or disk is full' })
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('page_size', { simple: true })).toBe(4096)
    expect(dumpTables(db)).toEqual(before)
    db.close()
    expect(pragma(dir, 'integrity_check')).toBe('ok')
  })

  it('reports another connection in the way instead of throwing', () => {
    const dir = oldLibrary()
    const db = openLibraryDb(dir)
    db.pragma('busy_timeout = 0')
    const reader = openDatabase(join(dir, LIBRARY_FILE_NAME))
    reader.exec('BEGIN')
    reader.prepare('SELECT count(*) FROM papers').get()
    expect(compactLibrary(db)).toEqual({ ok: false, reason: 'database is locked' })
    reader.exec('COMMIT')
    reader.close()
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(compactLibrary(db)).toEqual({ ok: true })
    expect(db.pragma('page_size', { simple: true })).toBe(PAGE_SIZE)
    db.close()
  })
})
