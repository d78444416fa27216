import type { AppCommand } from '../../shared/ipc'
import { useStore } from '../store'
import { importDigest, showShortcuts, toggleTheme } from './appCommands'
import { focusNote, focusSearch, leaveField, nextView, previousView } from './goCommands'
import { nextPaper, previousPaper } from './moveCommands'
import { statusCommands } from './statusCommands'
import type { Command } from './types'

/** Every keyboard command; the ? overlay is drawn from this list, so it cannot drift. */
export const COMMANDS: readonly Command[] = [
  nextPaper,
  previousPaper,
  ...statusCommands,
  focusNote,
  focusSearch,
  leaveField,
  nextView,
  previousView,
  showShortcuts,
  importDigest,
  toggleTheme,
]

/** Menu items of the desktop app that run a command of the window. */
export const MENU_COMMANDS: Record<AppCommand, Command> = {
  importDigest,
  showShortcuts,
  toggleTheme,
  focusSearch,
}

/** The key spec an event stands for: "Mod+o", "?", "j", "Escape". */
export function keySpec(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>,
): string | null {
  if (event.altKey) return null
  return event.ctrlKey || event.metaKey ? `Mod+${event.key.toLowerCase()}` : event.key
}

export function commandForKey(spec: string): Command | undefined {
  return COMMANDS.find((command) => command.keys.includes(spec))
}

export function keyLabel(key: string): string {
  const names: Record<string, string> = {
    ArrowDown: '↓',
    ArrowUp: '↑',
    Escape: 'Esc',
    T: 'Shift+T',
  }
  return (
    names[key] ??
    key.replace('Mod+', 'Ctrl+').replace(/\+([a-z])$/, (_, k: string) => `+${k.toUpperCase()}`)
  )
}

export function runCommand(command: Command): void {
  command.perform({ store: useStore.getState() })
}
