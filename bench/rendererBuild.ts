import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from '../e2e/harness'

/** Builds the renderer when out/renderer is missing or older than its sources. */
export function ensureRendererBuilt(): void {
  const built = join(ROOT, 'out', 'renderer', 'index.html')
  const sources = ['src/renderer', 'src/shared', 'src/preload'].map((dir) => join(ROOT, dir))
  if (existsSync(built) && newestMtime(sources) <= statSync(built).mtimeMs) return
  console.error('building the renderer (npx electron-vite build)')
  execFileSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: ['ignore', 2, 2] })
}

function newestMtime(paths: readonly string[]): number {
  return Math.max(
    ...paths.map((path) => {
      const stat = statSync(path)
      if (!stat.isDirectory()) return stat.mtimeMs
      return newestMtime(readdirSync(path).map((name) => join(path, name)))
    }),
  )
}
