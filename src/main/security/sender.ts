/** What the main process knows about the frame behind an IPC call, as plain data. */
export interface SenderFrame {
  url: string
  /** The frame has no parent: it is the page itself, not an iframe inside it. */
  isTopFrame: boolean
  /** The frame lives in Margin's own window. */
  inAppWindow: boolean
}

/**
 * Only Margin's own page, in the top frame of Margin's window, may call the library. The page is
 * the dev server's origin in development, or exactly our built index.html over file://.
 */
export function isTrustedSender(frame: SenderFrame | null, rendererUrl: string): boolean {
  if (!frame?.isTopFrame || !frame.inAppWindow) return false
  const actual = parseUrl(frame.url)
  const expected = parseUrl(rendererUrl)
  if (!actual || !expected) return false
  if (expected.protocol === 'file:') {
    return (
      actual.protocol === 'file:' &&
      actual.host === expected.host &&
      actual.pathname === expected.pathname
    )
  }
  return expected.origin !== 'null' && actual.origin === expected.origin
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text)
  } catch {
    return undefined
  }
}
