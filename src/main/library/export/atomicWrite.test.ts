import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import type { FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useTempDir } from '../testing/tempDirs'
import { ensureFolder, writeFileAtomic } from './atomicWrite'

const disk = vi.hoisted(() => ({ fullAfterBytes: null as number | null }))

// A disk that fills up in the middle of a write: part of the data lands, then ENOSPC.
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>()
  const fillingUp = (handle: FileHandle) =>
    new Proxy(handle, {
      get(target, key) {
        if (key === 'writeFile') {
          return async (data: string) => {
            await target.write(data.slice(0, disk.fullAfterBytes!))
            throw Object.assign(new Error('ENOSPC: no space left on device, write'), {
              code: 'ENOSPC',
            })
          }
        }
        const value = Reflect.get(target, key) as unknown
        return typeof value === 'function' ? value.bind(target) : value
      },
    })
  return {
    ...fs,
    open: async (...args: Parameters<typeof fs.open>) => {
      const handle = await fs.open(...args)
      return disk.fullAfterBytes === null ? handle : fillingUp(handle)
    },
  }
})

const tempDir = useTempDir()
afterEach(() => {
  disk.fullAfterBytes = null
})

describe('writeFileAtomic', () => {
  it('writes the whole file, replacing an older one, and leaves nothing else', async () => {
    const dir = tempDir()
    const path = join(dir, 'library.json')
    writeFileSync(path, 'old')
    await writeFileAtomic(path, '{"new": true}\n')
    expect(readFileSync(path, 'utf8')).toBe('{"new": true}\n')
    expect(readdirSync(dir)).toEqual(['library.json'])
  })

  it('a failure in the middle of the write leaves no file and no temporary file', async () => {
    const dir = tempDir()
    disk.fullAfterBytes = 10
    await expect(writeFileAtomic(join(dir, 'papers.csv'), 'x'.repeat(1000))).rejects.toMatchObject({
      code: 'EXPORT_FAILED',
      message: `Cannot write ${join(dir, 'papers.csv')}: the disk is full.`,
    })
    expect(readdirSync(dir)).toEqual([])
  })

  it('the same failure over an older file keeps the older file whole', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'papers.csv'), 'old contents')
    disk.fullAfterBytes = 3
    await expect(writeFileAtomic(join(dir, 'papers.csv'), 'new contents')).rejects.toThrow()
    expect(readdirSync(dir)).toEqual(['papers.csv'])
    expect(readFileSync(join(dir, 'papers.csv'), 'utf8')).toBe('old contents')
  })

  it('a failed rename (a folder has the name) cleans up and says what to do', async () => {
    const dir = tempDir()
    mkdirSync(join(dir, 'out.json'))
    await expect(writeFileAtomic(join(dir, 'out.json'), '{}')).rejects.toMatchObject({
      code: 'EXPORT_FAILED',
      message: `Cannot write ${join(dir, 'out.json')}: it is a folder; name a file.`,
    })
    expect(readdirSync(dir)).toEqual(['out.json'])
  })

  it('names the missing folder', async () => {
    const path = join(tempDir(), 'nowhere', 'out.json')
    await expect(writeFileAtomic(path, '{}')).rejects.toThrow(
      `Cannot write ${path}: the folder ${join(path, '..')} does not exist.`,
    )
  })
})

describe('ensureFolder', () => {
  it('makes the folder, accepts an existing one, refuses a file', async () => {
    const dir = join(tempDir(), 'notes')
    await ensureFolder(dir)
    await ensureFolder(dir)
    expect(readdirSync(dir)).toEqual([])
    const file = join(dir, 'file.md')
    writeFileSync(file, '')
    await expect(ensureFolder(file)).rejects.toThrow(
      `Cannot write to ${file}: it is a file, not a folder.`,
    )
  })
})
