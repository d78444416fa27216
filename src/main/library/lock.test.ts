import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openLibrary } from './library'
import { LOCK_FILE_NAME, lockLibrary } from './lock'
import { useTempDir } from './testing/tempDirs'

const tempDir = useTempDir()
const alive = () => true

describe('the library lock', () => {
  it('lets one process hold a library and tells another which process has it', () => {
    const dir = tempDir()
    const release = lockLibrary(dir, { pid: 101, isRunning: alive })
    expect(() => lockLibrary(dir, { pid: 202, isRunning: alive })).toThrow(
      `The library at ${dir} is open in another Margin (process 101).`,
    )
    release()
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(false)
    lockLibrary(dir, { pid: 202, isRunning: alive })()
  })

  it('takes over a lock left by a process that is gone, or one it cannot read', () => {
    const dir = tempDir()
    lockLibrary(dir, { pid: 101, isRunning: alive })
    const release = lockLibrary(dir, { pid: 202, isRunning: (pid) => pid !== 101 })
    release()
    writeFileSync(join(dir, LOCK_FILE_NAME), 'not json')
    lockLibrary(dir, { pid: 303, isRunning: alive })()
  })

  it('is held by an exclusive library until it closes; plain opens (the CLI) do not take it', () => {
    const dir = tempDir()
    const lockFile = join(dir, LOCK_FILE_NAME)
    const cli = openLibrary(dir)
    expect(existsSync(lockFile)).toBe(false)
    const app = openLibrary(dir, { exclusive: true })
    expect(existsSync(lockFile)).toBe(true)
    expect(() => lockLibrary(dir, { pid: process.pid + 1, isRunning: alive })).toThrow(
      `(process ${process.pid})`,
    )
    app.close()
    cli.close()
    expect(existsSync(lockFile)).toBe(false)
  })
})
