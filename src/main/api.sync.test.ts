import { dirname } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { EventName, IpcEvents } from '../shared/ipc'
import type { SyncStatus } from '../shared/models'
import { createApi, forwardLibraryEvents, type ApiDeps } from './api'
import { dispatch } from './ipc/dispatch'
import { openLibrary, type Library } from './library/library'
import { SEED_DIGEST, useTempDir } from './library/testing/tempDirs'

const tempDir = useTempDir()
const libraries: Library[] = []
afterEach(() => {
  for (const library of libraries.splice(0)) library.close()
})

/** The handler table over a seeded library, with the events it pushed (forwarded ones too). */
async function syncApi(deps: Partial<Pick<ApiDeps, 'chooseFolder'>> = {}) {
  const library = openLibrary(tempDir())
  libraries.push(library)
  await library.importFiles([SEED_DIGEST])
  const events: Array<{ event: EventName; payload: unknown }> = []
  const emit = <E extends EventName>(event: E, payload: IpcEvents[E]) => {
    events.push({ event, payload })
  }
  const api = createApi(library, { emit, openExternal: async () => {}, flushed: () => {}, ...deps })
  forwardLibraryEvents(library, emit)
  const call = async (channel: string, request: unknown) => dispatch(api, channel, request)
  const value = async <T>(channel: string, request: unknown): Promise<T> => {
    const answer = await call(channel, request)
    if (!answer.ok) throw new Error(`${channel}: ${answer.error.message}`)
    return answer.value as T
  }
  const reasons = () =>
    events
      .filter((e) => e.event === 'library:changed')
      .map((e) => (e.payload as IpcEvents['library:changed']).reason)
  return { library, events, call, value, reasons }
}

/** A second computer: its own library, synced through the same folder. */
async function otherDevice(folder: string, name = 'Laptop') {
  const library = openLibrary(tempDir())
  libraries.push(library)
  await library.sync.setup(folder, name)
  return library
}

function idOf(library: Library, title: RegExp): number {
  const paper = library.listPapers().find((p) => title.test(p.title))
  if (!paper) throw new Error(`no paper ${title}`)
  return paper.id
}

describe('sync:* requests are checked before the library sees them', () => {
  it('refuses what cannot be a folder, a device name, a size limit or a note, saying why', async () => {
    const { call, library } = await syncApi()
    const refusal = async (channel: string, request: unknown) => {
      const answer = await call(channel, request)
      expect(answer.ok, `${channel} ${JSON.stringify(request)}`).toBe(false)
      return answer.ok ? '' : `${answer.error.code}: ${answer.error.message}`
    }
    const name = 'Desk'
    expect(await refusal('sync:setup', { folder: '', deviceName: name })).toBe(
      'INVALID_REQUEST: The request to sync:setup was refused at folder: choose the sync folder.',
    )
    expect(await refusal('sync:setup', { folder: '   ', deviceName: name })).toContain(
      'choose the sync folder',
    )
    expect(await refusal('sync:setup', { folder: '/tmp/a\0b', deviceName: name })).toContain('NUL')
    expect(
      await refusal('sync:setup', { folder: `/${'a'.repeat(4096)}`, deviceName: name }),
    ).toContain('at most 4096')
    expect(await refusal('sync:setup', { folder: '/tmp', deviceName: '  ' })).toContain(
      'give this device a name',
    )
    expect(await refusal('sync:setup', { folder: '/tmp', deviceName: 'x'.repeat(101) })).toContain(
      'at most 100 characters',
    )
    expect(await refusal('sync:rename', { deviceName: 'Desk\nEvil' })).toContain('one line of text')
    expect(await refusal('sync:setFileSizeLimit', { bytes: 1024 * 1024 - 1 })).toContain(
      'at least 1 MB',
    )
    expect(await refusal('sync:setFileSizeLimit', { bytes: 2 * 1024 ** 3 + 1 })).toContain(
      'at most 2 GB',
    )
    expect(await refusal('sync:setFileSizeLimit', { bytes: 1024 * 1024 + 0.5 })).toContain(
      'INVALID_REQUEST',
    )
    expect(
      await refusal('sync:resolveConflict', { paperId: 1, body: 'x'.repeat(1_000_001) }),
    ).toContain('INVALID_REQUEST')
    expect(await refusal('sync:resolveConflict', { paperId: 0, body: '' })).toContain(
      'INVALID_REQUEST',
    )
    expect(await refusal('sync:now', { extra: true })).toContain('INVALID_REQUEST')
    expect(library.sync.status().configured).toBe(false)
  })

  it('trims the device name it passes on', async () => {
    const { value } = await syncApi()
    const status = await value<SyncStatus>('sync:setup', {
      folder: tempDir(),
      deviceName: '  Desk  ',
    })
    expect(status.deviceName).toBe('Desk')
  })
})

