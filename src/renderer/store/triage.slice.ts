import type { ReadingStatus } from '../../shared/models'
import { statusChangeLabel } from './status.slice'
import type { SliceCreator } from './types'

export interface TriageSession {
  /** Ids of the papers still new when triage began, in list order. */
  queue: number[]
  index: number
  title: string
}

export interface TriageSlice {
  mode: 'papers' | 'triage' | 'stats'
  triage: TriageSession | null
  startTriage: () => void
  /** Records a decision on the current paper (null keeps it new) and moves to the next. */
  decide: (status: ReadingStatus | null) => Promise<void>
  returnToTriage: (index: number) => void
  setMode: (mode: 'papers' | 'stats') => void
}

export const createTriageSlice: SliceCreator<TriageSlice> = (set, get) => {
  const goTo = (session: TriageSession, index: number) => {
    set({ triage: { ...session, index } })
    get().select(session.queue[index] ?? null)
  }

  return {
    mode: 'papers',
    triage: null,

    startTriage: () => {
      const { paperIds, newIds } = get()
      const queue = paperIds.filter((id) => newIds.has(id))
      const session = { queue, index: 0, title: get().viewTitle() }
      set({ mode: 'triage', markedIds: [] })
      goTo(session, 0)
    },

    decide: async (status) => {
      const session = get().triage
      const current = session?.queue[session.index]
      if (!session || !current) return
      if (status !== null) {
        const detail = get().detail
        const subject = detail?.id === current ? `“${detail.title}”` : 'this paper'
        const label = statusChangeLabel(status, subject)
        await get().applyStatuses([{ id: current, status }], label, session.index)
      }
      goTo(session, session.index + 1)
    },

    returnToTriage: (index) => {
      const session = get().triage
      if (session && get().mode === 'triage') goTo(session, index)
    },

    setMode: (mode) => {
      set({ mode, triage: null })
      if (mode === 'papers') void get().loadPapers()
    },
  }
}
