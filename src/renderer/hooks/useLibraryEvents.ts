import { useEffect } from 'react'
import { call, onEvent } from '../api'
import { MENU_COMMANDS, runCommand } from '../commands/registry'
import { savePendingNow } from '../pendingSaves'
import { useStore } from '../store'

/** Keeps every view current with what the main process reports. */
export function useLibraryEvents(): void {
  useEffect(() => {
    const store = useStore.getState
    const unsubscribes = [
      onEvent('library:changed', ({ reason }) => {
        void store().loadSidebar()
        if (reason === 'import') void store().loadPapers()
        if (reason === 'files') void store().loadFilesUsage()
        // Annotations placed again on a paper's new PDF (in the background) show in its list.
        const shown = store().detail?.id
        if (reason === 'highlight' && shown !== undefined) void store().refreshDetail(shown)
        if (store().mode === 'stats') void store().loadStats()
        // Another device's changes: the list, the paper shown and the conflicts follow.
        if (reason === 'sync') void store().syncApplied()
        // A note edited here may have ended its conflict (its marker lines gone).
        if (reason === 'note' && store().syncConflicts.length > 0) void store().loadSync()
      }),
      // A PDF's text is now searchable (or not): the reading pane shows its paper's files as they
      // are. Whatever the paper shown (the file may be one it is about to show, or one attached
      // behind the window's back), a look costs one call.
      onEvent('files:textDone', () => {
        const shown = store().detail?.id
        if (shown !== undefined) void store().refreshDetail(shown)
      }),
      onEvent('downloads:changed', (status) => store().downloadsChanged(status)),
      onEvent('subscriptions:changed', (status) => store().subscriptionsChanged(status)),
      onEvent('subscriptions:fetched', (report) => store().subscriptionsFetched(report)),
      onEvent('sync:changed', (status) => store().syncChanged(status)),
      onEvent('digests:importProgress', (progress) => store().setImportProgress(progress)),
      onEvent('digests:imported', (report) => {
        store().setImportProgress(null)
        store().showImportReport(report)
      }),
      onEvent('app:command', ({ command }) => runCommand(MENU_COMMANDS[command])),
      onEvent('app:flushRequested', ({ requestId }) => {
        savePendingNow()
          .then(() => call('app:flushed', { requestId }))
          .catch(() => {}) // the window is closing; the main process stops waiting on its own
      }),
    ]
    return () => unsubscribes.forEach((unsubscribe) => unsubscribe())
  }, [])
}
