import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs'
import { createServer } from 'node:net'
import { networkInterfaces } from 'node:os'
import { join, relative } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { FOLDER_OPTIONS, loopbackAddress, syncthingConfigXml } from './config'

/**
 * Two Syncthing instances that keep two folders in step over loopback, and nothing else: each is
 * configured (config.xml written whole) before its first start, talks only to the other at a
 * static tcp://127.0.0.1 address, and is stopped by the pid of its monitor process. Meant to run
 * inside a network namespace that has only loopback (`unshare -n`, see run.ts), which
 * `startSyncthingPair` checks before starting anything.
 */

export interface SyncthingInstance {
  name: string
  home: string
  /** The folder this instance keeps in step with its peer's. */
  folder: string
  deviceId: string
  guiPort: number
  listenPort: number
  apiKey: string
  log: string
  /** The monitor process `syncthing serve` starts (it forks the daemon itself). */
  monitor: ChildProcess
}

export interface SyncthingPair {
  a: SyncthingInstance
  b: SyncthingInstance
  folderId: string
  /** Both see each other connected (REST /rest/system/connections). */
  waitConnected(timeoutMs?: number): Promise<number>
  /** Asks an instance to scan its folder now (REST POST /rest/db/scan) instead of waiting. */
  scan(instance: SyncthingInstance): Promise<void>
  /**
   * Waits until both folders hold the same files with the same bytes (Syncthing's own marker
   * and temporary files aside), scanning both now and then; returns the time it took. Throws
   * with the differences when they do not meet in time.
   */
  waitMirrored(timeoutMs?: number): Promise<number>
  /** Conflict copies Syncthing made in either folder (there should never be any of ours). */
  conflictCopies(): string[]
  /** The tail of both logs, for a failure message. */
  logTails(lines?: number): string
  /** Stops both by their monitor's pid and checks that the monitor and the daemon exited. */
  stop(): Promise<void>
}

const SYNCTHING = 'syncthing'
const FOLDER_ID = 'margin-sync'

/** Every monitor started and not yet seen to exit: killed on any way out of the process. */
const running = new Set<ChildProcess>()
let exitHooksInstalled = false

function installExitHooks(): void {
  if (exitHooksInstalled) return
  exitHooksInstalled = true
  // 'exit' runs synchronous code only: SIGKILL every monitor and the daemons it forked.
  process.on('exit', () => {
    for (const monitor of running) killTree(monitor, 'SIGKILL')
  })
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      console.error(`syncthing: ${signal} received, stopping the Syncthing instances`)
      for (const monitor of running) killTree(monitor, 'SIGKILL')
      process.exit(1)
    })
  }
}

/** The daemons a monitor forked (Linux: /proc/PID/task/*\/children). */
function childPids(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((task) =>
      readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8')
        .split(/\s+/)
        .filter(Boolean)
        .map(Number),
    )
  } catch {
    return []
  }
}

function killTree(monitor: ChildProcess, signal: NodeJS.Signals): void {
  if (monitor.pid === undefined) return
  for (const pid of [...childPids(monitor.pid), monitor.pid]) {
    try {
      process.kill(pid, signal)
    } catch {
      // already gone
    }
  }
}

/** A process counts as gone when it no longer exists or is a zombie waiting to be reaped. */
function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z'
  } catch {
    return false
  }
}

/** Refuses to start anywhere but a namespace whose only network interface is loopback. */
export function assertLoopbackOnly(): void {
  const interfaces = Object.keys(networkInterfaces())
  const others = interfaces.filter((name) => name !== 'lo')
  if (others.length > 0 || !interfaces.includes('lo')) {
    throw new Error(
      `Syncthing runs here only inside a network namespace with nothing but loopback up (interfaces seen: ${interfaces.join(', ') || 'none'}); start it through npm run test:syncthing, which uses unshare -n.`,
    )
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      )
    })
  })
}

