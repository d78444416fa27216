import type { PdfFile, ReaderZoom, ReadingPosition } from '../../../shared/models'
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

/**
 * A paper keeps one reading position; when it holds several PDFs, this window remembers which
 * file that position was taken in (paper id -> sha256), here and in localStorage.
 */
const POSITION_FILES_KEY = 'margin.reader.positionFiles'
const MAX_POSITION_FILES = 1000
const positionFiles = new Map<number, string>(loadPositionFiles())

function loadPositionFiles(): Array<[number, string]> {
  try {
    const stored: unknown = JSON.parse(globalThis.localStorage?.getItem(POSITION_FILES_KEY) ?? '{}')
    if (!stored || typeof stored !== 'object') return []
    return Object.entries(stored as Record<string, unknown>).flatMap(([id, sha]) =>
      typeof sha === 'string' && /^\d+$/.test(id) ? [[Number(id), sha] as [number, string]] : [],
    )
  } catch {
    return []
  }
}

function rememberPositionFile(paperId: number, sha256: string): void {
  if (positionFiles.get(paperId) === sha256) return
  positionFiles.delete(paperId) // the newest last, so the oldest go first past the cap
  positionFiles.set(paperId, sha256)
  for (const id of positionFiles.keys()) {
    if (positionFiles.size <= MAX_POSITION_FILES) break
    positionFiles.delete(id)
  }
  try {
    globalThis.localStorage?.setItem(
      POSITION_FILES_KEY,
      JSON.stringify(Object.fromEntries(positionFiles)),
    )
  } catch {
    // Storage full or unavailable: the position then applies to the file it fits.
  }
}

/**
 * The file the reader opens: the one the paper's saved position was taken in (the one this
 * window saved it for, else the one whose page count it has), unless a file was attached after
 * the place was saved (a new version is read from then on); else the newest file. Only the
 * file the position was taken in opens at it; another opens at page 1.
 */
export function positionFile(
  paperId: number,
  files: readonly PdfFile[],
  position: Pick<ReadingPosition, 'pageCount' | 'updatedAt'> | null,
  known: ReadonlyMap<number, string> = positionFiles,
): PdfFile | undefined {
  const newest = files.at(-1)
  if (!position || !newest || newest.addedAt > position.updatedAt) return newest
  const sha = known.get(paperId)
  return (
    files.find((file) => file.sha256 === sha) ??
    files.find((file) => file.pageCount === position.pageCount) ??
    newest
  )
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
export function createPositionSaver(
  paperId: number,
  onSaved: (position: PositionToSave) => void,
  /** The file shown, whose place this is (a paper may hold several PDFs). */
  fileSha256?: string,
) {
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
    if (fileSha256) rememberPositionFile(paperId, fileSha256)
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
