import * as parse from '../arguments'
import { EXIT_OK, type Command } from '../context'
import { json, paperLine } from '../format'

export const listCommand: Command = {
  name: 'list',
  usage: 'list [--status S] [--digest YYYY-MM-DD] [--json]',
  summary: 'papers in digest order, newest digest first',
  options: { status: { type: 'string' }, digest: { type: 'string' }, json: { type: 'boolean' } },
  run({ values, io, withLibrary }) {
    const status =
      values.status === undefined ? undefined : parse.readingStatus(values.status as string)
    const digest = parse.isoDate(values.digest as string | undefined)
    return withLibrary((library) => {
      const papers = library.listPapers({ status, digest })
      if (values.json) io.stdout(json(papers))
      else if (papers.length === 0) io.stdout('No papers match.\n')
      else io.stdout(papers.map(paperLine).join('\n') + '\n')
      return EXIT_OK
    })
  },
}
