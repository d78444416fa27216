import type { Store } from '../../store'

/** The PDF reader is open and can take keys. */
export function readerOpen(store: Store): boolean {
  return store.readerOpen && store.readerHandle !== null
}

/**
 * The reader has the keyboard: the focus is on its pages, or it fills the window (otherwise the
 * arrows and page keys move in the paper list, as always).
 */
export function readerHasKeys(store: Store): boolean {
  if (!readerOpen(store)) return false
  const focus = document.activeElement
  if (focus?.closest('.pdf-scroller')) return true
  // A focused button or field keeps its own keys (Space presses a button).
  return store.readerFullWindow && !focus?.closest('button, input, select, textarea, a')
}
