import { beforeEach, describe, expect, it, vi } from 'vitest'
import { create } from 'zustand'
import type { LibraryUpdateState } from '../../shared/ipc'
import { ApiError } from '../api'
import { createLibraryUpdateSlice, type LibraryUpdateSlice } from './libraryUpdate.slice'

let answer: () => Promise<LibraryUpdateState>
let listener: ((state: LibraryUpdateState) => void) | null = null
const order: string[] = []
vi.mock('../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../api')>()),
  call: (channel: string) => {
    order.push(`call ${channel}`)
    return answer()
  },
  onEvent: (event: string, listen: (state: LibraryUpdateState) => void) => {
    order.push(`listen ${event}`)
    listener = listen
    return () => {
      listener = null
    }
  },
}))

const updating = (done: number): LibraryUpdateState => ({
  state: 'updating',
  from: 12,
  to: 13,
  step: { phase: 'migrate', schema: 13, done, total: 42 },
})
const updated: LibraryUpdateState = { state: 'updated', from: 12, to: 13, notice: null }

function store() {
  // The slice reads and writes only its own state.
  return create<LibraryUpdateSlice>()((...args) =>
    createLibraryUpdateSlice(...(args as unknown as Parameters<typeof createLibraryUpdateSlice>)),
  )
}

beforeEach(() => {
  order.length = 0
  listener = null
})

describe('libraryUpdate slice', () => {
  it('listens before it asks, then follows the pushed states', async () => {
    answer = async () => updating(0)
    const s = store()
    const stop = s.getState().followLibraryUpdate()
    expect(order).toEqual(['listen library:updating', 'call library:update'])
    await vi.waitFor(() => expect(s.getState().libraryUpdate).toEqual(updating(0)))
    listener!(updating(42))
    expect(s.getState().libraryUpdate).toEqual(updating(42))
    listener!(updated)
    expect(s.getState().libraryUpdate).toEqual(updated)
    stop()
    expect(listener).toBeNull()
  })

  it('keeps an open library open when a late answer says it was still updating', async () => {
    let resolve: (state: LibraryUpdateState) => void = () => {}
    answer = () => new Promise((r) => (resolve = r))
    const s = store()
    s.getState().followLibraryUpdate()
    listener!(updated)
    resolve(updating(0))
    await Promise.resolve()
    await Promise.resolve()
    expect(s.getState().libraryUpdate).toEqual(updated)
  })

  it('a failure pushed after the library looked open still shows', () => {
    answer = async () => ({ state: 'none' })
    const s = store()
    s.getState().followLibraryUpdate()
    listener!({ state: 'none' })
    listener!({ state: 'failed', code: 'LIBRARY_IN_USE', message: 'Close that one first.' })
    expect(s.getState().libraryUpdate).toMatchObject({ state: 'failed', code: 'LIBRARY_IN_USE' })
  })

  it('a refused question becomes the failure the screen shows', async () => {
    answer = () =>
      Promise.reject(
        new ApiError({ code: 'INTERNAL', message: 'Margin cannot reach its library.' }),
      )
    const s = store()
    s.getState().followLibraryUpdate()
    await vi.waitFor(() =>
      expect(s.getState().libraryUpdate).toEqual({
        state: 'failed',
        code: 'INTERNAL',
        message: 'Margin cannot reach its library.',
      }),
    )
  })
})
