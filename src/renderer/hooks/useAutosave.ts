import { useCallback, useEffect, useRef, useState } from 'react'
import { registerPendingSave } from '../pendingSaves'

export type SaveState = 'saved' | 'unsaved' | 'saving' | 'failed'

export const AUTOSAVE_DEBOUNCE_MS = 600

/**
 * Three texts to one: the stored text changed (`stored`) while typed text (`typed`) waited to
 * be saved, both from `base`.
 */
export type MergeTyped = (base: string, typed: string, stored: string) => string

/**
 * Keeps a draft and saves it: after a pause in typing, and at once on `flush` (blur), on
 * unmount (switching paper), when the window is closing and when the app asks before it quits
 * (pendingSaves.ts). A failed save keeps the draft.
 *
 * When the stored text changes behind the editor (another device's edit arrived through sync),
 * the draft shows it; if something typed is still waiting to be saved, `merge` joins the two
 * (without it the typed text stays and is saved over). While a save of its own is on its way,
 * the stored text it sees may be older than that save, so it waits for the save's answer.
 */
export function useAutosave(
  initial: string,
  save: (text: string) => Promise<boolean>,
  merge?: MergeTyped,
) {
  const [draft, setDraftState] = useState(initial)
  const [state, setState] = useState<SaveState>('saved')
  const latest = useRef({ draft: initial, saved: initial, save, merge, inFlight: 0 })
  latest.current.save = save
  latest.current.merge = merge
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)

  /** Stores `text` through `store`, counted as on its way until it answers. */
  const storing = useCallback(async (text: string, store: (text: string) => Promise<boolean>) => {
    const { saved } = latest.current
    latest.current.saved = text
    latest.current.inFlight++
    setState('saving')
    try {
      const ok = await store(text)
      if (!ok && latest.current.saved === text) latest.current.saved = saved
      if (latest.current.draft === text) setState(ok ? 'saved' : 'failed')
      return ok
    } finally {
      latest.current.inFlight--
    }
  }, [])

  const flush = useCallback(async () => {
    clearTimeout(timer.current)
    const { draft: text, saved } = latest.current
    if (text === saved) return
    await storing(text, latest.current.save)
  }, [storing])

  /** Saves `text` at once through `store` (another way to store it), as the draft. */
  const saveNow = useCallback(
    (text: string, store: (text: string) => Promise<boolean>): Promise<boolean> => {
      clearTimeout(timer.current)
      latest.current.draft = text
      setDraftState(text)
      return storing(text, store)
    },
    [storing],
  )

  useEffect(() => {
    const current = latest.current
    if (initial === current.saved || current.inFlight > 0) return
    if (current.draft === current.saved) {
      current.draft = current.saved = initial
      setDraftState(initial)
      setState('saved')
    } else if (current.draft === initial) {
      current.saved = initial
      clearTimeout(timer.current)
      setState('saved')
    } else if (current.merge) {
      const merged = current.merge(current.saved, current.draft, initial)
      current.saved = initial
      current.draft = merged
      setDraftState(merged)
      setState('unsaved')
      clearTimeout(timer.current)
      timer.current = setTimeout(() => void flush(), AUTOSAVE_DEBOUNCE_MS)
    }
  }, [initial, flush])

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
