import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { isMarginError } from '../../../shared/errors'
import { useTempDir } from '../testing/tempDirs'
import { createPdfStore, sha256Of } from './pdfStore'

const tempDir = useTempDir()
const bytes = (text: string) => new TextEncoder().encode(text)

describe('pdfStore', () => {
  it('stores bytes under files/<2 hex>/<sha256>.pdf, the same bytes once', async () => {
    const dir = tempDir()
    const store = createPdfStore(dir)
    const data = bytes('%PDF-1.4 one\n%%EOF\n')
    const sha = await store.write(data)
    expect(sha).toBe(sha256Of(data))
    const path = join(dir, 'files', sha.slice(0, 2), `${sha}.pdf`)
    expect(store.pathOf(sha)).toBe(path)
    expect(readFileSync(path)).toEqual(Buffer.from(data))
    expect(await store.write(data.slice())).toBe(sha)
    await store.write(bytes('%PDF-1.4 two\n%%EOF\n'))
    expect(store.usage()).toEqual({ files: 2, bytes: data.length * 2 })
    expect(readdirSync(join(dir, 'files', '.tmp'))).toEqual([])
  })

  it('writes a damaged copy again instead of keeping it', async () => {
    const store = createPdfStore(tempDir())
    const data = bytes('%PDF-1.4 same size\n%%EOF\n')
    const sha = await store.write(data)
    writeFileSync(store.pathOf(sha), bytes('%PDF-1.4 SAME SIZE\n%%EOF\n'))
    expect(await store.verify(sha)).toMatch(/has changed/)
    await store.write(data)
    expect(await store.verify(sha)).toBeNull()
  })

  it('leaves nothing behind when the write fails (atomic: temporary file, then rename)', async () => {
    const dir = tempDir()
    const store = createPdfStore(dir)
    const data = bytes('%PDF-1.4 blocked\n%%EOF\n')
    const sha = sha256Of(data)
    // A folder where the file should go, with something in it: the rename cannot replace it.
    mkdirSync(join(store.pathOf(sha), 'inside'), { recursive: true })
    const error = await store.write(data).catch((e: unknown) => e)
    expect(isMarginError(error) && error.code).toBe('WRITE_FAILED')
    expect(readdirSync(join(dir, 'files', '.tmp'))).toEqual([])
    expect(store.usage()).toEqual({ files: 0, bytes: 0 })
  })

  it('verifies: missing, changed, unreadable, fine', async () => {
    const store = createPdfStore(tempDir())
    const sha = await store.write(bytes('%PDF-1.4 verify\n%%EOF\n'))
    expect(await store.verify(sha)).toBeNull()
    writeFileSync(store.pathOf(sha), 'something else')
    expect(await store.verify(sha)).toMatch(/has changed \(its SHA-256 is now [0-9a-f]{12}…\)/)
    store.remove(sha)
    expect(await store.verify(sha)).toMatch(/is missing/)
    // Something that cannot be read as a file where the file should be.
    mkdirSync(store.pathOf(sha), { recursive: true })
    expect(await store.verify(sha)).toMatch(/cannot be read: EISDIR/)
  })

  it('removes the bytes and their emptied folder', async () => {
    const dir = tempDir()
    const store = createPdfStore(dir)
    const sha = await store.write(bytes('%PDF-1.4 gone\n%%EOF\n'))
    store.remove(sha)
    expect(existsSync(store.pathOf(sha))).toBe(false)
    expect(existsSync(join(dir, 'files', sha.slice(0, 2)))).toBe(false)
    store.remove(sha)
  })

  it('knows only SHA-256 names: no path escapes the store', () => {
    const store = createPdfStore(tempDir())
    expect(() => store.pathOf('../../etc/passwd')).toThrow(/not a SHA-256/)
    expect(store.has('../x')).toBe(false)
  })

  it('clears old pieces of interrupted writes, not ones being written', () => {
    const dir = tempDir()
    const store = createPdfStore(dir)
    mkdirSync(join(dir, 'files', '.tmp'), { recursive: true })
    writeFileSync(join(dir, 'files', '.tmp', 'old.part'), 'x')
    store.clearTemporary(Date.now())
    expect(readdirSync(join(dir, 'files', '.tmp'))).toEqual(['old.part'])
    store.clearTemporary(Date.now() + 2 * 60 * 60 * 1000)
    expect(readdirSync(join(dir, 'files', '.tmp'))).toEqual([])
  })
})
