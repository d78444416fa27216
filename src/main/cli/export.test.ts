import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SEED_DIGEST, useTempDir } from '../library/testing/tempDirs'
import { margin } from './testing/margin'

const tempDir = useTempDir()

/** A library holding the seed digest, with a status change, a note and a tag. */
function seededLibrary(): NodeJS.ProcessEnv {
  const env = { MARGIN_LIBRARY: tempDir() }
  margin(['import', SEED_DIGEST, '--year', '2026'], { env })
  margin(['status', '3', 'to-read'], { env })
  margin(['note', '3', 'Overlap, "compute" and memory.'], { env })
  margin(['tag', '3', 'systems'], { env })
  return env
}

describe('margin export', () => {
  it('writes each format and says what it wrote', () => {
    const env = seededLibrary()
    const out = tempDir()
    const json = join(out, 'library.json')
    expect(margin(['export', '--format', 'json', '--out', json], { env })).toMatchObject({
      code: 0,
      stdout: `Wrote 38 papers to ${json}\n`,
    })
    expect(JSON.parse(readFileSync(json, 'utf8'))).toMatchObject({
      format: 'margin-library',
      version: 3,
    })

    const csv = join(out, 'to-read.csv')
    expect(
      margin(['export', '--format', 'csv', '--out', csv, '--status', 'to-read'], { env }).stdout,
    ).toBe(`Wrote 1 paper to ${csv}\n`)
    expect(readFileSync(csv, 'utf8').split('\r\n')[1]).toMatch(
      /^3,T3: Transparent .*,to-read,2026-08-06,systems,yes,"Overlap, ""compute"" and memory\.",,/,
    )

    const bib = join(out, 'papers.bib')
    expect(margin(['export', '--format', 'bibtex', '--out', bib], { env })).toMatchObject({
      code: 0,
      stdout: `Wrote 0 papers to ${bib}\n38 papers skipped: no arXiv id\n`,
    })
    expect(readFileSync(bib, 'utf8')).toBe('')
  })

  it('writes Markdown notes into a folder it makes, per paper or per digest', () => {
    const env = seededLibrary()
    const vault = join(tempDir(), 'Papers')
    const result = margin(
      ['export', '--format', 'markdown', '--out', vault, '--digest', '2026-08-06'],
      {
        env,
      },
    )
    expect(result).toMatchObject({ code: 0, stdout: `Wrote 38 papers to 38 files in ${vault}\n` })
    expect(readdirSync(vault)).toHaveLength(38)
    const t3 = readdirSync(vault).find((name) => name.startsWith('T3 Transparent'))!
    expect(readFileSync(join(vault, t3), 'utf8')).toMatch(
      /^---\ntitle: "T3: Transparent[^\n]*"\nstatus: to-read\ntags:\n {2}- "systems"\ndigests:\n {2}- 2026-08-06\n---\n/,
    )

    const daily = join(tempDir(), 'Daily')
    expect(
      margin(['export', '--format', 'markdown', '--out', daily, '--per', 'digest', '--json'], {
        env,
      }).stdout,
    ).toBe(
      `${JSON.stringify(
        {
          format: 'markdown',
          written: [join(daily, 'Daily papers 2026-08-06.md')],
          papers: 38,
          skipped: 0,
        },
        null,
        2,
      )}\n`,
    )
  })

  it('explains a bad path, format or option, and writes nothing', () => {
    const env = seededLibrary()
    expect(
      margin(['export', '--format', 'json', '--out', '/nonexistent/dir/x.json'], { env }),
    ).toMatchObject({
      code: 1,
      stdout: '',
      stderr:
        'margin export: Cannot write /nonexistent/dir/x.json: the folder /nonexistent/dir does not exist.\n',
    })
    const out = tempDir()
    expect(margin(['export', '--format', 'pdf', '--out', join(out, 'x')], { env })).toMatchObject({
      code: 1,
      stderr:
        'margin export: "pdf" is not a --format value; use one of markdown, json, csv, bibtex.\n',
    })
    expect(
      margin(['export', '--format', 'csv', '--out', join(out, 'x.csv'), '--per', 'digest'], {
        env,
      }),
    ).toMatchObject({
      code: 1,
      stderr: 'margin export: One file per digest is a Markdown export option.\n',
    })
    expect(
      margin(['export', '--format', 'csv', '--out', join(out, 'x.csv'), '--digest', '2026-08-07'], {
        env,
      }),
    ).toMatchObject({ code: 1, stderr: 'margin export: There is no digest dated 2026-08-07.\n' })
    expect(margin(['export', '--format', 'csv'], { env }).code).toBe(2)
    expect(readdirSync(out)).toEqual([])
  })
})

describe('margin import-json', () => {
  it('loads an export into an empty library, which then exports the same JSON', () => {
    const env = seededLibrary()
    const out = tempDir()
    const first = join(out, 'first.json')
    margin(['export', '--format', 'json', '--out', first], { env })

    const copy = { MARGIN_LIBRARY: tempDir() }
    expect(margin(['import-json', first], { env: copy })).toMatchObject({
      code: 0,
      stdout: `Loaded 38 papers, 1 digest, 1 note, 0 highlights, 0 PDF annotations and 1 tag from ${first}\n`,
    })
    const second = join(out, 'second.json')
    margin(['export', '--format', 'json', '--out', second], { env: copy })
    expect(readFileSync(second, 'utf8')).toBe(readFileSync(first, 'utf8'))
    expect(JSON.parse(margin(['show', '3', '--json'], { env: copy }).stdout)).toMatchObject({
      status: 'to-read',
      tags: ['systems'],
      statusHistory: [{ from: 'new', to: 'to-read' }],
    })
  })

  it('refuses a library that is not empty, and a file that is not an export', () => {
    const env = seededLibrary()
    const path = join(tempDir(), 'library.json')
    margin(['export', '--format', 'json', '--out', path], { env })
    expect(margin(['import-json', path], { env })).toMatchObject({
      code: 1,
      stderr:
        'margin import-json: This library is not empty (38 papers, 1 digest); an export loads only into an empty library, so choose a new library folder.\n',
    })
    const empty = { MARGIN_LIBRARY: tempDir() }
    expect(margin(['import-json', SEED_DIGEST], { env: empty })).toMatchObject({
      code: 1,
      stderr: `margin import-json: ${SEED_DIGEST}: this is not a Margin library export that can be loaded (it is not JSON); nothing was imported.\n`,
    })
    expect(margin(['import-json'], { env: empty }).code).toBe(2)
    expect(existsSync(join(empty.MARGIN_LIBRARY, 'margin-library.sqlite'))).toBe(true)
    expect(JSON.parse(margin(['list', '--json'], { env: empty }).stdout)).toEqual([])
  })
})
