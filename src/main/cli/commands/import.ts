import type { FileImportReport } from '../../../shared/models'
import * as parse from '../arguments'
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, type Command } from '../context'
import { json } from '../format'

export const importCommand: Command = {
  name: 'import',
  usage: 'import FILE... [--year YYYY] [--json]',
  summary: 'import daily papers digests; each file is imported whole or not at all',
  options: { year: { type: 'string' }, json: { type: 'boolean' } },
  async run({ positionals, values, io, openLibrary }) {
    if (positionals.length === 0) {
      io.stderr('import: name at least one digest file.\n')
      return EXIT_USAGE
    }
    const year = parse.year(values.year as string | undefined)
    const library = openLibrary()
    try {
      const report = await library.importFiles(positionals, { year })
      const failed = report.files.filter((file) => !file.ok)
      if (values.json) {
        const added = report.files.reduce((sum, f) => sum + (f.ok ? f.added : 0), 0)
        const alreadyPresent = report.files.reduce(
          (sum, f) => sum + (f.ok ? f.alreadyPresent : 0),
          0,
        )
        io.stdout(json({ ...report, added, alreadyPresent, failed: failed.length }))
      } else {
        for (const file of report.files) if (file.ok) io.stdout(describe(file))
      }
      for (const file of failed) if (!file.ok) io.stderr(`${file.error.message}\n`)
      return failed.length === 0 ? EXIT_OK : EXIT_FAILED
    } finally {
      library.close()
    }
  },
}

function describe(file: Extract<FileImportReport, { ok: true }>): string {
  const days = file.digests.map((d) => `  ${d.date}: ${d.papers} papers`).join('\n')
  const again = file.alreadyImported ? ' (this file was imported before)' : ''
  return `${file.file}\n${days}\n  ${file.added} added, ${file.alreadyPresent} already present${again}\n`
}
