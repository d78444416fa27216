import { describe, expect, it } from 'vitest'
import { create } from 'zustand'
import { createUndoSlice, type UndoSlice } from './undo.slice'

type TestStore = UndoSlice & {
  message: string | null
  guard: (a: () => Promise<void>) => Promise<void>
}

/** The undo slice with the one thing it takes from the rest of the store: guard. */
function undoStore() {
  return create<TestStore>()((set, get, api) => ({
    message: null,
    guard: async (action) => {
      try {
        await action()
      } catch (error) {
        set({ message: (error as Error).message })
      }
    },
    ...createUndoSlice(set as never, get as never, api as never),
  }))
}

describe('the undo stack', () => {
  it('takes back the newest change first, whatever made it', async () => {
    const store = undoStore()
    const undone: string[] = []
    for (const label of ['Marked read: A', 'Added the highlight “x”', 'Deleted the note on p. 3']) {
      store.getState().pushUndo({ label, revert: async () => void undone.push(label) })
    }
    await store.getState().undo()
    await store.getState().undo()
    expect(undone).toEqual(['Deleted the note on p. 3', 'Added the highlight “x”'])
    expect(store.getState().toast).toEqual({
      text: 'Undone: Added the highlight “x”',
      canUndo: true,
    })
    await store.getState().undo()
    expect(store.getState().toast?.canUndo).toBe(false)
    await store.getState().undo()
    expect(store.getState().toast?.text).toBe('Nothing to undo.')
  })

  it('keeps a change that could not be taken back, and says why', async () => {
    const store = undoStore()
    store.getState().pushUndo({
      label: 'Deleted the area on p. 2',
      revert: () => Promise.reject(new Error('The library is read-only.')),
    })
    await store.getState().undo()
    expect(store.getState().message).toBe('The library is read-only.')
    expect(store.getState().undoStack.map((e) => e.label)).toEqual(['Deleted the area on p. 2'])
  })

  it('announces a change with Undo only when asked, and keeps the last 50', () => {
    const store = undoStore()
    store.getState().pushUndo({ label: 'Changed the highlight “x”', revert: async () => {} })
    expect(store.getState().toast).toBeNull()
    for (let i = 0; i < 60; i++) {
      store.getState().pushUndo({ label: `Deleted ${i}`, revert: async () => {} }, true)
    }
    expect(store.getState().toast).toEqual({ text: 'Deleted 59', canUndo: true })
    expect(store.getState().undoStack).toHaveLength(50)
    expect(store.getState().undoStack[0]!.label).toBe('Deleted 10')
  })
})
