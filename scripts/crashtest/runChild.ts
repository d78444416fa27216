import { spawn } from 'node:child_process'
import { watch, type FSWatcher } from 'node:fs'
import { join } from 'node:path'

const CHILD = join(__dirname, 'child.ts')

export interface ChildRun {
  startedAt: number
  endedAt: number
  killedAfterMs: number
  finished: boolean
  /** Everything the child printed on standard output. */
  output: string
  /** When something first changed in the watched folder (0 when nothing did or none watched). */
  firstWriteAt: number
  /** How it ended: its exit code, or the signal that ended it. */
  code: number | null
  signal: NodeJS.Signals | null
}

/**
 * When to kill: `afterMs` after the child says "started" (the clock starts then, not when tsx
 * has loaded), or, with `onWriteIn`, `afterMs` after the first change the child makes in that
 * folder (watched recursively), or, with `onLine`, `afterMs` after the child prints that line
 * for the `nth` time (1: the first). Infinity: never.
 */
export interface KillAt {
  afterMs: number
  onWriteIn?: string
  onLine?: { line: string; nth: number }
}

/** Runs child.ts with `args` and kills it with SIGKILL as `kill` says. */
export function runChild(args: string[], kill: number | KillAt): Promise<ChildRun> {
  const { afterMs, onWriteIn, onLine } = typeof kill === 'number' ? { afterMs: kill } : kill
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let startedAt = 0
    let firstWriteAt = 0
    let finished = false
    let output = ''
    let timer: NodeJS.Timeout | undefined
    let watcher: FSWatcher | undefined
    let killing = false
    const killLater = () => {
      if (!Number.isFinite(afterMs) || killing) return
      killing = true
      timer = setTimeout(() => child.kill('SIGKILL'), afterMs)
    }
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      output += text
      const lines = output.split('\n')
      if (lines.includes('started') && startedAt === 0) {
        startedAt = performance.now()
        if (onWriteIn === undefined && onLine === undefined) killLater()
      }
      if (onLine !== undefined && lines.filter((l) => l === onLine.line).length >= onLine.nth) {
        killLater()
      }
      if (lines.includes('done')) finished = true
    })
    if (onWriteIn !== undefined) {
      watcher = watch(onWriteIn, { recursive: true }, () => {
        if (firstWriteAt !== 0 || startedAt === 0) return
        firstWriteAt = performance.now()
        killLater()
      })
    }
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      clearTimeout(timer)
      watcher?.close()
      const endedAt = performance.now()
      resolve({
        startedAt,
        endedAt,
        killedAfterMs: endedAt - startedAt,
        finished,
        output,
        firstWriteAt,
        code,
        signal,
      })
    })
  })
}
