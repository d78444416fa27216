import type { ReadingStatus, StatusAssignment } from '../../shared/models'
import { call } from '../api'
import { count } from '../format'
import { STATUS_LABELS } from '../statusLabels'
import type { SliceCreator } from './types'

export interface StatusSlice {
  /** Sets the status of these papers; undoable with Ctrl+Z or the toast. */
  setStatusOf: (ids: number[], status: ReadingStatus) => Promise<void>
  /** The marked papers, or else the selected one. */
  setStatusOfTargets: (status: ReadingStatus) => Promise<void>
  /** Every paper of the current list. */
  setStatusOfView: (status: ReadingStatus) => Promise<void>
  applyStatuses: (changes: StatusAssignment[], label: string, triageIndex?: number) => Promise<void>
}

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
          get().pushUndo(
            {
              label,
              revert: async () => {
                await call('papers:setStatuses', { changes: previous })
                await show(previous)
                if (triageIndex !== undefined) get().returnToTriage(triageIndex)
              },
            },
            true,
          )
        }
        set({ markedIds: [] }) // a bulk action ends the pick
        await show(changes)
      }),
  }
}
