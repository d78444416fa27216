import { EXIT_OK, type Command } from '../context'
import { digestLine, json } from '../format'

export const digestsCommand: Command = {
  name: 'digests',
  usage: 'digests [--json]',
  summary: 'each digest with its date, paper count and how many are still new',
  options: { json: { type: 'boolean' } },
  run({ values, io, withLibrary }) {
    return withLibrary((library) => {
      const digests = library.listDigests()
      if (values.json) io.stdout(json(digests))
      else if (digests.length === 0) io.stdout('No digests yet: `margin import FILE` adds one.\n')
      else io.stdout(digests.map(digestLine).join('\n') + '\n')
      return EXIT_OK
    })
  },
}
