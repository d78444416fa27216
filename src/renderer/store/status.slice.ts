import type { ReadingStatus, StatusAssignment } from '../../shared/models'
import { call } from '../api'
import { count } from '../format'
import { STATUS_LABELS } from '../statusLabels'
import type { SliceCreator } from './types'

interface UndoEntry {
  label: string
  previous: StatusAssignment[]
  /** The triage position to return to when this decision is undone. */
  triageIndex?: number
}

export interface Toast {
  text: string
  canUndo: boolean
}

export interface StatusSlice {
  undoStack: UndoEntry[]
  toast: Toast | null
  /** Sets the status of these papers; undoable with Ctrl+Z or the toast. */
  setStatusOf: (ids: number[], status: ReadingStatus) => Promise<void>
  /** The marked papers, or else the selected one. */
  setStatusOfTargets: (status: ReadingStatus) => Promise<void>
  /** Every paper of the current list. */
  setStatusOfView: (status: ReadingStatus) => Promise<void>
  applyStatuses: (changes: StatusAssignment[], label: string, triageIndex?: number) => Promise<void>
  undo: () => Promise<void>
  dismissToast: () => void
}

const MAX_UNDO = 50

/** What a toast says of a change: the verb first, since long titles get cut. */
export function statusChangeLabel(status: ReadingStatus, subject: string): string {
  return `Marked ${STATUS_LABELS[status].toLowerCase()}: ${subject}`
}

export const createStatusSlice: SliceCreator<StatusSlice> = (set, get) => {
  /** Shows new statuses in the list, the reading pane and the sidebar. */
  const show = async (changes: StatusAssignment[]) => {
    get().patchStatuses(changes)
    const selected = get().selectedId
    if (selected !== null && changes.some((c) => c.id === selected))
      await get().loadDetail(selected)
    await get().loadSidebar()
  }

  return {
    undoStack: [],
    toast: null,

    setStatusOf: async (ids, status) => {
      if (ids.length === 0) return
      const title = get().summaries.get(ids[0]!)?.title
      const subject = ids.length === 1 && title ? `“${title}”` : count(ids.length, 'paper')
      await get().applyStatuses(
        ids.map((id) => ({ id, status })),
        statusChangeLabel(status, subject),
      )
    },

    setStatusOfTargets: (status) => {
      const { markedIds, selectedId } = get()
      return get().setStatusOf(
        markedIds.length > 0 ? markedIds : selectedId === null ? [] : [selectedId],
        status,
      )
    },

    setStatusOfView: (status) => get().setStatusOf(get().paperIds, status),

    applyStatuses: (changes, label, triageIndex) =>
      get().guard(async () => {
        const { previous } = await call('papers:setStatuses', { changes })
        // Undoable at once, before the views refresh: Ctrl+Z may come before they have.
        if (previous.length > 0) {
          const entry: UndoEntry = {
            label,
            previous,
            ...(triageIndex === undefined ? {} : { triageIndex }),
          }
          set({
            undoStack: [...get().undoStack.slice(-MAX_UNDO + 1), entry],
            toast: { text: label, canUndo: true },
          })
        }
        set({ markedIds: [] }) // a bulk action ends the pick
        await show(changes)
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
          await call('papers:setStatuses', { changes: entry.previous })
        } catch (error) {
          set({ undoStack: [...get().undoStack, entry] })
          throw error
        }
        // The toast offers to undo the change before, while there is one.
        set({ toast: { text: `Undone: ${entry.label}`, canUndo: undoStack.length > 0 } })
        await show(entry.previous)
        if (entry.triageIndex !== undefined) get().returnToTriage(entry.triageIndex)
      }),

    dismissToast: () => set({ toast: null }),
  }
}
