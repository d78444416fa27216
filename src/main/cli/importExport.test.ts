import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LIBRARY_FILE_NAME } from '../library/db/openLibrary'
import { SEED_DIGEST, useTempDir } from '../library/testing/tempDirs'
import { margin } from './testing/margin'

const tempDir = useTempDir()
const HF_JSON = join(__dirname, '../library/digest/sources/fixtures/hf-daily.json')

/** A library with the seed, a status, a note and a tag, and its JSON export's path. */
function seedExport() {
  const env = { MARGIN_LIBRARY: tempDir() }
  margin(['import', SEED_DIGEST, '--year', '2026'], { env })
  margin(['status', '3', 'to-read'], { env })
  margin(['note', '3', 'Overlap, "compute" and memory.'], { env })
  margin(['tag', '3', 'systems'], { env })
  const path = join(tempDir(), 'library.json')
  margin(['export', '--format', 'json', '--out', path], { env })
  return { env, path }
}

const REFUSAL = (path: string) =>
  `${path} is a Margin library export; it loads only into an empty library (margin import-json ${path} --library NEW_DIR); to bring two libraries together, sync them (margin sync --folder DIR). Nothing of it was imported.\n`

describe('margin import given a Margin JSON export', () => {
  it('loads it into an empty library as import-json does, and says so', () => {
    const { path } = seedExport()
    const lib = tempDir()
    expect(margin(['import', path, '--dry-run', '--library', lib])).toMatchObject({
      code: 0,
      stdout: `Dry run: nothing was written.\nWould load a Margin export: 38 papers, 1 digest, 1 note, 0 highlights, 0 PDF annotations and 1 tag from ${path}\n`,
    })
    expect(margin(['import', path, '--library', lib])).toMatchObject({
      code: 0,
      stdout: `Loaded a Margin export: 38 papers, 1 digest, 1 note, 0 highlights, 0 PDF annotations and 1 tag from ${path}\n`,
      stderr: '',
    })
    const again = join(tempDir(), 'again.json')
    margin(['export', '--format', 'json', '--out', again, '--library', lib])
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(path, 'utf8'))
  })

  it('--json keeps its fields and adds what the export brought', () => {
    const { path } = seedExport()
    const result = margin(['import', path, '--library', tempDir(), '--json'])
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({
      dryRun: false,
      added: 38,
      alreadyPresent: 0,
      failed: 0,
      files: [{ file: path, ok: true, added: 38, libraryExport: { papers: 38, tags: 1 } }],
    })
  })

  it('refuses it in a library with papers, says what to do, and writes nothing', () => {
    const { env, path } = seedExport()
    const before = readFileSync(join(env.MARGIN_LIBRARY, LIBRARY_FILE_NAME))
    expect(margin(['import', path], { env })).toEqual({
      code: 1,
      stdout: '',
      stderr: REFUSAL(path),
    })
    expect(readFileSync(join(env.MARGIN_LIBRARY, LIBRARY_FILE_NAME))).toEqual(before)
  })

  it('in a mixed run the other files still import', () => {
    const { path } = seedExport()
    const lib = tempDir()
    margin(['import', HF_JSON, '--library', lib])
    const result = margin([
      'import',
      path,
      SEED_DIGEST,
      '--year',
      '2026',
      '--library',
      lib,
      '--json',
    ])
    expect(result).toMatchObject({ code: 1, stderr: REFUSAL(path) })
    expect(JSON.parse(result.stdout)).toMatchObject({
      added: 37,
      alreadyPresent: 1,
      failed: 1,
      files: [
        { file: path, ok: false, error: { code: 'LIBRARY_NOT_EMPTY' } },
        { file: SEED_DIGEST, ok: true, added: 37, alreadyPresent: 1 },
      ],
    })
  })
})
