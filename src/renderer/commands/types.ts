import type { Store } from '../store'

export interface CommandContext {
  store: Store
}

export interface Command {
  id: string
  label: string
  group: 'Move' | 'Status' | 'Triage' | 'Go to' | 'PDF' | 'App'
  /** KeyboardEvent.key values; "Mod+" means Ctrl (Cmd on macOS). The first is shown. */
  keys: string[]
  /** Also runs while typing in a field (otherwise the key types into the field). */
  inFields?: boolean
  /** Only then does the key mean this command (else the next command with the key, if any). */
  when?: (store: Store) => boolean
  /** Runs again while the key is held (as the Move keys do). */
  repeats?: boolean
  perform: (context: CommandContext) => void
}
