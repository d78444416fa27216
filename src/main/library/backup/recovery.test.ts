import { existsSync, readdirSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LIBRARY_FILE_NAME } from '../db/openLibrary'
import { openLibrary, type Library } from '../library'
import { damageTablePage } from '../testing/damage'
import { SEED_DIGEST, useTempDir } from '../testing/tempDirs'
import { checkLibraryFile } from './backups'
import { checkOpenLibrary, recoveryNotice } from './recovery'

const tempDir = useTempDir()
const NOW = Date.UTC(2026, 10, 29, 12)

/** A library with the sample digest and a note, backed up at `backupAt`, then closed. */
async function libraryWithBackup(dir: string, backupAt: Date): Promise<string> {
  const library = openLibrary(dir)
  await library.importFiles([SEED_DIGEST])
  const first = library.listPapers()[0]!
  library.saveNote(first.id, 'written before the backup')
  const { path } = await library.backup(
    join(dir, 'backups', 'margin-library-20261128-120000.sqlite'),
  )
  utimesSync(path, backupAt, backupAt)
  library.saveNote(first.id, 'written after the backup')
  library.db.pragma('wal_checkpoint(TRUNCATE)')
  library.close()
  return path
}

const libraryFile = (dir: string) => join(dir, LIBRARY_FILE_NAME)
const noteOfFirst = (library: Library) => library.getPaper(library.listPapers()[0]!.id).note

/** Opens as the app does and tells whether that recovered the library. */
function recoveredOnOpen(dir: string): boolean {
  const library = openLibrary(dir, { recover: true })
  library.close()
  return library.recovery !== null
}

describe('a library that fails its check', () => {
  it('is found by the quick check on a worker, which asks the next open to recover it', async () => {
    const dir = tempDir()
    await libraryWithBackup(dir, new Date(NOW - 3_600_000))
    expect(await checkOpenLibrary(dir)).toEqual({ ok: true, problems: [] })
    expect(recoveredOnOpen(dir)).toBe(false)

    damageTablePage(libraryFile(dir), 'papers')
    const check = await checkOpenLibrary(dir)
    expect(check.ok).toBe(false)
    expect(check.problems.join('\n')).toMatch(/Tree \d+ page \d+/)

    const library = openLibrary(dir, { recover: true, now: () => NOW })
    expect(library.recovery).toMatchObject({
      damagedPath: join(dir, 'margin-library.damaged-2026-11-29T12-00-00-000Z.sqlite'),
      restoredFrom: join(dir, 'backups', 'margin-library-20261128-120000.sqlite'),
    })
    expect(noteOfFirst(library)).toBe('written before the backup')
    expect(library.check()).toEqual({ ok: true, problems: [] })
    expect(library.warnings()[0]).toMatch(
      /^Margin found damage in its library \(Tree \d+ page \d+.*\) and set it aside, unchanged, as .*margin-library\.damaged-2026-11-29T12-00-00-000Z\.sqlite\. It restored the newest good backup, from .* changes made after that backup are only in the damaged file\.$/,
    )
    library.close()
    // Asked once: the next open is an ordinary one.
    expect(recoveredOnOpen(dir)).toBe(false)
  })

  it('that cannot even be opened is set aside with its log, and the newest good backup restored', async () => {
    const dir = tempDir()
    const good = await libraryWithBackup(dir, new Date(NOW - 2 * 3_600_000))
    // A newer backup that is itself damaged is passed over.
    const bad = join(dir, 'backups', 'margin-library-20261129-110000.sqlite')
    writeFileSync(bad, 'not a database at all, though it is newer')
    writeFileSync(libraryFile(dir), 'SQLite format 3\0 and then garbage where the pages should be')
    writeFileSync(`${libraryFile(dir)}-wal`, 'the log that came with it')

    expect(() => openLibrary(dir)).toThrow(/The library at .* is damaged: file is not a database/)
    const library = openLibrary(dir, { recover: true, now: () => NOW })
    const { damagedPath } = library.recovery!
    expect(library.recovery).toMatchObject({ restoredFrom: good })
    expect(library.recovery!.problems).toEqual(['file is not a database'])
    expect(noteOfFirst(library)).toBe('written before the backup')
    library.close()
    expect(existsSync(damagedPath)).toBe(true)
    expect(existsSync(`${damagedPath}-wal`)).toBe(true)
    expect(checkLibraryFile(bad).ok).toBe(false)
  })

  it('with no good backup is set aside and a new library started, saying so', () => {
    const dir = tempDir()
    writeFileSync(libraryFile(dir), 'SQLite format 3\0 garbage')
    const library = openLibrary(dir, { recover: true, now: () => NOW })
    expect(library.recovery).toMatchObject({ restoredFrom: null })
    expect(library.hasDigests()).toBe(false)
    expect(recoveryNotice(library.recovery!)).toMatch(
      /No good backup was found, so Margin started a new library; the damaged file may still be rescued/,
    )
    library.close()
    expect(readdirSync(dir).filter((name) => name.includes('damaged'))).toHaveLength(1)
  })

  it('is never set aside for a failure that is not damage', () => {
    const dir = tempDir()
    const library = openLibrary(dir)
    library.db.pragma('user_version = 99')
    library.close()
    expect(() => openLibrary(dir, { recover: true })).toThrow(/newer version of Margin/)
    expect(readdirSync(dir).filter((name) => name.includes('damaged'))).toEqual([])
  })
})
