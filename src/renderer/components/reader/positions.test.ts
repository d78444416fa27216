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

it('the position belongs to the file it was saved in, else to the file of its page count', async () => {
  const { positionFile } = await import('./positions')
  const file = (sha256: string, pageCount: number) => ({
    sha256,
    pageCount,
    size: 1,
    origin: `${sha256}.pdf`,
    addedAt: 0,
    textState: 'done' as const,
    textProblem: null,
  })
  const files = [file('a', 3), file('b', 5), file('c', 5)]
  expect(positionFile(1, files, null, new Map())?.sha256).toBe('a')
  expect(positionFile(1, files, { pageCount: 5 }, new Map())?.sha256).toBe('b')
  expect(positionFile(1, files, { pageCount: 5 }, new Map([[1, 'c']]))?.sha256).toBe('c')
  // A file removed since: the page count decides, then the first file.
  expect(positionFile(1, files, { pageCount: 7 }, new Map([[1, 'gone']]))?.sha256).toBe('a')
  expect(positionFile(1, [], { pageCount: 3 }, new Map())).toBeUndefined()
})
