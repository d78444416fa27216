import { spawn, spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * `npm run test:syncthing`: runs syncthingTest.ts inside new network and PID namespaces
 * (`unshare --net --pid --fork --kill-child --mount-proc`) with only loopback up. The network
 * namespace makes "Syncthing only ever talks to 127.0.0.1" hold by construction; the PID
 * namespace means that whatever happens to the test (even a SIGKILL), the kernel kills every
 * process left inside when it ends, so no Syncthing daemon outlives a run.
 * Extra arguments go to the test.
 */

const TEST = join(__dirname, 'syncthingTest.ts')

function missing(command: string, args: string[]): boolean {
  const probe = spawnSync(command, args, { stdio: 'ignore' })
  return probe.error !== undefined
}

function main(): void {
  if (missing('syncthing', ['--version'])) {
    fail(
      "Syncthing is not installed: install Debian's package (apt-get install syncthing), as .ci/run does.",
    )
  }
  if (missing('ip', ['-V'])) {
    fail(
      "The ip command is missing: install Debian's iproute2 (apt-get install iproute2), as .ci/run does.",
    )
  }
  if (missing('unshare', ['--version'])) {
    fail("The unshare command is missing: install Debian's util-linux.")
  }
  const namespaceArgs = ['--net', '--pid', '--fork', '--kill-child', '--mount-proc']
  const probe = spawnSync('unshare', [...namespaceArgs, 'true'], { encoding: 'utf8' })
  if (probe.status !== 0) {
    fail(
      `This process may not create network namespaces (${(probe.stderr || '').trim() || `unshare exited ${probe.status}`}), which the Syncthing test needs so that the daemons see only loopback: run it as root (in a container, one with CAP_SYS_ADMIN), as CI does.`,
    )
  }
  const child = spawn(
    'unshare',
    [
      ...namespaceArgs,
      'sh',
      '-c',
      'ip link set lo up && "$0" "$@"',
      process.execPath,
      '--import',
      'tsx',
      TEST,
      ...process.argv.slice(2),
    ],
    { stdio: 'inherit' },
  )
  // A Ctrl-C or SIGTERM goes to the test itself (unshare ignores both while it waits), which
  // stops the daemons and removes its folder. Should it not be gone in 10 s, unshare is killed:
  // --kill-child then kills the namespace's first process, and the kernel everything inside.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      const test = testProcess(child.pid)
      if (test !== undefined) process.kill(test, 'SIGTERM')
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref()
    })
  }
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal ? 1 : 0)
  })
}

/** The test's own process under `pid`: Node running syncthingTest.ts. */
function testProcess(pid: number | undefined): number | undefined {
  const queue = pid === undefined ? [] : [pid]
  while (queue.length > 0) {
    const current = queue.shift()!
    try {
      const args = readFileSync(`/proc/${current}/cmdline`, 'utf8').split('\0')
      // Node running the test (unshare's and sh's command lines name it too).
      if (args[0] === process.execPath && args.includes(TEST)) return current
      for (const task of readdirSync(`/proc/${current}/task`)) {
        const children = readFileSync(`/proc/${current}/task/${task}/children`, 'utf8')
        queue.push(...children.split(/\s+/).filter(Boolean).map(Number))
      }
    } catch {
      // gone meanwhile
    }
  }
  return undefined
}

function fail(sentence: string): never {
  console.error(`test:syncthing: ${sentence}`)
  process.exit(1)
}

main()
