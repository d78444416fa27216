import { join } from 'node:path'

/**
 * The window icon inside resources/ (development) and inside the packaged app's resources
 * folder, where electron-builder.json's extraResources copies it under the same name.
 */
export const WINDOW_ICON = 'icons/256x256.png'

export interface IconPlace {
  platform: NodeJS.Platform
  isPackaged: boolean
  /** process.resourcesPath: the packaged app's resources folder. */
  resourcesPath: string
  /** app.getAppPath(): the project folder while developing. */
  appPath: string
}

/**
 * The icon Margin's window shows on Linux and Windows (taskbar, title bar, Alt+Tab). macOS
 * ignores a window's icon and shows the app bundle's icon.icns, so there is none to give.
 */
export function windowIconPath(place: IconPlace): string | undefined {
  if (place.platform === 'darwin') return undefined
  return place.isPackaged
    ? join(place.resourcesPath, WINDOW_ICON)
    : join(place.appPath, 'resources', WINDOW_ICON)
}
