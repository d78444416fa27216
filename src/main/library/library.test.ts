import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { openLibraryDb, LIBRARY_FILE_NAME } from './db/openLibrary'
import { MIGRATIONS, SCHEMA_VERSION } from './db/migrations'
import { openLibrary, type Library } from './library'
import { dumpTables } from './testing/dumpTables'
import { SEED_DIGEST, useTempDir, writeFile } from './testing/tempDirs'
import Database from 'better-sqlite3'

const tempDir = useTempDir()
const NOW = Date.UTC(2026, 10, 29, 12)

function freshLibrary(now = () => NOW): { library: Library; dir: string } {
  const dir = tempDir()
  return { library: openLibrary(dir, { now }), dir }
}

const dump = (library: Library) => dumpTables(library.db)

const digest = (date: string, ...papers: Array<[string, string]>) =>
  `${date}\n\n${papers.map(([title, abstract]) => `${title}\n\n${abstract}`).join('\n\n')}\n`

describe('import', async () => {
  it('imports the seed digest: 38 papers under Aug 6, all new', async () => {
    const { library } = freshLibrary()
    const report = await library.importFiles([SEED_DIGEST])
    expect(report.files).toEqual([
      {
        file: SEED_DIGEST,
        ok: true,
        source: 'text-digest',
        digests: [{ date: '2026-08-06', papers: 38 }],
        added: 38,
        alreadyPresent: 0,
        alreadyImported: false,
      },
    ])
    const papers = library.listPapers()
    expect(papers).toHaveLength(38)
    expect(papers.every((p) => p.status === 'new' && p.digests.join() === '2026-08-06')).toBe(true)
    expect(papers[0]!.title).toBe(
      'NanoFlow: Towards Optimal Large Language Model Serving Throughput',
    )
    expect(library.listDigests()).toMatchObject([
      { date: '2026-08-06', paperCount: 38, newCount: 38 },
    ])
  })

  it('re-importing a file adds nothing and says so', async () => {
    const { library } = freshLibrary()
    await library.importFiles([SEED_DIGEST])
    const before = dump(library)
    const [again] = (await library.importFiles([SEED_DIGEST])).files
    expect(again).toMatchObject({ ok: true, added: 0, alreadyPresent: 38, alreadyImported: true })
    expect(dump(library)).toEqual(before)
  })

  it('dedupes papers across digests by normalized title and keeps every appearance', async () => {
    const { library, dir } = freshLibrary()
    const first = writeFile(
      dir,
      'a.txt',
      digest('Aug 6', ['Deep Nets: A Study', 'Abstract one.'], ['Other', 'Two.']),
    )
    const second = writeFile(
      dir,
      'b.txt',
      digest('Aug 7', ['deep nets — a study', 'Abstract one, again.'], ['New one', 'Three.']),
    )
    await library.importFiles([first])
    expect((await library.importFiles([second])).files[0]).toMatchObject({
      added: 1,
      alreadyPresent: 1,
      alreadyImported: false,
    })
    const papers = library.listPapers()
    expect(papers.map((p) => [p.title, p.digests])).toEqual([
      ['Deep Nets: A Study', ['2026-08-07', '2026-08-06']],
      ['New one', ['2026-08-07']],
      ['Other', ['2026-08-06']],
    ])
    expect(library.listPapers({ digest: '2026-08-06' }).map((p) => p.title)).toEqual([
      'Deep Nets: A Study',
      'Other',
    ])
  })

  it('dedupes by arXiv id even when the titles differ, and fills in a missing id', async () => {
    const { library, dir } = freshLibrary()
    const a = writeFile(
      dir,
      'a.txt',
      'Aug 6\n\nTitle v1\n\narXiv:2408.00001\n\nAbs.\n\nNo id yet\n\nAbs.\n',
    )
    const b = writeFile(
      dir,
      'b.txt',
      'Aug 7\n\nTitle v2 (renamed)\n\n2408.00001\n\nAbs.\n\nNo id yet\n\n2408.00002\n\nAbs.\n',
    )
    await library.importFiles([a, b])
    expect(library.listPapers().map((p) => [p.title, p.arxivId])).toEqual([
      ['Title v1', '2408.00001'],
      ['No id yet', '2408.00002'],
    ])
  })

  it('never changes a status on import', async () => {
    const { library, dir } = freshLibrary()
    await library.importFiles([SEED_DIGEST])
    library.setStatus(1, 'read')
    const title = 'NanoFlow: Towards Optimal Large Language Model Serving Throughput'
    await library.importFiles([writeFile(dir, 'aug7.txt', digest('Aug 7', [title, 'Same paper.']))])
    expect(library.getPaper(1).status).toBe('read')
  })

  it('is all-or-nothing per file: a failure midway leaves the library exactly as before', async () => {
    const { library, dir } = freshLibrary()
    await library.importFiles([SEED_DIGEST])
    const before = dump(library)
    library.db
      .exec(`CREATE TEMP TRIGGER fail_midway BEFORE INSERT ON papers WHEN NEW.title = 'Third'
      BEGIN SELECT RAISE(ABORT, 'disk full'); END`)
    const file = writeFile(
      dir,
      'mid.txt',
      digest('Aug 9', ['First', 'A.'], ['Second', 'B.'], ['Third', 'C.'], ['Fourth', 'D.']),
    )
    const [report] = (await library.importFiles([file])).files
    expect(report).toMatchObject({ ok: false, error: { code: 'WRITE_FAILED' } })
    expect(!report!.ok && report!.error.message).toMatch(
      /mid\.txt: the library could not store it .*disk full.*nothing was written/,
    )
    expect(dump(library)).toEqual(before)
  })

  it('rolls back only the failing file when files of one run share a commit', async () => {
    const { library, dir } = freshLibrary()
    library.db
      .exec(`CREATE TEMP TRIGGER fail_midway BEFORE INSERT ON papers WHEN NEW.title = 'Bad 2'
      BEGIN SELECT RAISE(ABORT, 'disk full'); END`)
    const files = [
      writeFile(dir, 'good1.txt', digest('Aug 6', ['Good 1', 'A.'])),
      writeFile(dir, 'bad.txt', digest('Aug 7', ['Bad 1', 'B.'], ['Bad 2', 'C.'])),
      writeFile(dir, 'good2.txt', digest('Aug 8', ['Good 2', 'D.'])),
    ]
    const report = await library.importFiles(files)
    expect(report.files.map((f) => f.ok)).toEqual([true, false, true])
    expect(library.listPapers().map((p) => p.title)).toEqual(['Good 2', 'Good 1'])
    expect(library.listDigests().map((d) => d.date)).toEqual(['2026-08-08', '2026-08-06'])
  })

  it('imports the good files of a run when another one is bad', async () => {
    const { library, dir } = freshLibrary()
    const bad = writeFile(dir, 'bad.txt', 'Aug 6\n\nOnly a title')
    const report = await library.importFiles([bad, SEED_DIGEST])
    expect(report.files.map((f) => f.ok)).toEqual([false, true])
    expect(library.listPapers()).toHaveLength(38)
  })
})

