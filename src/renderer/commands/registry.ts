import type { AppCommand } from '../../shared/ipc'
import { useStore, type Store } from '../store'
import { importDigest, showShortcuts, toggleTheme } from './appCommands'
import {
  focusNote,
  focusSearch,
  highlightSelection,
  leaveField,
  nextView,
  previousView,
} from './goCommands'
import { firstPaper, lastPaper, nextPaper, pageDown, pageUp, previousPaper } from './moveCommands'
import { statusCommands } from './statusCommands'
import { markAll, showStats, startTriage, toggleMark, undo } from './triageCommands'
import { attachPdf, attachPdfFromMenu, downloadPdf, makeOffline } from './pdfCommands'
import { exportAnnotatedPdf } from './exportAnnotatedPdf'
import type { Command } from './types'
import { READER_COMMANDS, toggleReader } from './reader/index'
import { searchOrFind } from './reader/searchOrFind'
import { fetchNow, showSubscriptions } from './subscriptionCommands'
import { showConflicts, showSyncSettings } from './syncCommands'

/** Every keyboard command; the ? overlay is drawn from this list, so it cannot drift. */
export const COMMANDS: readonly Command[] = [
  // Before the list's keys: while the PDF has the keyboard, arrows and Esc are the reader's.
  ...READER_COMMANDS,
  nextPaper,
  previousPaper,
  pageDown,
  pageUp,
  firstPaper,
  lastPaper,
  ...statusCommands,
  undo,
  startTriage,
  toggleMark,
  markAll,
  focusNote,
  highlightSelection,
  focusSearch,
  leaveField,
  nextView,
  previousView,
  showStats,
  downloadPdf,
  attachPdf,
  exportAnnotatedPdf,
  makeOffline,
  showShortcuts,
  importDigest,
  showSubscriptions,
  fetchNow,
  showSyncSettings,
  showConflicts,
  toggleTheme,
]

/** Menu items of the desktop app that run a command of the window. */
export const MENU_COMMANDS: Record<AppCommand, Command> = {
  importDigest,
  showShortcuts,
  toggleTheme,
  focusSearch: searchOrFind,
  attachPdf: attachPdfFromMenu,
  toggleReader,
  exportAnnotatedPdf,
  showSubscriptions,
  fetchNow,
  showSyncSettings,
  showConflicts,
}

/** The key spec an event stands for: "Mod+o", "?", "j", "Escape". */
export function keySpec(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>,
): string | null {
  if (event.altKey) return null
  return event.ctrlKey || event.metaKey ? `Mod+${event.key.toLowerCase()}` : event.key
}

export function commandForKey(spec: string, store: Store): Command | undefined {
  return COMMANDS.find(
    (command) => command.keys.includes(spec) && (!command.when || command.when(store)),
  )
}

export function keyLabel(key: string): string {
  const names: Record<string, string> = {
    ArrowDown: '↓',
    ArrowUp: '↑',
    Escape: 'Esc',
    ' ': 'Space',
  }
  if (names[key]) return names[key]
  if (/^[A-Z]$/.test(key)) return `Shift+${key}`
  return key.replace('Mod+', 'Ctrl+').replace(/\+([a-z])$/, (_, k: string) => `+${k.toUpperCase()}`)
}

export function runCommand(command: Command): void {
  command.perform({ store: useStore.getState() })
}
