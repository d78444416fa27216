import run, { type Finding } from '@doyensec/electronegativity'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { reviewedFindings } from './reviewedFindings'

/**
 * Runs Electronegativity over the built app (`out/`: main, preload and the renderer page with its
 * CSP, as they ship) and fails on a file it cannot parse, a high or critical finding, or any
 * finding not reviewed in reviewedFindings.ts. Offline: the one check that downloads Electron's
 * release list (AvailableSecurityFixesGlobalCheck) is left out; `npm outdated electron` answers it.
 */

const root = join(__dirname, '..', '..')
const built = join(root, 'out')
const SERIOUS = new Set(['HIGH', 'CRITICAL'])
/** pdf.js (pdfjs-dist), bundled apart from Margin's code by electron.vite.config.ts. */
const PDFJS_CHUNK = /[\\/]renderer[\\/]assets[\\/]pdfjs-[\w-]+\.js$/
const PDFJS_WHY =
  "pdf.js's own code (third-party, ES2022 private fields the scanner's parser cannot read); " +
  'it calls no Electron API and runs in the sandboxed window under the CSP like the rest'

function installedElectronVersion(): string {
  const manifest = JSON.parse(
    readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8'),
  ) as { version: string }
  return manifest.version
}

function review(finding: Finding): string | undefined {
  return reviewedFindings.find((r) => r.check === finding.id && r.file === finding.file)?.why
}

function describe(finding: Finding): string {
  const { line, column } = finding.location
  return `${finding.id} (${finding.severity.name}, ${finding.confidence.name}) ${finding.file}:${line}:${column}: ${finding.description}`
}

async function main(): Promise<void> {
  if (!existsSync(join(built, 'main', 'index.js'))) {
    throw new Error('No built app in out/: run `npm run build` before the security scan.')
  }
  const { issues, errors } = await run({
    input: built,
    isRelative: true,
    electronVersionOverride: installedElectronVersion(),
    customScan: [],
    excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
    severitySet: 'informational',
    confidenceSet: 'tentative',
  })
  const problems = errors
    .filter((e) => !e.tolerable)
    .filter((e) => {
      if (!PDFJS_CHUNK.test(e.file) || !/Unknown node type PrivateName/.test(e.message)) return true
      console.log(`not scanned: ${e.file} (${e.message}): ${PDFJS_WHY}`)
      return false
    })
    .map((e) => `could not scan ${e.file}: ${e.message}`)
  for (const finding of issues) {
    const why = review(finding)
    if (SERIOUS.has(finding.severity.name)) problems.push(`serious: ${describe(finding)}`)
    else if (!why) problems.push(`not reviewed: ${describe(finding)}`)
    else console.log(`reviewed: ${describe(finding)}\n  why: ${why}`)
  }
  console.log(
    `Electronegativity: ${issues.length} finding(s) in out/, ${problems.length} problem(s)`,
  )
  if (problems.length) {
    for (const problem of problems) console.error(problem)
    process.exitCode = 1
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
})
