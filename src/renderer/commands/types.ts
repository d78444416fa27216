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
  perform: (context: CommandContext) => void
}