describe('status, notes and tags', async () => {
  it('stores every status change with its time, and ignores a no-op change', async () => {
    let now = NOW
    const { library } = freshLibrary(() => now)
    await library.importFiles([SEED_DIGEST])
    library.setStatus(5, 'to-read')
    now += 60_000
    library.setStatus(5, 'to-read')
    library.setStatus(5, 'read')
    expect(library.getPaper(5).statusHistory).toEqual([
      { from: 'new', to: 'to-read', at: NOW },
      { from: 'to-read', to: 'read', at: NOW + 60_000 },
    ])
    expect(library.listDigests()[0]).toMatchObject({ paperCount: 38, newCount: 37 })
    expect(library.listPapers({ status: 'read' }).map((p) => p.id)).toEqual([5])
  })

  it('keeps one markdown note per paper with its time; an empty note removes it', async () => {
    const { library } = freshLibrary()
    await library.importFiles([SEED_DIGEST])
    library.saveNote(2, '# Thoughts\n\n- first')
    expect(library.getPaper(2)).toMatchObject({ note: '# Thoughts\n\n- first', noteUpdatedAt: NOW })
    library.saveNote(2, '  ')
    expect(library.getPaper(2)).toMatchObject({ note: null, noteUpdatedAt: null })
  })

  it('adds and removes tags, unique regardless of case', async () => {
    const { library } = freshLibrary()
    await library.importFiles([SEED_DIGEST])
    library.addTags(3, ['LLM', 'systems'])
    library.addTags(4, ['llm'])
    expect(library.getPaper(4).tags).toEqual(['LLM'])
    library.removeTags(3, ['llm'])
    expect(library.getPaper(3).tags).toEqual(['systems'])
    expect(() => library.addTags(3, ['  '])).toThrow(/is not a tag/)
  })

  it('names a missing paper', async () => {
    const { library } = freshLibrary()
    expect(() => library.setStatus(99, 'read')).toThrow('There is no paper with id 99.')
  })
})

