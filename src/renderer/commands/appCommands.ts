import { ELEMENT_IDS } from './focus'
import type { Command } from './types'

export const showShortcuts: Command = {
  id: 'shortcuts',
  label: 'Keyboard shortcuts',
  group: 'App',
  keys: ['?'],
  perform: ({ store }) => store.setShortcutsOpen(!store.shortcutsOpen),
}

export const importDigest: Command = {
  id: 'import',
  label: 'Import digest…',
  group: 'App',
  keys: ['Mod+o'],
  inFields: true,
  perform: () => document.getElementById(ELEMENT_IDS.importInput)?.click(),
}

export const toggleTheme: Command = {
  id: 'toggle-theme',
  label: 'Switch light / dark theme',
  group: 'App',
  keys: ['T'],
  perform: ({ store }) => store.toggleTheme(),
}
