import { spawnSync } from 'node:child_process'
import { join } from 'node:path'

const ROOT = join(__dirname, '../../../..')

/** Runs the real CLI in a child process, as `npm run margin` does. */
export function margin(args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main/cli.ts', ...args], {
    cwd: ROOT,
    input: options.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, MARGIN_LIBRARY: '', ...options.env },
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}
