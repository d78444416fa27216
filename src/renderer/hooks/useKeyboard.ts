import { useEffect } from 'react'
import { commandForKey, keySpec, runCommand } from '../commands/registry'
import { useStore } from '../store'

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)
}

/** Runs the registered command for each key press; keys type normally inside fields. */
export function useKeyboard(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return
      const spec = keySpec(event)
      const command = spec === null ? undefined : commandForKey(spec, useStore.getState())
      if (!command) return
      if (isTextField(event.target) && !command.inFields) return
      if (event.repeat && command.group !== 'Move' && !command.repeats) return
      event.preventDefault()
      runCommand(command)
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [])
}
