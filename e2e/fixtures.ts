import { test as base } from '@playwright/test'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const SCREENSHOTS_DIR = join(__dirname, 'artifacts', 'screenshots')

/** Each test gets its own empty library folder, removed afterwards. */
export const test = base.extend<{ libraryDir: string }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies first
  libraryDir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'margin-e2e-'))
    await use(dir)
    rmSync(dir, { recursive: true, force: true })
  },
})

export { expect } from '@playwright/test'
