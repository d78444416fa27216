import * as parse from '../arguments'
import { EXIT_OK, EXIT_USAGE, type Command } from '../context'
import { json, searchResultLine } from '../format'

export const searchCommand: Command = {
  name: 'search',
  usage: 'search QUERY [--limit N] [--json]',
  summary: 'papers matching a query (see README, "Search"), best first',
  options: { limit: { type: 'string' }, json: { type: 'boolean' } },
  async run({ positionals, values, io, withLibrary }) {
    const text = positionals.join(' ')
    if (text.trim() === '') {
      io.stderr(`margin search: give a query.\nusage: margin ${searchCommand.usage}\n`)
      return EXIT_USAGE
    }
    const limit = parse.limit(values.limit as string | undefined)
    return withLibrary(async (library) => {
      // One search per process: the typo vocabulary is built first, or it would never be ready.
      await library.prepareSearch()
      const { papers, queryProblem } = library.searchPapers({}, text, { limit })
      if (queryProblem) io.stderr(`margin search: ${queryProblem}\n`)
      if (values.json) io.stdout(json(papers))
      else if (papers.length === 0) io.stdout('No papers match.\n')
      else io.stdout(papers.map(searchResultLine).join('\n') + '\n')
      return EXIT_OK
    })
  },
}
