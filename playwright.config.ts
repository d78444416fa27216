import { defineConfig } from '@playwright/test'

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'e2e/artifacts/results',
  timeout: 60_000,
  workers: 2,
  // One retry, reported as "flaky" in the output: on a loaded 2-core CI machine a browser
  // timing hiccup should be seen and fixed, not cost the whole run.
  retries: 1,
  reporter: [['list']],
  forbidOnly: true,
  use: { actionTimeout: 10_000 },
})
