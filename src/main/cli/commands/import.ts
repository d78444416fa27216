import { importTotals } from '../../../shared/importTotals'
import * as parse from '../arguments'
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, type Command } from '../context'
import { json } from '../format'
import { describeFileImport } from '../../library/import/describeImport'

export const importCommand: Command = {
  name: 'import',
  usage: 'import FILE... [--year YYYY] [--dry-run] [--json]',
  summary:
    'import digests, Hugging Face JSON, saved Daily Papers pages, arXiv Atom feeds and listing emails; each file whole or not at all (--dry-run: say what would change, write nothing); a Margin JSON export loads as import-json does, into an empty library only',
  options: {
    year: { type: 'string' },
    'dry-run': { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run({ positionals, values, io, withLibrary }) {
    if (positionals.length === 0) {
      io.stderr('import: name at least one digest file.\n')
      return EXIT_USAGE
    }
    const year = parse.year(values.year as string | undefined)
    return withLibrary(async (library) => {
      const dryRun = values['dry-run'] === true
      const report = dryRun
        ? library.previewFiles(positionals, { year })
        : await library.importFiles(positionals, { year })
      const failed = report.files.filter((file) => !file.ok)
      if (values.json) {
        const { added, alreadyPresent } = importTotals(report)
        io.stdout(json({ ...report, dryRun, added, alreadyPresent, failed: failed.length }))
      } else {
        if (dryRun) io.stdout('Dry run: nothing was written.\n')
        for (const file of report.files) if (file.ok) io.stdout(describeFileImport(file, dryRun))
      }
      for (const file of failed) if (!file.ok) io.stderr(`${file.error.message}\n`)
      return failed.length === 0 ? EXIT_OK : EXIT_FAILED
    })
  },
}
