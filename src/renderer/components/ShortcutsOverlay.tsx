import { COMMANDS, keyLabel } from '../commands/registry'
import type { Command } from '../commands/types'
import { QUERY_SYNTAX } from '../querySyntax'
import { useStore } from '../store'
import { Dialog } from './Dialog'

const GROUPS: Array<Command['group']> = ['Move', 'Status', 'Triage', 'Go to', 'PDF', 'App']

export function ShortcutsOverlay() {
  const open = useStore((s) => s.shortcutsOpen)
  const setOpen = useStore((s) => s.setShortcutsOpen)
  if (!open) return null

  return (
    <Dialog title="Keyboard shortcuts" onClose={() => setOpen(false)}>
      <div className="shortcut-groups">
        {GROUPS.map((group) => (
          <section key={group} aria-label={group}>
            <h3>{group}</h3>
            <dl className="shortcuts">
              {COMMANDS.filter((c) => c.group === group).map((command) => (
                <div key={command.id} className="shortcut">
                  <dt>
                    {command.keys.map((key) => (
                      <kbd key={key}>{keyLabel(key)}</kbd>
                    ))}
                  </dt>
                  <dd>{command.label}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
        <section aria-label="Search" className="query-syntax">
          <h3>Search</h3>
          <dl className="shortcuts">
            {QUERY_SYNTAX.map(([example, meaning]) => (
              <div key={example} className="shortcut">
                <dt>
                  <code>{example}</code>
                </dt>
                <dd>{meaning}</dd>
              </div>
            ))}
          </dl>
        </section>
      </div>
    </Dialog>
  )
}
