/**
 * Every editor that saves after a pause (useAutosave) registers here, so the app can have all
 * of them save at once before it quits or the window closes (app:flushRequested).
 */
const savers = new Set<() => Promise<void>>()

/** Registers a save-now function; returns its removal. */
export function registerPendingSave(saveNow: () => Promise<void>): () => void {
  savers.add(saveNow)
  return () => savers.delete(saveNow)
}

export async function savePendingNow(): Promise<void> {
  await Promise.allSettled([...savers].map((saveNow) => saveNow()))
}
