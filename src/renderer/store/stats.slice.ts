import type { ReadingStats } from '../../shared/models'
import { call } from '../api'
import type { SliceCreator } from './types'

export interface StatsSlice {
  stats: ReadingStats | null
  loadStats: () => Promise<void>
}

export const createStatsSlice: SliceCreator<StatsSlice> = (set, get) => ({
  stats: null,
  loadStats: () =>
    get().guard(async () => {
      // getTimezoneOffset is minutes behind UTC; the library wants minutes ahead.
      const utcOffsetMinutes = -new Date().getTimezoneOffset()
      set({ stats: await call('stats:get', { utcOffsetMinutes }) })
    }),
})