describe('sync:chooseFolder', () => {
  it('answers the folder picked, or null when the person cancels', async () => {
    let answer: string | null = '/home/ada/Dropbox/Margin'
    const { value } = await syncApi({ chooseFolder: async () => answer })
    expect(await value('sync:chooseFolder', {})).toEqual({ folder: '/home/ada/Dropbox/Margin' })
    answer = null
    expect(await value('sync:chooseFolder', {})).toEqual({ folder: null })
  })

  it('says that a path must be typed where there is no folder dialog', async () => {
    const { call } = await syncApi()
    expect(await call('sync:chooseFolder', {})).toEqual({
      ok: false,
      error: {
        code: 'INTERNAL',
        message: 'Choosing a folder needs the desktop app; type its path.',
      },
    })
  })
})

describe('sync:* handlers', () => {
  it('set up, rename, size limit and stop, with sync:changed as it goes; the library’s own folder refused in its words', async () => {
    const { call, value, events, library } = await syncApi()
    const libraryDir = dirname(library.db.name)
    const own = await call('sync:setup', { folder: libraryDir, deviceName: 'Desk' })
    expect(own).toEqual({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining("library's own folder") },
    })
    expect(library.sync.status().configured).toBe(false)

    const folder = tempDir()
    const setUp = await value<SyncStatus>('sync:setup', { folder, deviceName: 'Desk' })
    expect(setUp).toMatchObject({ configured: true, deviceName: 'Desk', syncing: false })
    expect(setUp.lastSyncAt).not.toBeNull()
    expect(events.some((e) => e.event === 'sync:changed')).toBe(true)

    expect(await value<SyncStatus>('sync:rename', { deviceName: 'Study' })).toMatchObject({
      deviceName: 'Study',
    })
    expect(
      await value<SyncStatus>('sync:setFileSizeLimit', { bytes: 10 * 1024 * 1024 }),
    ).toMatchObject({ fileSizeLimit: 10 * 1024 * 1024 })
    const stopped = await value<SyncStatus>('sync:stop', {})
    expect(stopped.configured).toBe(false)
    expect(library.listPapers().length).toBe(38)
  })

  it('another device’s changes applied here tell the window: library:changed (sync)', async () => {
    const { value, reasons, library } = await syncApi()
    const folder = tempDir()
    await value('sync:setup', { folder, deviceName: 'Desk' })
    const laptop = await otherDevice(folder)
    const id = idOf(laptop, /^NanoFlow/)
    laptop.setStatuses([{ id, status: 'reading' }])
    await laptop.sync.pass()
    expect(reasons()).not.toContain('sync')

    await value('sync:now', {})
    await library.sync.pass() // the one sync:now started
    expect(reasons()).toContain('sync')
    expect(library.getPaper(idOf(library, /^NanoFlow/)).status).toBe('reading')
  })

  it('lists a note edited on two devices and resolves it with the text given', async () => {
    const { value, reasons, library } = await syncApi()
    const folder = tempDir()
    await value('sync:setup', { folder, deviceName: 'Desk' })
    const laptop = await otherDevice(folder)
    const here = idOf(library, /^NanoFlow/)
    const there = idOf(laptop, /^NanoFlow/)
    library.saveNote(here, 'Batching on the desk.\nSecond line.')
    await library.sync.pass()
    laptop.saveNote(there, 'Batching on the laptop.\nSecond line.')
    await laptop.sync.pass()
    await library.sync.pass()

    const conflicts = await value<Array<{ paperId: number; title: string }>>('sync:conflicts', {})
    expect(conflicts).toEqual([
      expect.objectContaining({ paperId: here, title: expect.stringMatching(/^NanoFlow/) }),
    ])
    const body = 'Batching on the desk.\nBatching on the laptop.\nSecond line.'
    const paper = await value<{ note: string }>('sync:resolveConflict', { paperId: here, body })
    expect(paper.note).toBe(body)
    expect(reasons().at(-1)).toBe('note')
    expect(await value('sync:conflicts', {})).toEqual([])
    expect((await value<SyncStatus>('sync:status', {})).conflicts).toBe(0)

    await library.sync.pass()
    await laptop.sync.pass()
    expect(laptop.getPaper(there).note).toBe(body)
    expect(laptop.sync.conflicts()).toEqual([])
  })
})
