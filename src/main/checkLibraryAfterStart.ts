import { app, type BrowserWindow, type MessageBoxOptions } from 'electron'
import { checkOpenLibrary } from './library/backup/recovery'
import type { Library } from './library/library'
import { messageBox } from './dialogs'

/** After the window is up, so reading the whole file does not compete with the first paint. */
const CHECK_DELAY_MS = 5_000

/**
 * SQLite's quick_check of the open library on a worker thread, shortly after start. Damage
 * found means the next start sets the library aside and restores the newest good backup; the
 * person is offered that restart now.
 */
export function checkLibraryAfterStart(
  library: Library,
  libraryDir: string,
  parent: () => BrowserWindow | undefined,
): void {
  setTimeout(() => {
    void checkOpenLibrary(libraryDir).then(async (check) => {
      if (check.ok) return
      const options: MessageBoxOptions = {
        type: 'error',
        message: 'Margin found damage in its library',
        detail: `${check.problems.slice(0, 3).join('\n')}\n\nOn restart Margin sets the damaged library aside, unchanged, and restores the newest good backup. Changes made before the restart stay only in the damaged file.`,
        buttons: ['Restart and Recover', 'Later'],
        defaultId: 0,
        cancelId: 1,
      }
      const window = parent()
      const { response } = await messageBox(window, options)
      if (response !== 0) return
      library.close()
      app.relaunch()
      app.exit(0)
    })
  }, CHECK_DELAY_MS).unref()
}