describe('openLibrary', async () => {
  it('creates a WAL library with foreign keys at the current schema', async () => {
    const { library } = freshLibrary()
    expect(library.db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(library.db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(library.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
  })

  it('brings a library made by the first schema up to date, keeping its data', async () => {
    const dir = tempDir()
    const first = openLibraryDb(dir, MIGRATIONS.slice(0, 1))
    first.exec(`
      INSERT INTO papers (id, title, abstract, title_key, added_at) VALUES (1, 'Old paper', 'Abs.', 'old paper', 1);
      INSERT INTO digests (id, date, source_file, content_hash, imported_at) VALUES (1, '2024-08-06', 'a.txt', 'h', 1);
      INSERT INTO digest_papers VALUES (1, 1, 0);
      INSERT INTO notes VALUES (1, 'my note', 2);`)
    first.close()
    const library = openLibrary(dir)
    expect(library.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    expect(library.listPapers()).toMatchObject([
      { title: 'Old paper', note: 'my note', digests: ['2024-08-06'] },
    ])
    // A checked copy of the library as it was before the update is kept in backups/.
    const [backup, ...others] = readdirSync(join(dir, 'backups'))
    expect(others).toEqual([])
    expect(backup).toMatch(/^margin-library-schema-1-\d{8}T\d{6}\.sqlite$/)
    const copy = new Database(join(dir, 'backups', backup!), { readonly: true })
    expect(copy.pragma('user_version', { simple: true })).toBe(1)
    expect(copy.prepare('SELECT body FROM notes').pluck().get()).toBe('my note')
    copy.close()
  })

  it('indexes the authors and categories a schema-6 library already holds', () => {
    const dir = tempDir()
    const before = openLibraryDb(dir, MIGRATIONS.slice(0, 6))
    before.exec(`
      INSERT INTO papers (id, title, abstract, title_key, added_at, authors, categories)
        VALUES (1, 'Old paper', 'Abs.', 'old paper', 1, '["Grace Hopper"]', '["cs.PL"]');
      INSERT INTO digests (id, date, source_file, content_hash, imported_at) VALUES (1, '2024-08-06', 'a.txt', 'h', 1);
      INSERT INTO digest_papers VALUES (1, 1, 0);`)
    before.close()
    const library = openLibrary(dir)
    const found = (query: string) => library.searchPapers({}, query).papers.map((p) => p.id)
    expect(found('author:hopper')).toEqual([1])
    expect(found('cat:cs')).toEqual([1])
    expect(found('author:lovelace')).toEqual([])
    library.close()
  })

  it('updates a library although a crash left half a pre-update backup under the same name', () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 10, 29, 12), toFake: ['Date'] })
    try {
      const dir = tempDir()
      openLibraryDb(dir, MIGRATIONS.slice(0, 1)).close()
      mkdirSync(join(dir, 'backups'))
      const partial = join(dir, 'backups', 'margin-library-schema-1-20261129T120000.sqlite.partial')
      writeFileSync(partial, 'half a copy')
      writeFileSync(`${partial}-journal`, 'and its journal')
      const library = openLibrary(dir)
      expect(library.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
      library.close()
      expect(readdirSync(join(dir, 'backups'))).toEqual([
        'margin-library-schema-1-20261129T120000.sqlite',
      ])
    } finally {
      vi.useRealTimers()
    }
  })

  it('refuses a library written by a newer Margin, leaving it untouched', async () => {
    const dir = tempDir()
    const db = new Database(join(dir, LIBRARY_FILE_NAME))
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`)
    db.close()
    expect(() => openLibrary(dir)).toThrow(
      /written by a newer version of Margin .*Update Margin to open it/,
    )
    const after = new Database(join(dir, LIBRARY_FILE_NAME))
    expect(after.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 1)
    after.close()
  })

  it('refuses a file that is not a library, saying it is damaged and what recovers it', async () => {
    const dir = tempDir()
    writeFile(dir, LIBRARY_FILE_NAME, 'not a database at all, just text '.repeat(100))
    expect(() => openLibrary(dir)).toThrow(
      /The library at .* is damaged: file is not a database\. The desktop app sets it aside and restores the newest good backup when it starts; `margin restore FILE` restores one by hand\./,
    )
  })
})
