import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LIBRARY_FILE_NAME } from '../library/db/openLibrary'
import { SEED_DIGEST, useTempDir, writeFile } from '../library/testing/tempDirs'
import { margin } from './testing/margin'

const tempDir = useTempDir()

function libraryBytes(dir: string): Buffer {
  return readFileSync(join(dir, LIBRARY_FILE_NAME))
}

describe('margin import', () => {
  it('imports the seed (38 added), then again (0 added), and list returns the file exactly', () => {
    const lib = tempDir()
    const first = margin(['import', SEED_DIGEST, '--library', lib, '--json'])
    expect(first.code).toBe(0)
    expect(JSON.parse(first.stdout)).toMatchObject({ added: 38, alreadyPresent: 0, failed: 0 })
    const second = margin(['import', SEED_DIGEST, '--library', lib, '--json'])
    expect(JSON.parse(second.stdout)).toMatchObject({
      added: 0,
      alreadyPresent: 38,
      files: [{ alreadyImported: true }],
    })

    const listed = JSON.parse(margin(['list', '--library', lib, '--json']).stdout)
    const lines = readFileSync(SEED_DIGEST, 'utf8').split('\n')
    const body = lines.slice(lines.indexOf('Aug 6') + 1).filter((l) => l.trim() !== '')
    expect(listed).toHaveLength(38)
    listed.forEach((paper: Record<string, unknown>, i: number) => {
      expect(paper).toMatchObject({
        title: body[2 * i],
        abstract: body[2 * i + 1],
        arxivId: null,
        status: 'new',
        note: null,
        tags: [],
      })
      expect((paper.digests as string[])[0]).toMatch(/^\d{4}-08-06$/)
    })
    expect(listed.flatMap((p: { links: string[] }) => p.links)).toHaveLength(5)
  })

  it('prints a readable report and honours --year', () => {
    const lib = tempDir()
    const result = margin(['import', SEED_DIGEST, '--library', lib, '--year', '2024'])
    expect(result.code).toBe(0)
    expect(result.stdout).toBe(
      `${SEED_DIGEST} (Daily Papers text)\n  2024-08-06: 38 papers\n  38 added, 0 already present\n`,
    )
  })

  it('with --dry-run says what would change and writes nothing', () => {
    const lib = tempDir()
    margin(['import', SEED_DIGEST, '--library', lib, '--year', '2024'])
    const json = join(__dirname, '../library/digest/sources/fixtures/hf-daily-aug-7.json')
    const preview = margin(['import', json, '--library', lib, '--dry-run'])
    expect(preview.code).toBe(0)
    expect(preview.stdout).toBe(
      `Dry run: nothing was written.\n${json} (Hugging Face JSON)\n  2024-08-07: 3 papers\n  1 would be added, 2 would merge into papers you have\n`,
    )
    expect(margin(['list', '--library', lib, '--json']).stdout).not.toContain('2408.12757')
    const real = margin(['import', json, '--library', lib, '--json'])
    expect(JSON.parse(real.stdout)).toMatchObject({ dryRun: false, added: 1, alreadyPresent: 2 })
  })

  it('imports the good files of a run, reports the bad one on stderr and exits 1', () => {
    const lib = tempDir()
    const bad = writeFile(tempDir(), 'empty.txt', '')
    const result = margin(['import', bad, SEED_DIGEST, '--library', lib])
    expect(result.code).toBe(1)
    expect(result.stderr).toBe(`${bad}: the file is empty.\n`)
    expect(result.stdout).toContain('38 added')
  })
})

