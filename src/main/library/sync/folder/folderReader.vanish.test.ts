import { rmSync } from 'node:fs'
import { afterEach, expect, it, vi } from 'vitest'
import { createDeviceWriter } from './deviceWriter'
import { createFolderReader } from './folderReader'
import { deviceDir } from './layout'
import { DEVICE_A, DEVICE_B, opLines, useTempFolder } from './testOps'

/** Runs before the reader counts a segment's lines: lets a test pull the folder away mid-read. */
const beforeCount = vi.hoisted(() => ({ hook: null as null | ((path: string) => void) }))

vi.mock('./lineReader', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./lineReader')>()
  return {
    ...actual,
    countLines: (path: string, chunkBytes?: number) => {
      beforeCount.hook?.(path)
      return actual.countLines(path, chunkBytes)
    },
  }
})

const folder = useTempFolder()
afterEach(() => {
  beforeCount.hook = null
})

it('keeps what it read when a device folder vanishes in the middle of a read, without an error', () => {
  const writer = createDeviceWriter(folder(), DEVICE_A)
  writer.writeSegments(opLines(DEVICE_A, 1, 2), 1)
  writer.writeSegments(opLines(DEVICE_A, 3, 4), 3)
  let counted = 0
  beforeCount.hook = () => {
    counted += 1
    if (counted === 2) rmSync(deviceDir(folder(), DEVICE_A), { recursive: true })
  }
  const read = createFolderReader(folder(), { thisDevice: DEVICE_B }).readOps(DEVICE_A, 0, 100)
  expect(read.ops.map((op) => op.seq)).toEqual([1, 2])
  expect(read).toMatchObject({ consumedThrough: 2, waiting: false, skipped: [] })
  expect(read.stoppedBecause).toMatch(/vanished while it was read/)
})
