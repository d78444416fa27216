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