describe('margin import refuses bad files, writing nothing', () => {
  const cases: Array<[string, string | Uint8Array, RegExp]> = [
    ['empty.txt', '', /empty\.txt: the file is empty\.$/],
    ['blank.txt', '\n  \n\n', /blank\.txt: the file holds only white space\.$/],
    [
      'photo.txt',
      Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      /photo\.txt: this is a binary file, not a text digest/,
    ],
    [
      'no-papers.txt',
      'Daily Papers\n\nSubscribe\n\nHello there.\n',
      /no-papers\.txt: line 5: "Hello there\." comes before any date line/,
    ],
    [
      'header-only.txt',
      'Daily Papers\n\nAug 6\n',
      /header-only\.txt: no papers found under the date line/,
    ],
    [
      'truncated.txt',
      'Aug 6\n\nA title\n\nAn abstract.\n\nCut here',
      /truncated\.txt: line 7: the title "Cut here" has no abstract; the file looks cut off\.$/,
    ],
    [
      'long-line.txt',
      `Aug 6\n\n${'a'.repeat(10 * 1024 * 1024)}\n`,
      /long-line\.txt: line 3 is 10,485,760 characters long/,
    ],
    [
      'huge.txt',
      `Aug 6\n\n${'A title\n\nAn abstract.\n\n'.repeat(1024 * 1024)}`,
      /huge\.txt: the file is 23 MB; a digest file is at most 16 MB\.$/,
    ],
    [
      'latin2.txt',
      Uint8Array.from([...Buffer.from('Aug 6\n\nA title\n\nAn abstract '), 0x81, 0x0a]),
      /latin2\.txt: the text is neither UTF-8 nor Windows-1252 \(undecodable byte on line 5\)/,
    ],
    [
      'mojibake.txt',
      'Aug 6\n\nA t\uFFFDtle\n\nAbs.\n',
      /mojibake\.txt: line 3 holds U\+FFFD replacement characters/,
    ],
  ]

  it.each(cases)('%s', (name, content, message) => {
    const lib = tempDir()
    margin(['import', SEED_DIGEST, '--library', lib])
    const before = libraryBytes(lib)
    const started = performance.now()
    const result = margin(['import', writeFile(tempDir(), name, content), '--library', lib])
    expect(result.code).toBe(1)
    expect(result.stderr.trim()).toMatch(message)
    expect(result.stdout).toBe('')
    expect(libraryBytes(lib).equals(before)).toBe(true)
    expect(performance.now() - started).toBeLessThan(10_000)
  })

  it('a missing file', () => {
    const result = margin(['import', '/nonexistent/digest.txt', '--library', tempDir()])
    expect(result.code).toBe(1)
    expect(result.stderr).toBe('/nonexistent/digest.txt: cannot read the file (no such file).\n')
  })

  it('Windows-1252 text is decoded correctly instead', () => {
    const lib = tempDir()
    const cp1252 = Uint8Array.from([
      ...Buffer.from('Aug 6\n\nCaf'),
      0xe9,
      ...Buffer.from(' models\n\nAn '),
      0x93,
      ...Buffer.from('abstract'),
      0x94,
      0x0a,
    ])
    expect(
      margin(['import', writeFile(tempDir(), 'cp1252.txt', cp1252), '--library', lib]).code,
    ).toBe(0)
    const [paper] = JSON.parse(margin(['list', '--library', lib, '--json']).stdout)
    expect(paper).toMatchObject({ title: 'Café models', abstract: 'An “abstract”' })
  })
})

describe('margin commands on papers', () => {
  it('status, note (also from stdin), tag, untag and show with history', () => {
    const lib = tempDir()
    const env = { MARGIN_LIBRARY: lib }
    margin(['import', SEED_DIGEST], { env })
    expect(margin(['status', '3', 'reading'], { env }).stdout).toMatch(
      /^#3 is now reading: T3: Transparent/,
    )
    expect(margin(['status', '3', 'read'], { env }).code).toBe(0)
    expect(margin(['note', '3', '-'], { env, input: '# Why\n\nOverlap *matters*.\n' }).stdout).toBe(
      'Saved the note on #3.\n',
    )
    expect(margin(['tag', '3', 'systems', 'gpu'], { env }).stdout).toBe('#3 tags: gpu, systems\n')
    expect(margin(['untag', '3', 'gpu'], { env }).stdout).toBe('#3 tags: systems\n')

    const shown = JSON.parse(margin(['show', '3', '--json'], { env }).stdout)
    expect(shown).toMatchObject({
      id: 3,
      status: 'read',
      note: '# Why\n\nOverlap *matters*.\n',
      tags: ['systems'],
    })
    expect(
      shown.statusHistory.map((c: { from: string; to: string }) => `${c.from}>${c.to}`),
    ).toEqual(['new>reading', 'reading>read'])
    const text = margin(['show', '3'], { env }).stdout
    expect(text).toContain('Status history:')
    expect(text).toContain('reading → read')

    const digests = JSON.parse(margin(['digests', '--json'], { env }).stdout)
    expect(digests).toMatchObject([{ paperCount: 38, newCount: 37 }])
    expect(JSON.parse(margin(['list', '--status', 'read', '--json'], { env }).stdout)).toHaveLength(
      1,
    )
  })

  it('explains bad arguments with exit codes', () => {
    const env = { MARGIN_LIBRARY: tempDir() }
    margin(['import', SEED_DIGEST], { env })
    expect(margin(['status', '3', 'done'], { env })).toMatchObject({
      code: 1,
      stderr:
        'margin status: "done" is not a reading status; use one of new, to-read, reading, read, not-reading.\n',
    })
    expect(margin(['show', '999'], { env })).toMatchObject({
      code: 1,
      stderr: 'margin show: There is no paper with id 999.\n',
    })
    expect(margin(['show', 'abc'], { env }).stderr).toMatch(/"abc" is not a paper id/)
    expect(margin(['frobnicate'], { env })).toMatchObject({ code: 2 })
    expect(margin(['list', '--colour'], { env }).code).toBe(2)
  })
})
