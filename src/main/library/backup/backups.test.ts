import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openLibrary } from '../library'
import { SEED_DIGEST, useTempDir } from '../testing/tempDirs'
import { backUpIfDue, backupsToKeep, checkLibraryFile } from './backups'

const tempDir = useTempDir()
const DAY = 24 * 60 * 60 * 1000

describe('automatic backups', () => {
  it('makes one a day, checked, and keeps only the newest few', async () => {
    const dir = tempDir()
    const library = openLibrary(dir)
    await library.importFiles([SEED_DIGEST])
    const start = Date.UTC(2026, 10, 1, 9)
    const made: string[] = []
    for (let day = 0; day < 5; day++) {
      const now = new Date(start + day * DAY)
      const path = await backUpIfDue(library, dir, { now, keep: 3 })
      expect(path).not.toBeNull()
      // The file's time is when it was made, as if the days had passed.
      utimesSync(path!, now, now)
      made.push(path!)
      expect(await backUpIfDue(library, dir, { now: new Date(now.getTime() + DAY / 2) })).toBeNull()
    }
    const kept = readdirSync(join(dir, 'backups')).map((name) => join(dir, 'backups', name))
    expect(kept.sort()).toEqual(made.slice(-3).sort())
    expect(checkLibraryFile(kept[0]!)).toMatchObject({ ok: true })
    library.close()
  })

  it('sweeps away copies a crash left unfinished', async () => {
    const dir = tempDir()
    const library = openLibrary(dir)
    mkdirSync(join(dir, 'backups'))
    const leftover = join(dir, 'backups', 'margin-library-20261101-090000.sqlite.partial-journal')
    writeFileSync(leftover, 'half')
    await backUpIfDue(library, dir)
    expect(existsSync(leftover)).toBe(false)
    library.close()
  })

  it('reads how many to keep from MARGIN_BACKUP_KEEP', () => {
    expect(backupsToKeep({ MARGIN_BACKUP_KEEP: '14' })).toBe(14)
    expect(backupsToKeep({ MARGIN_BACKUP_KEEP: '0' })).toBe(7)
    expect(backupsToKeep({ MARGIN_BACKUP_KEEP: 'many' })).toBe(7)
    expect(backupsToKeep({})).toBe(7)
  })
})
