import type { Session, WebContents } from 'electron'
import { isSafeExternalUrl } from './externalLinks'
import { isNavigationAllowed } from './navigation'

/**
 * Keeps a window on Margin's page: no frame navigates away (a dropped file included) and no new
 * window opens; a web link asked to open in one goes to the system browser instead.
 */
export function guardWebContents(contents: WebContents, openExternal: (url: string) => void): void {
  contents.on('will-frame-navigate', (event) => {
    if (!isNavigationAllowed(event.url, event.frame?.url ?? '')) event.preventDefault()
  })
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) openExternal(url)
    return { action: 'deny' }
  })
}

/** Margin needs no camera, microphone, location, notifications or the like: all are refused. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
}
