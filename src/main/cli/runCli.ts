import { parseArgs } from 'node:util'
import { isMarginError } from '../../shared/errors'
import { arxivBaseUrl } from '../library/files/downloadQueue'
import { openLibrary } from '../library/library'
import { proxyAwareFetch } from '../library/net/proxyFetch'
import { hfBaseUrl } from '../library/subscriptions/hfDailyFetcher'
import { resolveLibraryDir } from '../library/location'
import { pendingUpdate } from '../library/db/update/pendingUpdate'
import { createProgressLines, updateAnnouncement } from '../library/db/update/progressLines'
import { updateLibraryInWorker } from '../library/db/update/updateWorker'
import { annotationsCommand, exportPdfCommand } from './commands/annotations'
import { backupCommand, checkCommand, restoreCommand } from './commands/backup'
import { digestsCommand } from './commands/digests'
import { exportCommand } from './commands/export'
import { attachCommand, filesCommand } from './commands/files'
import { importCommand } from './commands/import'
import { importJsonCommand } from './commands/importJson'
import { listCommand } from './commands/list'
import {
  highlightsCommand,
  noteCommand,
  showCommand,
  statusCommand,
  tagCommand,
  untagCommand,
} from './commands/paperCommands'
import { pdfFetchCommand } from './commands/pdfFetch'
import { searchCommand } from './commands/search'
import { fetchCommand, subscriptionsCommand } from './commands/subscriptions'
import { devicesCommand, syncCommand } from './commands/sync'
import { tagsCommand } from './commands/tags'
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, type CliIo, type Command } from './context'

const COMMANDS: readonly Command[] = [
  importCommand,
  listCommand,
  searchCommand,
  digestsCommand,
  showCommand,
  statusCommand,
  noteCommand,
  tagCommand,
  untagCommand,
  tagsCommand,
  highlightsCommand,
  annotationsCommand,
  attachCommand,
  filesCommand,
  pdfFetchCommand,
  subscriptionsCommand,
  fetchCommand,
  syncCommand,
  devicesCommand,
  exportCommand,
  exportPdfCommand,
  importJsonCommand,
  checkCommand,
  backupCommand,
  restoreCommand,
]

export function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.usage.length))
  return [
    'usage: margin COMMAND [--library DIR] ...',
    '',
    ...COMMANDS.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
    '',
    "The library is --library DIR, else $MARGIN_LIBRARY, else the desktop app's own folder.",
    '',
  ].join('\n')
}

/** Runs one CLI invocation and returns its exit code; never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage())
    return name === undefined ? EXIT_USAGE : EXIT_OK
  }
  const command = COMMANDS.find((c) => c.name === name)
  if (!command) {
    io.stderr(`margin: "${name}" is not a command.\n\n${usage()}`)
    return EXIT_USAGE
  }
  let parsed
  try {
    parsed = parseArgs({
      args: [...rest],
      options: { ...command.options, library: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    })
  } catch (error) {
    io.stderr(`margin ${name}: ${(error as Error).message}\nusage: margin ${command.usage}\n`)
    return EXIT_USAGE
  }
  const libraryDir = resolveLibraryDir(parsed.values.library as string | undefined, io.env)
  try {
    return await command.run({
      positionals: parsed.positionals,
      values: parsed.values as Record<string, string | boolean | undefined>,
      io,
      libraryDir,
      withLibrary: async (use) => {
        await updateIfPending(libraryDir, io)
        const library = openLibrary(libraryDir, {
          arxivBaseUrl: arxivBaseUrl(io.env),
          hfBaseUrl: hfBaseUrl(io.env),
          // Through HTTPS_PROXY / HTTP_PROXY except NO_PROXY (a malformed one is refused here).
          fetch: proxyAwareFetch(io.env),
          // Only when the file's header did not show the update (it was in the -wal file).
          onUpdate: (update) => io.stderr(`${updateAnnouncement(update)}\n`),
        })
        try {
          return await use(library)
        } finally {
          library.close()
        }
      },
    })
  } catch (error) {
    if (isMarginError(error)) {
      io.stderr(`margin ${name}: ${error.message}\n`)
      return EXIT_FAILED
    }
    io.stderr(`margin ${name}: unexpected error: ${(error as Error).stack ?? String(error)}\n`)
    return EXIT_FAILED
  }
}

/**
 * Updates the library's format on a worker thread when it needs it, before the command opens it,
 * with its progress on stderr (stdout, and --json, stay the command's own).
 */
async function updateIfPending(libraryDir: string, io: CliIo): Promise<void> {
  const update = pendingUpdate(libraryDir)
  if (!update) return
  io.stderr(`${updateAnnouncement(update)}\n`)
  const lines = createProgressLines(io.stderr)
  const { compaction } = await updateLibraryInWorker(libraryDir, lines.progress)
  lines.finished(compaction)
}
