import { defaultBackupPath, restoreLibrary } from '../../library/backup/backups'
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, type Command } from '../context'
import { json } from '../format'

export const checkCommand: Command = {
  name: 'check',
  usage: 'check [--json]',
  summary:
    "SQLite's integrity and foreign-key checks, and every stored PDF against its hash; exit 1 with what is wrong (files in files/ the library has no record of are noted, never deleted)",
  options: { json: { type: 'boolean' } },
  run({ values, io, withLibrary }) {
    return withLibrary(async (library) => {
      const database = library.check()
      const pdfs = await library.pdfs.check()
      const problems = [...database.problems, ...pdfs.problems]
      const check = { ok: problems.length === 0, problems }
      for (const warning of library.warnings()) io.stderr(`Warning: ${warning}\n`)
      if (values.json) {
        // Added beside ok and problems: what files/ holds without a row (not a failure).
        const { notes, unreferenced, temporary } = pdfs
        io.stdout(json({ ...check, notes, strayFiles: { unreferenced, temporary } }))
        return check.ok ? EXIT_OK : EXIT_FAILED
      }
      if (check.ok) {
        const files = pdfs.files
          ? ` Its ${pdfs.files} PDF${pdfs.files === 1 ? '' : 's'} match${pdfs.files === 1 ? 'es its hash' : ' their hashes'}.`
          : ''
        io.stdout(`The library passed its integrity and foreign-key checks.${files}\n`)
      } else
        io.stderr(
          `The library failed its checks:\n${check.problems.map((p) => `  ${p}\n`).join('')}`,
        )
      for (const note of pdfs.notes) io.stdout(`Note: ${note}\n`)
      return check.ok ? EXIT_OK : EXIT_FAILED
    })
  },
}

export const backupCommand: Command = {
  name: 'backup',
  usage: 'backup [--out FILE] [--json]',
  summary: 'a verified copy of the library (default: backups/ in the library folder)',
  options: { out: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values, io, libraryDir, withLibrary }) {
    const out = (values.out as string | undefined) ?? defaultBackupPath(libraryDir, new Date())
    return withLibrary(async (library) => {
      const backup = await library.backup(out)
      io.stdout(values.json ? json(backup) : `Backed up and verified: ${backup.path}\n`)
      return EXIT_OK
    })
  },
}

export const restoreCommand: Command = {
  name: 'restore',
  usage: 'restore FILE [--json]',
  summary: 'replace the library by a backup that passes its checks (quit Margin first)',
  options: { json: { type: 'boolean' } },
  run({ positionals, values, io, libraryDir }) {
    if (positionals.length !== 1) {
      io.stderr('restore: name one backup file.\nusage: margin restore FILE\n')
      return EXIT_USAGE
    }
    const [file] = positionals as [string]
    const { keptAs } = restoreLibrary(libraryDir, file, new Date())
    if (values.json) io.stdout(json({ restored: file, keptAs }))
    else {
      io.stdout(
        `Restored ${file}.${keptAs ? ` The library it replaced is kept as ${keptAs}.` : ''}\n`,
      )
    }
    return EXIT_OK
  },
}
