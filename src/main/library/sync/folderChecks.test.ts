import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTempDir } from '../testing/tempDirs'
import { checkSyncFolder, folderWarning, unreachableReason } from './folderChecks'

const tempDir = useTempDir()

function layout() {
  const base = tempDir()
  const library = join(base, 'library')
  const synced = join(base, 'synced')
  mkdirSync(library)
  mkdirSync(synced)
  return { base, library, synced }
}

const refusal = (folder: string, library: string): string => {
  try {
    checkSyncFolder(folder, library)
  } catch (error) {
    return (error as Error).message
  }
  throw new Error(`${folder} was accepted`)
}

describe('checkSyncFolder', () => {
  it('accepts a folder of its own and creates margin/v1 in it', () => {
    const { library, synced } = layout()
    expect(checkSyncFolder(synced, library)).toBe(synced)
    expect(existsSync(join(synced, 'margin', 'v1'))).toBe(true)
  })

  it("refuses the library's own folder, a folder inside it and one around it", () => {
    const { base, library } = layout()
    mkdirSync(join(library, 'inner'))
    expect(refusal(library, library)).toMatch(/is the library's own folder/)
    expect(refusal(join(library, 'inner'), library)).toMatch(/is inside the library's folder/)
    expect(refusal(base, library)).toMatch(/holds the library's folder/)
    expect(existsSync(join(library, 'margin'))).toBe(false)
    expect(existsSync(join(base, 'margin'))).toBe(false)
  })

  it('sees through a link to the library', () => {
    const { base, library } = layout()
    symlinkSync(library, join(base, 'alias'))
    expect(refusal(join(base, 'alias'), library)).toMatch(/library's own folder/)
  })

  it('refuses a folder that does not exist, and a file, each with a sentence', () => {
    const { base, library } = layout()
    expect(refusal(join(base, 'nowhere'), library)).toMatch(/does not exist; create it/)
    writeFileSync(join(base, 'file'), 'x')
    expect(refusal(join(base, 'file'), library)).toMatch(/is a file, not a folder/)
    expect(refusal('  ', library)).toMatch(/No sync folder was given/)
  })

  it('accepts a folder whose name merely starts like the library', () => {
    const { base, library } = layout()
    mkdirSync(join(base, 'library-sync'))
    expect(checkSyncFolder(join(base, 'library-sync'), library)).toBe(join(base, 'library-sync'))
  })
})

describe('folderWarning', () => {
  it('warns outside a known sync engine and stays quiet inside one', () => {
    expect(folderWarning('/home/ada/papers', null)).toMatch(
      /not inside a folder that Dropbox, iCloud Drive, OneDrive, Google Drive or Syncthing/,
    )
    expect(folderWarning('/home/ada/Dropbox/papers')).toBeNull()
  })
})

describe('unreachableReason', () => {
  it('names a folder that is gone, and says nothing of one that is there', () => {
    const { synced } = layout()
    expect(unreachableReason(synced)).toBeNull()
    rmSync(synced, { recursive: true })
    expect(unreachableReason(synced)).toMatch(/cannot be reached \(ENOENT.*nothing changed here/)
  })
})
