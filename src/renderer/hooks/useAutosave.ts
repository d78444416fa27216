import { useCallback, useEffect, useRef, useState } from 'react'
import { registerPendingSave } from '../pendingSaves'

export type SaveState = 'saved' | 'unsaved' | 'saving' | 'failed'

export const AUTOSAVE_DEBOUNCE_MS = 600

/**
 * Keeps a draft and saves it: after a pause in typing, and at once on `flush` (blur), on
 * unmount (switching paper), when the window is closing and when the app asks before it quits
 * (pendingSaves.ts). A failed save keeps the draft. When the stored text changes behind the
 * editor (another device's edit arrived through sync), the draft shows it unless something
 * typed is still waiting to be saved.
 */
export function useAutosave(initial: string, save: (text: string) => Promise<boolean>) {
  const [draft, setDraftState] = useState(initial)
  const [state, setState] = useState<SaveState>('saved')
  const latest = useRef({ draft: initial, saved: initial, save })
  latest.current.save = save
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)

  const flush = useCallback(async () => {
    clearTimeout(timer.current)
    const { draft: text, saved } = latest.current
    if (text === saved) return
    latest.current.saved = text
    setState('saving')
    const ok = await latest.current.save(text)
    if (!ok) latest.current.saved = saved
    if (latest.current.draft === text) setState(ok ? 'saved' : 'failed')
  }, [])

  /** Saves `text` at once through `save` (another way to store it), as the draft. */
  const saveNow = useCallback(
    async (text: string, save: (text: string) => Promise<boolean>): Promise<boolean> => {
      clearTimeout(timer.current)
      const { saved } = latest.current
      latest.current.draft = text
      latest.current.saved = text
      setDraftState(text)
      setState('saving')
      const ok = await save(text)
      if (!ok) latest.current.saved = saved
      if (latest.current.draft === text) setState(ok ? 'saved' : 'failed')
      return ok
    },
    [],
  )

  useEffect(() => {
    const current = latest.current
    if (initial === current.saved) return
    if (current.draft === current.saved) {
      current.draft = current.saved = initial
      setDraftState(initial)
      setState('saved')
    } else if (current.draft === initial) {
      current.saved = initial
      clearTimeout(timer.current)
      setState('saved')
    }
  }, [initial])

  const setDraft = useCallback(
    (text: string) => {
      latest.current.draft = text
      setDraftState(text)
      setState('unsaved')
      clearTimeout(timer.current)
      timer.current = setTimeout(() => void flush(), AUTOSAVE_DEBOUNCE_MS)
    },
    [flush],
  )

  useEffect(() => {
    const flushNow = () => void flush()
    window.addEventListener('pagehide', flushNow)
    window.addEventListener('beforeunload', flushNow)
    const unregister = registerPendingSave(flush)
    return () => {
      window.removeEventListener('pagehide', flushNow)
      window.removeEventListener('beforeunload', flushNow)
      unregister()
      flushNow()
    }
  }, [flush])

  return { draft, setDraft, flush, saveNow, state }
}
