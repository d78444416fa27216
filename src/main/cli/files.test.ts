import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createPdfStore } from '../library/files/pdfStore'
import { linesPdf } from '../library/files/testPdfs'
import { SEED_DIGEST, useTempDir } from '../library/testing/tempDirs'
import { margin } from './testing/margin'

const tempDir = useTempDir()

async function seededWithPdf() {
  const lib = tempDir()
  expect(margin(['import', SEED_DIGEST, '--library', lib]).code).toBe(0)
  const pdf = join(tempDir(), 'paper.pdf')
  writeFileSync(
    pdf,
    await linesPdf([
      ['Page one of the paper.'],
      ['Page two has the body word qwertyflux-', 'ation, split at a line end.'],
    ]),
  )
  return { lib, pdf }
}

describe('margin attach and margin files', () => {
  it('attaches a PDF, lists it, indexes its text before exiting, and removes it', async () => {
    const { lib, pdf } = await seededWithPdf()
    const attached = margin(['attach', '1', pdf, '--json', '--library', lib])
    expect(attached.code).toBe(0)
    const file = JSON.parse(attached.stdout) as { paperId: number; sha256: string }
    expect(file).toMatchObject({
      paperId: 1,
      pageCount: 2,
      origin: 'paper.pdf',
      textState: 'done',
      textProblem: null,
    })

    const listed = JSON.parse(margin(['files', '1', '--json', '--library', lib]).stdout)
    expect(listed).toEqual([
      {
        sha256: file.sha256,
        size: expect.any(Number),
        pageCount: 2,
        origin: 'paper.pdf',
        addedAt: expect.any(Number),
        textState: 'done',
        textProblem: null,
        pages: 2,
        bytes: expect.any(Number),
        added: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      },
    ])
    expect(listed[0].bytes).toBe(listed[0].size)
    const text = margin(['files', '1', '--library', lib])
    expect(text.stdout).toContain(file.sha256)
    expect(text.stdout).toMatch(/2 pages, [\d.]+ KB \(\d+ bytes\), added \d{4}-\d\d-\d\d/)
    expect(text.stdout).toContain('origin: paper.pdf')
    expect(text.stdout).toContain('text indexed')

    // The body word, hyphenated across a line, is in the page index before attach returned.
    const db = (await import('better-sqlite3')).default
    const conn = new db(join(lib, 'margin-library.sqlite'), { readonly: true })
    const pages = conn
      .prepare(
        `SELECT p.page FROM pdf_page_search s JOIN pdf_pages p ON p.id = s.rowid
         WHERE pdf_page_search MATCH 'qwertyfluxation'`,
      )
      .pluck()
      .all()
    conn.close()
    expect(pages).toEqual([2])

    expect(margin(['show', '1', '--library', lib]).stdout).toContain(
      `pdf:      paper.pdf (2 pages, ${file.sha256.slice(0, 12)}…, text done)`,
    )

    const usage = margin(['files', '--json', '--library', lib])
    expect(JSON.parse(usage.stdout)).toMatchObject({ files: 1, bytes: listed[0].size })
    expect(margin(['files', '--library', lib]).stdout).toMatch(/files holds 1 PDF, [\d.]+ KB/)

    expect(margin(['check', '--library', lib]).stdout).toBe(
      'The library passed its integrity and foreign-key checks. Its 1 PDF matches its hash.\n',
    )

    const removed = margin(['files', 'remove', '1', file.sha256, '--library', lib])
    expect(removed).toMatchObject({ code: 0 })
    expect(removed.stdout).toContain('its file is deleted')
    expect(JSON.parse(margin(['files', '1', '--json', '--library', lib]).stdout)).toEqual([])
    expect(margin(['files', '--library', lib]).stdout).toContain('holds 0 PDFs')
  })

  it('refuses a file that is not a PDF, with the reason, storing nothing', async () => {
    const { lib } = await seededWithPdf()
    const page = join(tempDir(), 'paper.pdf')
    writeFileSync(page, '<!DOCTYPE html><html><body>Rate limited</body></html>')
    const refused = margin(['attach', '1', page, '--library', lib])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toBe(
      'margin attach: "paper.pdf" looks like a web page (HTML), not a PDF — often an error page from the server.\n',
    )
    expect(margin(['attach', '1', join(lib, 'nothing.pdf'), '--library', lib]).stderr).toMatch(
      /^margin attach: Cannot read .*nothing\.pdf/,
    )
    expect(margin(['attach', '1', '--library', lib]).code).toBe(2)
    expect(JSON.parse(margin(['files', '--json', '--library', lib]).stdout)).toMatchObject({
      files: 0,
    })
  })

  it('margin check names a stored PDF that is missing or changed', async () => {
    const { lib, pdf } = await seededWithPdf()
    const { sha256 } = JSON.parse(margin(['attach', '2', pdf, '--json', '--library', lib]).stdout)
    writeFileSync(createPdfStore(lib).pathOf(sha256), 'changed bytes')
    const check = margin(['check', '--library', lib])
    expect(check.code).toBe(1)
    expect(check.stderr).toContain(`The PDF ${sha256} of paper #2: its file`)
    expect(check.stderr).toContain('has changed')
  })

  it('margin check notes PDFs the library has no record of, and pieces of writes, passing still', async () => {
    const { lib, pdf } = await seededWithPdf()
    expect(margin(['attach', '1', pdf, '--library', lib]).code).toBe(0)
    const store = createPdfStore(lib)
    const newer = await store.write(await linesPdf([['a PDF of a newer state']]))
    mkdirSync(join(store.root, '.tmp'), { recursive: true })
    const piece = join(store.root, '.tmp', '0123456789abcdef-000000.part')
    writeFileSync(piece, 'half')

    const check = margin(['check', '--library', lib])
    expect(check.code).toBe(0)
    expect(check.stderr).toBe('')
    const [passed, ...notes] = check.stdout.split('\nNote: ')
    expect(passed).toBe(
      'The library passed its integrity and foreign-key checks. Its 1 PDF matches its hash.',
    )
    expect(notes).toHaveLength(2)
    expect(notes[0]).toContain(
      `holds a file that this library has no record of:\n  ${store.pathOf(newer)} (`,
    )
    expect(notes[0]).toContain('It may belong to a newer state of the library')
    expect(notes[0]).toContain('`margin attach ID FILE`, or remove it by hand.')
    expect(notes[1]).toContain(`holds a piece of a PDF write that did not finish`)
    expect(notes[1]).toContain(piece)

    // --json keeps ok and problems, and adds the notes and the files.
    const json = JSON.parse(margin(['check', '--json', '--library', lib]).stdout)
    expect(json).toEqual({
      ok: true,
      problems: [],
      notes: [expect.stringContaining('newer state'), expect.stringContaining('did not finish')],
      strayFiles: {
        unreferenced: [
          {
            sha256: newer,
            path: store.pathOf(newer),
            bytes: expect.any(Number),
            modifiedAt: expect.any(Number),
          },
        ],
        temporary: [{ path: piece, bytes: 4, modifiedAt: expect.any(Number) }],
      },
    })
    // Nothing deleted.
    expect(existsSync(store.pathOf(newer)) && existsSync(piece)).toBe(true)
  })
})
