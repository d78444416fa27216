import { afterEach, describe, expect, it } from 'vitest'
import { openLibrary, type Library } from '../../library'
import { useTempDir } from '../../testing/tempDirs'
import { createSyncState, DEFAULT_FILE_SIZE_LIMIT } from './syncState'

const tempDir = useTempDir()
const open: Library[] = []
afterEach(() => {
  for (const library of open.splice(0)) library.close()
})

function state() {
  const library = openLibrary(tempDir())
  open.push(library)
  return { library, state: createSyncState(library.db) }
}

describe('sync state', () => {
  it('reads every key as its default before anything is written', () => {
    const { state: s } = state()
    expect(s.get('hlc')).toBeNull()
    expect(s.get('nextSeq')).toBe(1)
    expect(s.get('lastPassAt')).toBeNull()
    expect(s.get('problem')).toBeNull()
    expect(s.get('notices')).toEqual([])
    expect(s.get('snapshotSeq')).toBe(0)
    expect(s.get('fileSizeLimit')).toBe(DEFAULT_FILE_SIZE_LIMIT)
    expect(DEFAULT_FILE_SIZE_LIMIT).toBe(50 * 1024 * 1024)
  })

  it('keeps what is written, and null or an empty list returns a key to its default', () => {
    const { library, state: s } = state()
    s.set('hlc', '001754000000000.000003.abcdefgh12345678')
    s.set('nextSeq', 42)
    s.set('lastPassAt', 1754000000000)
    s.set('problem', 'The folder is not there.')
    s.set('notices', ['One line was skipped.', 'Two conflict copies were left unread.'])
    s.set('snapshotSeq', 5000)
    s.set('fileSizeLimit', 1024)
    const again = createSyncState(library.db)
    expect(again.get('hlc')).toBe('001754000000000.000003.abcdefgh12345678')
    expect(again.get('nextSeq')).toBe(42)
    expect(again.get('lastPassAt')).toBe(1754000000000)
    expect(again.get('problem')).toBe('The folder is not there.')
    expect(again.get('notices')).toEqual([
      'One line was skipped.',
      'Two conflict copies were left unread.',
    ])
    expect(again.get('snapshotSeq')).toBe(5000)
    expect(again.get('fileSizeLimit')).toBe(1024)

    s.set('problem', null)
    s.set('notices', [])
    s.set('lastPassAt', null)
    expect(s.get('problem')).toBeNull()
    expect(s.get('notices')).toEqual([])
    expect(s.get('lastPassAt')).toBeNull()
    expect(
      library.db.prepare('SELECT key FROM sync_state ORDER BY key').pluck().all(),
    ).not.toContain('problem')
  })

  it('refuses a damaged value with a sentence naming the key instead of a default', () => {
    const { library, state: s } = state()
    const put = library.db.prepare('INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)')
    put.run('nextSeq', 'twelve')
    expect(() => s.get('nextSeq')).toThrow(
      `The library's sync state is damaged: 'nextSeq' holds "twelve".`,
    )
    put.run('nextSeq', '0')
    expect(() => s.get('nextSeq')).toThrow(/'nextSeq'/)
    put.run('hlc', 'yesterday')
    expect(() => s.get('hlc')).toThrow(/'hlc' holds "yesterday"/)
    put.run('notices', '{"not":"a list"}')
    expect(() => s.get('notices')).toThrow(/'notices'/)
  })

  it('holds one device, replaced by the next, and refuses an id of the wrong shape', () => {
    const { state: s } = state()
    expect(s.device()).toBeNull()
    s.setDevice({ id: 'abcdefgh12345678', name: 'Laptop', folder: '/sync', createdAt: 5 })
    expect(s.device()).toEqual({
      id: 'abcdefgh12345678',
      name: 'Laptop',
      folder: '/sync',
      createdAt: 5,
    })
    s.setDevice({ id: 'abcdefgh12345678', name: 'Desk', folder: null, createdAt: 5 })
    expect(s.device()).toEqual({ id: 'abcdefgh12345678', name: 'Desk', folder: null, createdAt: 5 })
    expect(() => s.setDevice({ id: 'Laptop', name: 'x', folder: null, createdAt: 1 })).toThrow(
      'A device id is 16 lowercase letters and digits, not "Laptop".',
    )
    expect(s.device()?.name).toBe('Desk')
  })

  it('counts the local changes waiting, which start once a device is set', () => {
    const { library, state: s } = state()
    library.saveSearch('Sparse', 'sparse')
    expect(s.pendingCount()).toBe(0)
    s.setDevice({ id: 'abcdefgh12345678', name: 'Laptop', folder: '/sync', createdAt: 5 })
    library.saveSearch('Dense', 'dense')
    library.saveSearch('Both', 'sparse dense')
    expect(s.pendingCount()).toBe(2)
  })
})
