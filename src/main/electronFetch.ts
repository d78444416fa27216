import { net } from 'electron'

/**
 * The app's network for the library (PDF downloads, subscriptions): Electron's net.fetch, which
 * goes through Chromium's stack and so follows the system's proxy settings (PAC files too) and
 * certificate store. Only the library's HTTP client calls it. Runs only under Electron.
 */
export const electronFetch: typeof globalThis.fetch = (input, init) =>
  net.fetch(input instanceof URL ? input.href : input, init)
