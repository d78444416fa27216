import { defineConfig } from '@playwright/test'

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'e2e/artifacts/results',
  timeout: 60_000,
  workers: 2,
  reporter: [['list']],
  forbidOnly: true,
  use: { actionTimeout: 10_000 },
})
