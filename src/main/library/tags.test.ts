import { describe, expect, it } from 'vitest'
import { openLibrary } from './library'
import { SEED_DIGEST, useTempDir } from './testing/tempDirs'

const tempDir = useTempDir()

async function taggedLibrary() {
  const library = openLibrary(tempDir())
  await library.importFiles([SEED_DIGEST])
  library.addTags(1, ['serving', 'systems'])
  library.addTags(2, ['Diffusion'])
  library.addTags(3, ['systems'])
  return library
}

describe('renameTag', () => {
  it('renames a tag on every paper, also only its case', async () => {
    const library = await taggedLibrary()
    expect(library.renameTag('diffusion', 'generative')).toEqual([
      { name: 'generative', count: 1 },
      { name: 'serving', count: 1 },
      { name: 'systems', count: 2 },
    ])
    expect(library.getPaper(2).tags).toEqual(['generative'])
    library.renameTag('systems', 'Systems')
    expect(library.getPaper(3).tags).toEqual(['Systems'])
  })

  it('merges onto an existing tag in any case, keeping its spelling', async () => {
    const library = await taggedLibrary()
    expect(library.renameTag('Systems', ' SERVING ')).toEqual([
      { name: 'Diffusion', count: 1 },
      { name: 'serving', count: 2 },
    ])
    expect(library.getPaper(1).tags).toEqual(['serving'])
    expect(library.getPaper(3).tags).toEqual(['serving'])
    expect(library.listPapers({ tag: 'systems' })).toEqual([])
  })

  it('refuses a missing tag or a bad new name', async () => {
    const library = await taggedLibrary()
    expect(() => library.renameTag('vision', 'cv')).toThrow('There is no tag "vision".')
    expect(() => library.renameTag('serving', '   ')).toThrow(/is not a tag/)
    expect(() => library.renameTag('serving', 'x'.repeat(65))).toThrow(/1 to 64 printable/)
    expect(library.getPaper(1).tags).toEqual(['serving', 'systems'])
  })
})

describe('deleteTag', () => {
  it('removes the tag from every paper', async () => {
    const library = await taggedLibrary()
    expect(library.deleteTag('SYSTEMS')).toEqual([
      { name: 'Diffusion', count: 1 },
      { name: 'serving', count: 1 },
    ])
    expect(library.getPaper(3).tags).toEqual([])
    expect(() => library.deleteTag('systems')).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    )
  })
})
