import type { Command } from './types'

/** Settings, where sync is set up and watched (File › Settings…, Ctrl/Cmd+, in the app). */
export const showSyncSettings: Command = {
  id: 'sync-settings',
  label: 'Settings (sync through a folder)…',
  group: 'App',
  keys: [','],
  perform: ({ store }) => {
    store.setConflictsOpen(false)
    store.setSyncSettingsOpen(true)
  },
}

/** The papers whose note holds both texts of edits made on two devices. */
export const showConflicts: Command = {
  id: 'sync-conflicts',
  label: 'Sync conflicts (notes edited on two devices)…',
  group: 'App',
  keys: ['C'],
  perform: ({ store }) => void store.showConflicts(),
}
