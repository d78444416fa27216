import { app, powerMonitor, type BrowserWindow } from 'electron'
import type { FlushRequests } from './flushRequests'

/**
 * Nothing typed is lost when Margin quits, its window is closed or the system shuts down: each
 * first asks the window to save what is pending and waits for its answer (at most
 * FLUSH_TIMEOUT_MS). Returns the guard each new window gets.
 */
export function saveBeforeQuitting(
  flushes: FlushRequests,
  currentWindow: () => BrowserWindow | undefined,
): { guardWindow: (window: BrowserWindow) => void } {
  let savedForQuit = false
  app.on('before-quit', (event) => {
    if (savedForQuit || !currentWindow()) return
    event.preventDefault()
    void flushes.request().finally(() => {
      savedForQuit = true
      app.quit()
    })
  })
  // Linux and macOS shutting down: Electron holds the shutdown while the app quits cleanly.
  powerMonitor.on('shutdown', () => app.quit())
  return {
    guardWindow: (window) => {
      // Windows ending the session (shut down, log off) waits for no one: ask at once.
      window.on('session-end', () => void flushes.request())
      let saved = false
      window.on('close', (event) => {
        // Quitting saved already; stopping this close now would cancel the quit.
        if (saved || savedForQuit) return
        event.preventDefault()
        void flushes.request().finally(() => {
          saved = true
          if (!window.isDestroyed()) window.close()
        })
      })
    },
  }
}
