import { afterEach, beforeEach, expect, it, vi } from 'vitest'

const saved: unknown[] = []
vi.mock('../../api', () => ({
  call: vi.fn(async (channel: string, request: unknown) => {
    saved.push({ channel, request })
    return null
  }),
}))

const { createPositionSaver, rememberedPosition, SAVE_POSITION_DEBOUNCE_MS } =
  await import('./positions')

beforeEach(() => {
  saved.length = 0
  vi.useFakeTimers()
})
afterEach(() => vi.useRealTimers())

const place = { page: 3, offset: 0.25, pageCount: 10, zoom: 'fit-width' as const }

it('saves after a pause in scrolling, once, with the last place', async () => {
  const onSaved = vi.fn()
  const saver = createPositionSaver(7, onSaved)
  saver.update({ ...place, page: 2 })
  saver.update(place)
  await vi.advanceTimersByTimeAsync(SAVE_POSITION_DEBOUNCE_MS - 1)
  expect(saved).toEqual([])
  await vi.advanceTimersByTimeAsync(1)
  expect(saved).toEqual([{ channel: 'reader:savePosition', request: { paperId: 7, ...place } }])
  expect(onSaved).toHaveBeenCalledWith(place)
})

it('saves at once on flush, and nothing when the place did not change', async () => {
  const saver = createPositionSaver(8, () => {})
  saver.opened(place)
  saver.update(place)
  await saver.flush()
  expect(saved).toEqual([])
  saver.update({ ...place, offset: 0.5 })
  await saver.flush()
  expect(saved).toHaveLength(1)
  await vi.advanceTimersByTimeAsync(SAVE_POSITION_DEBOUNCE_MS)
  expect(saved).toHaveLength(1)
})

it('remembers what this session saved over an older detail', async () => {
  const saver = createPositionSaver(9, () => {})
  saver.update(place)
  await saver.flush()
  const old = { ...place, page: 1, updatedAt: 0 }
  expect(rememberedPosition(9, old)).toMatchObject({ page: 3 })
  expect(rememberedPosition(10, old)).toBe(old)
})

it('the reader opens the file the position was saved in (or of its page count), unless a newer one came since', async () => {
  const { positionFile } = await import('./positions')
  const file = (sha256: string, pageCount: number, addedAt: number) => ({
    sha256,
    pageCount,
    size: 1,
    origin: `${sha256}.pdf`,
    addedAt,
    textState: 'done' as const,
    textProblem: null,
  })
  const files = [file('a', 3, 10), file('b', 5, 20), file('c', 5, 30)]
  const at = (pageCount: number, updatedAt = 100) => ({ pageCount, updatedAt })
  // Never read: the newest file.
  expect(positionFile(1, files, null, new Map())?.sha256).toBe('c')
  expect(positionFile(1, files, at(5), new Map())?.sha256).toBe('b')
  expect(positionFile(1, files, at(3), new Map([[1, 'a']]))?.sha256).toBe('a')
  // A file removed since: the page count decides, then the newest file.
  expect(positionFile(1, files, at(7), new Map([[1, 'gone']]))?.sha256).toBe('c')
  // A file attached after the place was saved (a new version) is the one read now.
  expect(positionFile(1, files, at(3, 25), new Map([[1, 'a']]))?.sha256).toBe('c')
  expect(positionFile(1, [], at(3), new Map())).toBeUndefined()
})
