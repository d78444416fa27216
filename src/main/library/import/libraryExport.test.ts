import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openLibrary } from '../library'
import { dumpTables } from '../testing/dumpTables'
import { SEED_DIGEST, useTempDir } from '../testing/tempDirs'

const tempDir = useTempDir()
const HF_JSON = join(__dirname, '../digest/sources/fixtures/hf-daily.json')
const NOW = Date.UTC(2024, 7, 20)

/** A Margin JSON export of the seed with a status, a note and a tag: its path. */
async function seedExport(): Promise<string> {
  const library = openLibrary(tempDir(), { now: () => NOW })
  await library.importFiles([SEED_DIGEST])
  library.setStatus(3, 'to-read')
  library.saveNote(3, 'Overlap and memory.')
  library.addTags(3, ['systems'])
  const path = join(tempDir(), 'library.json')
  await library.exportLibrary('json', path)
  library.close()
  return path
}

const REFUSAL = (path: string) =>
  `${path} is a Margin library export; it loads only into an empty library (margin import-json ${path} --library NEW_DIR); to bring two libraries together, sync them (margin sync --folder DIR). Nothing of it was imported.`

describe('a Margin JSON export given to import', () => {
  it('loads into an empty library as import-json does, and is reported as an export', async () => {
    const path = await seedExport()
    const viaImport = openLibrary(tempDir(), { now: () => NOW })
    const report = await viaImport.importFiles([path])
    expect(report.files).toEqual([
      expect.objectContaining({
        file: path,
        ok: true,
        added: 38,
        alreadyPresent: 0,
        libraryExport: {
          papers: 38,
          digests: 1,
          notes: 1,
          highlights: 0,
          pdfAnnotations: 0,
          tags: 1,
        },
      }),
    ])
    const viaImportJson = openLibrary(tempDir(), { now: () => NOW })
    viaImportJson.importLibraryJson(path)
    expect(dumpTables(viaImport.db)).toEqual(dumpTables(viaImportJson.db))
    expect(viaImport.searchPapers({}, 'overlap').papers.map((p) => p.id)).toContain(3)
    viaImport.close()
    viaImportJson.close()
  })

  it('the same from bytes the window received, and its preview writes nothing', async () => {
    const path = await seedExport()
    const library = openLibrary(tempDir(), { now: () => NOW })
    const files = [{ name: 'library.json', data: readFileSync(path) }]
    const before = dumpTables(library.db)
    expect(library.previewContents(files).files[0]).toMatchObject({ ok: true, added: 38 })
    expect(dumpTables(library.db)).toEqual(before)
    const report = await library.importContents(files)
    expect(report.files[0]).toMatchObject({ ok: true, libraryExport: { papers: 38 } })
    expect(library.listPapers()).toHaveLength(38)
    library.close()
  })

  it('into a library with papers is refused with what to do, and nothing is written', async () => {
    const path = await seedExport()
    const library = openLibrary(tempDir(), { now: () => NOW })
    await library.importFiles([HF_JSON])
    const before = dumpTables(library.db)
    for (const report of [library.previewFiles([path]), await library.importFiles([path])]) {
      expect(report.files).toEqual([
        { file: path, ok: false, error: { code: 'LIBRARY_NOT_EMPTY', message: REFUSAL(path) } },
      ])
    }
    expect(dumpTables(library.db)).toEqual(before)
    library.close()
  })

  it('in a mixed run the export loads first whatever the order, the others import after it', async () => {
    const path = await seedExport()
    const library = openLibrary(tempDir(), { now: () => NOW })
    const preview = library.previewFiles([HF_JSON, path, path])
    const report = await library.importFiles([HF_JSON, path, path])
    for (const { files } of [preview, report]) {
      expect(files.map((f) => [f.file, f.ok])).toEqual([
        [HF_JSON, true],
        [path, true],
        [path, false],
      ])
      expect(files[0]).toMatchObject({ source: 'hf-daily', added: expect.any(Number) })
      expect(files[1]).toMatchObject({ libraryExport: { papers: 38 } })
      expect(files[2]).toMatchObject({ error: { message: REFUSAL(path) } })
    }
    expect(report.files[0]).toEqual(preview.files[0])
    const added = report.files[0]!.ok ? report.files[0]!.added : 0
    expect(library.listPapers()).toHaveLength(38 + added)
    expect(library.getPaper(3)).toMatchObject({ status: 'to-read', tags: ['systems'] })
    library.close()
  })

  it('a digest file in a library with papers still imports beside a refused export', async () => {
    const path = await seedExport()
    const library = openLibrary(tempDir(), { now: () => NOW })
    await library.importFiles([SEED_DIGEST])
    const report = await library.importFiles([path, HF_JSON])
    expect(report.files.map((f) => f.ok)).toEqual([false, true])
    expect(report.files[0]).toMatchObject({ error: { code: 'LIBRARY_NOT_EMPTY' } })
    library.close()
  })
})
