import * as parse from '../arguments'
import { EXIT_OK, EXIT_USAGE, type Command } from '../context'
import { MATCH_END, MATCH_START, type PaperSummary } from '../../../shared/models'
import { json, searchResultLine } from '../format'

const INDENT = ' '.repeat(8)

function pagesOf(paper: PaperSummary): number[] {
  return paper.match?.pages ?? []
}

function annotationPagesOf(paper: PaperSummary): number[] {
  return paper.match?.annotationPages ?? []
}

/**
 * The result's line (and snippet), then where its PDF matches: "p. 3, 7: …snippet…", and which
 * pages' annotations do: "in an annotation, p. 5".
 */
function resultLines(paper: PaperSummary): string {
  const lines = [searchResultLine(paper)]
  const pages = pagesOf(paper)
  if (pages.length > 0) {
    const snippet = paper.match?.pageSnippet
    lines.push(`${INDENT}p. ${pages.join(', ')}${snippet ? `: ${bracketed(snippet)}` : ''}`)
  }
  const annotated = annotationPagesOf(paper)
  if (annotated.length > 0) lines.push(`${INDENT}in an annotation, p. ${annotated.join(', ')}`)
  return lines.join('\n')
}

function bracketed(text: string): string {
  return text.replaceAll(MATCH_START, '[').replaceAll(MATCH_END, ']')
}

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
      // `pages`: the 1-based pages of the paper's PDFs where the query matches ([] when none);
      // `annotationPages`: those of its PDF annotations whose quote or comment matches.
      if (values.json) {
        io.stdout(
          json(
            papers.map((paper) => ({
              ...paper,
              pages: pagesOf(paper),
              annotationPages: annotationPagesOf(paper),
            })),
          ),
        )
      } else if (papers.length === 0) io.stdout('No papers match.\n')
      else io.stdout(papers.map(resultLines).join('\n') + '\n')
      return EXIT_OK
    })
  },
}
