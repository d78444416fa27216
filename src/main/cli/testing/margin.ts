import { spawn, spawnSync } from 'node:child_process'
import { join } from 'node:path'

const ROOT = join(__dirname, '../../../..')
const CLI = ['--import', 'tsx', 'src/main/cli.ts']

/** Runs the real CLI in a child process, as `npm run margin` does. */
export function margin(args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}) {
  const result = spawnSync(process.execPath, [...CLI, ...args], {
    cwd: ROOT,
    input: options.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, MARGIN_LIBRARY: '', ...options.env },
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

/** The real CLI in a child process that does not block this one (a test's server answers here). */
export function marginAsync(args: string[], env: NodeJS.ProcessEnv = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [...CLI, ...args], {
      cwd: ROOT,
      env: { ...process.env, MARGIN_LIBRARY: '', ...env },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}
