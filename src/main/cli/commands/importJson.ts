import { describeLoad } from '../../library/export/loadLibraryJson'
import { EXIT_OK, EXIT_USAGE, type Command } from '../context'
import { json } from '../format'

export const importJsonCommand: Command = {
  name: 'import-json',
  usage: 'import-json FILE [--json]',
  summary: 'load a Margin JSON export (margin export --format json) into an empty library',
  options: { json: { type: 'boolean' } },
  run({ positionals, values, io, withLibrary }) {
    if (positionals.length !== 1) {
      io.stderr('import-json: name one Margin JSON export.\nusage: margin import-json FILE\n')
      return EXIT_USAGE
    }
    const [file] = positionals as [string]
    return withLibrary((library) => {
      const summary = library.importLibraryJson(file)
      io.stdout(values.json ? json(summary) : `Loaded ${describeLoad(summary)} from ${file}\n`)
      return EXIT_OK
    })
  },
}
