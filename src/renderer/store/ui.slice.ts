import { call } from '../api'
import { messageOf } from '../errors'
import type { SliceCreator } from './types'

export type ThemeChoice = 'system' | 'light' | 'dark'
const THEME_KEY = 'margin.theme'

export interface UiSlice {
  theme: ThemeChoice
  shortcutsOpen: boolean
  message: string | null
  toggleTheme: () => void
  setShortcutsOpen: (open: boolean) => void
  dismissMessage: () => void
  /** Shows what is risky about where the library lives, if anything. */
  loadWarnings: () => Promise<void>
  /** Opens a web link in the system browser; other schemes are refused by the main process. */
  openLink: (url: string) => Promise<void>
  /** Runs an action; a failure becomes the message bar's text instead of an exception. */
  guard: (action: () => Promise<void>) => Promise<void>
}

function storedTheme(): ThemeChoice {
  const value = localStorage.getItem(THEME_KEY)
  return value === 'light' || value === 'dark' ? value : 'system'
}

export function prefersDark(): boolean {
  return window.matchMedia('(prefers-color-scheme: dark)').matches
}

export const createUiSlice: SliceCreator<UiSlice> = (set, get) => ({
  theme: storedTheme(),
  shortcutsOpen: false,
  message: null,

  toggleTheme: () => {
    const current = get().theme
    const dark = current === 'dark' || (current === 'system' && prefersDark())
    const theme = dark ? 'light' : 'dark'
    localStorage.setItem(THEME_KEY, theme)
    set({ theme })
  },

  setShortcutsOpen: (shortcutsOpen) => set({ shortcutsOpen }),
  dismissMessage: () => set({ message: null }),

  loadWarnings: () =>
    get().guard(async () => {
      const warnings = await call('library:warnings', {})
      if (warnings.length > 0) set({ message: warnings.join(' ') })
    }),

  openLink: (url) =>
    get().guard(async () => {
      const { opened } = await call('app:openExternal', { url })
      if (!opened) set({ message: `Margin opens only web links (http and https), not ${url}.` })
    }),

  guard: async (action) => {
    try {
      await action()
    } catch (error) {
      set({ message: messageOf(error) })
    }
  },
})
