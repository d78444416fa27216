import { text } from 'node:stream/consumers'
import { runCli } from './cli/runCli'

runCli(process.argv.slice(2), {
  stdout: (chunk) => process.stdout.write(chunk),
  stderr: (chunk) => process.stderr.write(chunk),
  readStdin: () => text(process.stdin),
  env: process.env,
}).then((code) => {
  process.exitCode = code
})