function generate(home: string): string {
  execFileSync(
    SYNCTHING,
    ['generate', `--home=${home}`, '--no-default-folder', '--skip-port-probing'],
    { stdio: 'pipe', env: syncthingEnv() },
  )
  const id = execFileSync(SYNCTHING, ['serve', `--home=${home}`, '--device-id'], {
    encoding: 'utf8',
    env: syncthingEnv(),
  }).trim()
  if (!/^[A-Z0-9]{7}(-[A-Z0-9]{7}){7}$/.test(id)) {
    throw new Error(`syncthing serve --device-id printed "${id}", not a device id`)
  }
  return id
}

function syncthingEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    // Skips the start-up hashing benchmark (1.5 s to 0.5 s to connected).
    STHASHING: 'minio',
    STNOUPGRADE: '1',
    STNODEFAULTFOLDER: '1',
    STNORESTART: '1',
  }
}

async function rest(
  instance: Pick<SyncthingInstance, 'guiPort' | 'apiKey'>,
  path: string,
  method: 'GET' | 'POST' = 'GET',
): Promise<unknown> {
  const response = await fetch(`http://127.0.0.1:${instance.guiPort}${path}`, {
    method,
    headers: { 'X-API-Key': instance.apiKey },
    signal: AbortSignal.timeout(5_000),
  })
  const body = await response.text()
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${body.trim()}`)
  return body ? JSON.parse(body) : null
}

async function waitFor<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | undefined>,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let lastError: unknown
  for (;;) {
    try {
      const value = await probe()
      if (value !== undefined) return value
    } catch (error) {
      lastError = error
    }
    if (Date.now() > deadline) {
      const reason = lastError instanceof Error ? ` (last error: ${lastError.message})` : ''
      throw new Error(`${what} did not happen within ${timeoutMs / 1000} s${reason}`)
    }
    await sleep(everyMs)
  }
}

/** Checks that the running instance took the config as written (nothing fell back to defaults). */
async function checkConfig(instance: SyncthingInstance, peer: SyncthingInstance): Promise<void> {
  const config = (await rest(instance, '/rest/config')) as {
    options: Record<string, unknown>
    folders: Array<Record<string, unknown> & { devices: Array<{ deviceID: string }> }>
    devices: Array<{ deviceID: string; addresses: string[] }>
    gui: { address: string }
  }
  const problems: string[] = []
  const expect = (what: string, actual: unknown, wanted: unknown) => {
    if (JSON.stringify(actual) !== JSON.stringify(wanted)) {
      problems.push(`${what} is ${JSON.stringify(actual)}, not ${JSON.stringify(wanted)}`)
    }
  }
  const o = config.options
  expect('listenAddresses', o.listenAddresses, [loopbackAddress(instance.listenPort)])
  expect('globalAnnounceEnabled', o.globalAnnounceEnabled, false)
  expect('localAnnounceEnabled', o.localAnnounceEnabled, false)
  expect('relaysEnabled', o.relaysEnabled, false)
  expect('natEnabled', o.natEnabled, false)
  expect('crashReportingEnabled', o.crashReportingEnabled, false)
  expect('urAccepted', o.urAccepted, -1)
  expect('autoUpgradeIntervalH', o.autoUpgradeIntervalH, 0)
  expect('startBrowser', o.startBrowser, false)
  expect('gui.address', config.gui.address, `127.0.0.1:${instance.guiPort}`)
  for (const device of config.devices) {
    const own = device.deviceID === instance.deviceId ? instance : peer
    expect(`${device.deviceID} addresses`, device.addresses, [loopbackAddress(own.listenPort)])
  }
  const folder = config.folders.find((f) => f.id === FOLDER_ID)
  if (!folder) problems.push(`folder ${FOLDER_ID} is missing`)
  else {
    for (const [key, value] of Object.entries(FOLDER_OPTIONS)) expect(key, folder[key], value)
    expect('folder path', folder.path, instance.folder)
    expect(
      'folder devices',
      folder.devices.map((d) => d.deviceID).sort(),
      [instance.deviceId, peer.deviceId].sort(),
    )
  }
  const status = (await rest(instance, '/rest/system/status')) as {
    discoveryEnabled?: boolean
    connectionServiceStatus?: Record<string, unknown>
  }
  // 1.19 leaves the field out when discovery is off.
  if (status.discoveryEnabled === true) problems.push('discovery is on')
  expect('listeners', Object.keys(status.connectionServiceStatus ?? {}), [
    loopbackAddress(instance.listenPort),
  ])
  if (problems.length) {
    throw new Error(`Syncthing ${instance.name} did not take its config: ${problems.join('; ')}`)
  }
}

/** Relative path → sha256 of every file, Syncthing's own marker and temporary files aside. */
function tree(root: string): Map<string, string> {
  const files = new Map<string, string>()
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const name = entry.name
      if (name === '.stfolder' || name === '.stversions') continue
      if (name.startsWith('.syncthing.') && name.endsWith('.tmp')) continue
      const path = join(dir, name)
      if (entry.isDirectory()) walk(path)
      else if (entry.isFile()) {
        files.set(
          relative(root, path),
          createHash('sha256').update(readFileSync(path)).digest('hex'),
        )
      }
    }
  }
  if (existsSync(root)) walk(root)
  return files
}

function differences(a: Map<string, string>, b: Map<string, string>): string[] {
  const out: string[] = []
  for (const [path, hash] of a) {
    if (!b.has(path)) out.push(`${path} only in A`)
    else if (b.get(path) !== hash) out.push(`${path} differs`)
  }
  for (const path of b.keys()) if (!a.has(path)) out.push(`${path} only in B`)
  return out
}

function tail(path: string, lines: number): string {
  if (!existsSync(path)) return '(no log)'
  return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n')
}

/** Waits until the instance's REST API answers (its listener starts before it). */
async function waitUp(instance: SyncthingInstance): Promise<void> {
  await waitFor(`Syncthing ${instance.name}'s REST API answering`, 20_000, async () => {
    if (instance.monitor.exitCode !== null) {
      throw new Error(`Syncthing ${instance.name} exited: ${tail(instance.log, 5)}`)
    }
    return (await rest(instance, '/rest/system/ping')) ? true : undefined
  })
}

