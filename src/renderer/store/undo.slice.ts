import type { SliceCreator } from './types'

/** A change that can be taken back: status changes and annotation edits share one stack. */
export interface UndoEntry {
  label: string
  /** Puts things back as they were and shows it; throws when it could not. */
  revert: () => Promise<void>
}

export interface Toast {
  text: string
  canUndo: boolean
}

export interface UndoSlice {
  undoStack: UndoEntry[]
  toast: Toast | null
  /** Makes a change undoable with Ctrl+Z; `announce` also says so in the toast, with Undo. */
  pushUndo: (entry: UndoEntry, announce?: boolean) => void
  /** Takes back the newest change. */
  undo: () => Promise<void>
  dismissToast: () => void
}

const MAX_UNDO = 50

export const createUndoSlice: SliceCreator<UndoSlice> = (set, get) => ({
  undoStack: [],
  toast: null,

  pushUndo: (entry, announce = false) =>
    set({
      undoStack: [...get().undoStack.slice(-MAX_UNDO + 1), entry],
      ...(announce ? { toast: { text: entry.label, canUndo: true } } : {}),
    }),

  undo: () =>
    get().guard(async () => {
      const entry = get().undoStack.at(-1)
      if (!entry) {
        set({ toast: { text: 'Nothing to undo.', canUndo: false } })
        return
      }
      // Taken off first, so a second Ctrl+Z pressed meanwhile undoes the change before.
      const undoStack = get().undoStack.slice(0, -1)
      set({ undoStack })
      try {
        await entry.revert()
      } catch (error) {
        set({ undoStack: [...get().undoStack, entry] })
        throw error
      }
      // The toast offers to undo the change before, while there is one.
      set({ toast: { text: `Undone: ${entry.label}`, canUndo: get().undoStack.length > 0 } })
    }),

  dismissToast: () => set({ toast: null }),
})
