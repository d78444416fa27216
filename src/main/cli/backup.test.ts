import Database from 'better-sqlite3'
import { readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { MIGRATIONS, SCHEMA_VERSION } from '../library/db/migrations'
import { LIBRARY_FILE_NAME, openLibraryDb } from '../library/db/openLibrary'
import { SEED_DIGEST, useTempDir } from '../library/testing/tempDirs'
import { margin } from './testing/margin'

const tempDir = useTempDir()

function seededLibrary(): string {
  const lib = tempDir()
  expect(margin(['import', SEED_DIGEST, '--library', lib]).code).toBe(0)
  return lib
}

const statusOf = (lib: string, id: number) =>
  JSON.parse(margin(['show', String(id), '--json', '--library', lib]).stdout).status as string

describe('margin check, backup and restore', () => {
  it('checks a sound library, and names what is wrong with a broken one', () => {
    const lib = seededLibrary()
    expect(margin(['check', '--library', lib])).toMatchObject({
      code: 0,
      stdout: 'The library passed its integrity and foreign-key checks.\n',
    })
    const db = new Database(join(lib, LIBRARY_FILE_NAME))
    db.pragma('foreign_keys = OFF')
    db.exec("INSERT INTO notes (paper_id, body, updated_at) VALUES (9999, 'orphan', 1)")
    db.close()
    const broken = margin(['check', '--library', lib])
    expect(broken.code).toBe(1)
    expect(broken.stderr).toContain('notes row')
    expect(broken.stderr).toContain('refers to a missing papers row')
  })

  it('backs up to a verified file, and restores it, keeping the replaced library', () => {
    const lib = seededLibrary()
    const out = join(tempDir(), 'before.sqlite')
    expect(margin(['backup', '--out', out, '--library', lib])).toMatchObject({
      code: 0,
      stdout: `Backed up and verified: ${out}\n`,
    })
    expect(margin(['backup', '--out', out, '--library', lib]).stderr).toContain('already exists')
    expect(margin(['status', '1', 'read', '--library', lib]).code).toBe(0)
    expect(statusOf(lib, 1)).toBe('read')

    const restored = margin(['restore', out, '--json', '--library', lib])
    expect(restored.code).toBe(0)
    const { keptAs } = JSON.parse(restored.stdout) as { keptAs: string }
    expect(statusOf(lib, 1)).toBe('new')
    // The replaced library, with the change, is kept beside it.
    const kept = new Database(keptAs, { readonly: true })
    expect(kept.prepare('SELECT status FROM papers WHERE id = 1').pluck().get()).toBe('read')
    kept.close()
  })

  it('writes a default backup into the library folder', () => {
    const lib = seededLibrary()
    expect(margin(['backup', '--library', lib]).code).toBe(0)
    expect(readdirSync(join(lib, 'backups'))).toEqual([
      expect.stringMatching(/^margin-library-\d{8}-\d{6}\.sqlite$/),
    ])
  })

  it('refuses to restore a file that is not a sound library, leaving the library as it was', () => {
    const lib = seededLibrary()
    const junk = join(tempDir(), 'junk.sqlite')
    writeFileSync(junk, 'not a database at all, just text')
    const result = margin(['restore', junk, '--library', lib])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('is not a good backup')
    expect(result.stderr).toContain('the library was left as it was')
    expect(margin(['check', '--library', lib]).code).toBe(0)
    expect(JSON.parse(margin(['list', '--json', '--library', lib]).stdout)).toHaveLength(38)
  })

  it('says so before it updates an older library, and only then', () => {
    const lib = tempDir()
    openLibraryDb(lib, MIGRATIONS.slice(0, 6)).close()
    const first = margin(['check', '--library', lib])
    expect(first.code).toBe(0)
    expect(first.stderr).toBe(
      [
        `Updating the library to this version's format (schema 6 to ${SCHEMA_VERSION}). A checked copy of it is kept in backups/ first; on a large library this takes a minute.`,
        '  kept a checked copy in backups/',
        '  compacting',
        '',
      ].join('\n'),
    )
    expect(readdirSync(join(lib, 'backups'))).toEqual([
      expect.stringMatching(/^margin-library-schema-6-/),
    ])
    expect(margin(['check', '--library', lib]).stderr).toBe('')
    // A new library is made at the current schema: nothing to update.
    expect(margin(['check', '--library', tempDir()]).stderr).toBe('')
  })
})
