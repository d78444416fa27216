/**
 * The window never leaves Margin's page: a navigation is allowed only to the page it already
 * shows (a reload). Links go to the system browser through their own channel instead, and a
 * file dropped on the window does not replace the app.
 */
export function isNavigationAllowed(target: string, current: string): boolean {
  return withoutHash(target) !== undefined && withoutHash(target) === withoutHash(current)
}

function withoutHash(text: string): string | undefined {
  try {
    const url = new URL(text)
    url.hash = ''
    return url.href
  } catch {
    return undefined
  }
}