/** SIGTERM to the monitor's pid; then both it and the daemon it forked must be gone. */
async function stopInstance(instance: SyncthingInstance): Promise<void> {
  const pid = instance.monitor.pid
  if (pid === undefined) return
  const daemons = childPids(pid)
  if (instance.monitor.exitCode === null && instance.monitor.signalCode === null) {
    const exited = new Promise<void>((resolve) => instance.monitor.once('exit', () => resolve()))
    process.kill(pid, 'SIGTERM')
    await Promise.race([exited, sleep(10_000)])
  }
  await waitFor(`Syncthing ${instance.name} exiting`, 10_000, async () =>
    [pid, ...daemons].some(isAlive) ? undefined : true,
  ).catch((error: unknown) => {
    killTree(instance.monitor, 'SIGKILL')
    throw error
  })
}

/**
 * Generates two homes under `root`, writes their configs, starts both, and checks each took its
 * config. The folders are `root/A-folder` and `root/B-folder` unless given.
 */
export async function startSyncthingPair(
  root: string,
  folders: { a?: string; b?: string } = {},
): Promise<SyncthingPair> {
  assertLoopbackOnly()
  installExitHooks()
  const make = async (name: 'A' | 'B', folder: string) => {
    const home = join(root, `syncthing-${name}`)
    mkdirSync(folder, { recursive: true })
    return {
      name,
      home,
      folder,
      deviceId: generate(home),
      guiPort: await freePort(),
      listenPort: await freePort(),
      apiKey: randomBytes(18).toString('base64url'),
      log: join(root, `syncthing-${name}.log`),
    }
  }
  const specA = await make('A', folders.a ?? join(root, 'A-folder'))
  const specB = await make('B', folders.b ?? join(root, 'B-folder'))
  for (const [self, peer] of [
    [specA, specB],
    [specB, specA],
  ] as const) {
    writeFileSync(
      join(self.home, 'config.xml'),
      syncthingConfigXml({
        self: { id: self.deviceId, name: self.name, listenPort: self.listenPort },
        peer: { id: peer.deviceId, name: peer.name, listenPort: peer.listenPort },
        guiPort: self.guiPort,
        apiKey: self.apiKey,
        folder: { id: FOLDER_ID, label: 'Margin sync', path: self.folder },
      }),
    )
  }
  const launch = (spec: typeof specA): SyncthingInstance => {
    const log = openSync(spec.log, 'a')
    try {
      const monitor = spawn(
        SYNCTHING,
        ['serve', `--home=${spec.home}`, '--no-browser', '--no-restart', '--no-upgrade'],
        { stdio: ['ignore', log, log], env: syncthingEnv() },
      )
      running.add(monitor)
      monitor.on('exit', () => running.delete(monitor))
      return { ...spec, monitor }
    } finally {
      closeSync(log)
    }
  }
  // B first, and A once B listens: A's first dial then finds B (a refused dial is tried again
  // only after a back-off that can take 20 s).
  const b = launch(specB)
  await waitUp(b).catch(async (error: unknown) => {
    await stopInstance(b).catch(() => undefined)
    throw error
  })
  const a = launch(specA)
  await waitUp(a).catch(async (error: unknown) => {
    await Promise.all([stopInstance(a), stopInstance(b)]).catch(() => undefined)
    throw error
  })

  const pair: SyncthingPair = {
    a,
    b,
    folderId: FOLDER_ID,
    async waitConnected(timeoutMs = 20_000) {
      const start = Date.now()
      for (const [self, peer] of [
        [a, b],
        [b, a],
      ] as const) {
        await waitFor(
          `Syncthing ${self.name} seeing ${peer.name} connected`,
          timeoutMs,
          async () => {
            const { connections } = (await rest(self, '/rest/system/connections')) as {
              connections: Record<string, { connected: boolean; address: string }>
            }
            const connection = connections[peer.deviceId]
            if (!connection?.connected) return undefined
            if (!connection.address.startsWith('127.0.0.1:')) {
              throw new Error(`${self.name} is connected to ${peer.name} at ${connection.address}`)
            }
            return true
          },
        )
      }
      return Date.now() - start
    },
    async scan(instance) {
      await rest(instance, `/rest/db/scan?folder=${FOLDER_ID}`, 'POST')
    },
    async waitMirrored(timeoutMs = 30_000) {
      const start = Date.now()
      let lastScan = 0
      let last: string[] = []
      for (;;) {
        if (Date.now() - lastScan > 1_000) {
          lastScan = Date.now()
          await Promise.all([pair.scan(a), pair.scan(b)])
        }
        const treeA = tree(a.folder)
        last = differences(treeA, tree(b.folder))
        if (last.length === 0 && treeA.size > 0) return Date.now() - start
        if (Date.now() - start > timeoutMs) {
          throw new Error(
            `the two Syncthing folders were not the same after ${timeoutMs / 1000} s: ${last.slice(0, 8).join('; ')}`,
          )
        }
        await sleep(100)
      }
    },
    conflictCopies() {
      return [a.folder, b.folder].flatMap((folder) =>
        [...tree(folder).keys()]
          .filter((path) => path.includes('.sync-conflict-'))
          .map((path) => join(folder, path)),
      )
    },
    logTails(lines = 15) {
      return [a, b].map((i) => `--- Syncthing ${i.name} log ---\n${tail(i.log, lines)}`).join('\n')
    },
    async stop() {
      await Promise.all([stopInstance(a), stopInstance(b)])
    },
  }
  try {
    await checkConfig(a, b)
    await checkConfig(b, a)
  } catch (error) {
    await pair.stop().catch(() => undefined)
    throw error
  }
  return pair
}
