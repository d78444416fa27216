import { homedir } from 'node:os'
import { join } from 'node:path'

export const APP_NAME = 'Margin'

/**
 * Electron's userData folder for Margin, computed without Electron so the CLI and the app
 * share one library: ~/.config/Margin on Linux, ~/Library/Application Support/Margin on macOS,
 * %APPDATA%\Margin on Windows.
 */
export function appDataLibraryDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_NAME)
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_NAME)
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_NAME)
}

/** `--library` wins, then MARGIN_LIBRARY, then the app's own data folder. */
export function resolveLibraryDir(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string {
  return flag ?? (env.MARGIN_LIBRARY || appDataLibraryDir(env))
}
