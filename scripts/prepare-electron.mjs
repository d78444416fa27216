// `npm start` / `npm run dev` step: checks that the Electron runtime is installed and builds
// better-sqlite3 for Electron's ABI into .electron-native/, leaving node_modules' build (for
// Node, which the tests use) alone. src/main/index.ts loads the addon from there.
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import process from 'node:process'

const require = createRequire(import.meta.url)
const root = dirname(import.meta.dirname)

function electronBinary() {
  try {
    const path = require('electron')
    return existsSync(path) ? path : undefined
  } catch {
    return undefined
  }
}

function fail(sentence) {
  process.stderr.write(`${sentence}\n`)
  process.exit(1)
}

if (!electronBinary()) {
  fail(
    'Margin needs the Electron runtime, which is not installed here: run `npm install` on a ' +
      'machine that can download it (without ELECTRON_SKIP_BINARY_DOWNLOAD), then `npm start`.',
  )
}

const versionOf = (dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version
const electronVersion = versionOf(dirname(require.resolve('electron/package.json')))
const source = dirname(require.resolve('better-sqlite3/package.json'))
const target = join(root, '.electron-native')
const copy = join(target, 'node_modules', 'better-sqlite3')

// A copy of the package without its Node build; @electron/rebuild builds it for Electron and
// skips the work on later starts while the Electron version stays the same.
if (!existsSync(copy) || versionOf(copy) !== versionOf(source)) {
  rmSync(target, { recursive: true, force: true })
  cpSync(source, copy, { recursive: true, filter: (path) => path !== join(source, 'build') })
  const manifest = { private: true, dependencies: { 'better-sqlite3': versionOf(source) } }
  writeFileSync(join(target, 'package.json'), JSON.stringify(manifest, null, 2))
}

const { rebuild } = await import('@electron/rebuild')
try {
  await rebuild({
    buildPath: target,
    projectRootPath: target,
    electronVersion,
    onlyModules: ['better-sqlite3'],
  })
} catch (error) {
  fail(`Margin could not build better-sqlite3 for Electron ${electronVersion}: ${error.message}`)
}
