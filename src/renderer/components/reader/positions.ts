import type { ReaderZoom, ReadingPosition } from '../../../shared/models'
import { call } from '../../api'

/**
 * Reading positions saved in this session, so reopening a paper before its detail is loaded
 * again starts where the reader left it (PaperDetail.position is as of the last load).
 */
const saved = new Map<number, ReadingPosition>()

export function rememberedPosition(
  paperId: number,
  fromDetail: ReadingPosition | null,
): ReadingPosition | null {
  const mine = saved.get(paperId)
  if (!mine) return fromDetail
  return !fromDetail || mine.updatedAt >= fromDetail.updatedAt ? mine : fromDetail
}

export interface PositionToSave {
  page: number
  offset: number
  pageCount: number
  zoom: ReaderZoom
}

/** Pause in scrolling after which the place is saved. */
export const SAVE_POSITION_DEBOUNCE_MS = 800

/**
 * Saves a paper's place after a pause in scrolling, and at once on `flush` (closing the reader,
 * another paper, the app quitting). Only a place that changed is written.
 */
export function createPositionSaver(paperId: number, onSaved: (position: PositionToSave) => void) {
  let pending: PositionToSave | null = null
  let last = ''
  let timer: ReturnType<typeof setTimeout> | undefined

  const flush = async (): Promise<void> => {
    clearTimeout(timer)
    const position = pending
    pending = null
    if (!position) return
    const key = JSON.stringify(position)
    if (key === last) return
    last = key
    saved.set(paperId, { ...position, updatedAt: Date.now() })
    try {
      await call('reader:savePosition', { paperId, ...position })
      onSaved(position)
    } catch (error) {
      last = ''
      console.warn('[margin] the reading position could not be saved', error)
    }
  }

  return {
    update(position: PositionToSave) {
      pending = {
        ...position,
        offset: Math.round(position.offset * 10_000) / 10_000,
      }
      clearTimeout(timer)
      timer = setTimeout(() => void flush(), SAVE_POSITION_DEBOUNCE_MS)
    },
    /** Marks what was opened as saved, so opening alone writes nothing. */
    opened(position: PositionToSave) {
      last = JSON.stringify({ ...position, offset: Math.round(position.offset * 10_000) / 10_000 })
    },
    flush,
  }
}
