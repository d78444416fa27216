import type { PaperDetail } from '../../../shared/models'
import type { Library } from '../../library/library'
import * as parse from '../arguments'
import { EXIT_OK, EXIT_USAGE, type Command, type CommandContext } from '../context'
import { highlightList, json, paperDetail } from '../format'

/** A command on one paper: `NAME ID ...`, printing the paper as it is afterwards. */
function paperCommand(
  spec: Omit<Command, 'run' | 'options'> & {
    minArgs: number
    change: (
      library: Library,
      id: number,
      args: string[],
      context: CommandContext,
    ) => Promise<PaperDetail> | PaperDetail
    confirm: (paper: PaperDetail, args: string[]) => string
    /** What --json prints; the whole paper unless given. */
    jsonOf?: (paper: PaperDetail) => unknown
  },
): Command {
  return {
    name: spec.name,
    usage: spec.usage,
    summary: spec.summary,
    options: { json: { type: 'boolean' } },
    async run(context) {
      const [idText, ...args] = context.positionals
      const id = parse.paperId(idText)
      if (args.length < spec.minArgs) {
        context.io.stderr(`usage: margin ${spec.usage}\n`)
        return EXIT_USAGE
      }
      return context.withLibrary(async (library) => {
        const paper = await spec.change(library, id, args, context)
        context.io.stdout(
          context.values.json ? json(spec.jsonOf?.(paper) ?? paper) : spec.confirm(paper, args),
        )
        return EXIT_OK
      })
    },
  }
}

export const showCommand = paperCommand({
  name: 'show',
  usage: 'show ID [--json]',
  summary: 'one paper with its note, tags and status history',
  minArgs: 0,
  change: (library, id) => library.getPaper(id),
  confirm: paperDetail,
})

export const statusCommand = paperCommand({
  name: 'status',
  usage: 'status ID STATUS',
  summary: 'set the reading status: new, to-read, reading, read, not-reading',
  minArgs: 1,
  change: (library, id, [status]) => library.setStatus(id, parse.readingStatus(status)),
  confirm: (paper) => `#${paper.id} is now ${paper.status}: ${paper.title}\n`,
})

export const noteCommand = paperCommand({
  name: 'note',
  usage: 'note ID TEXT|-',
  summary: 'replace the markdown note of a paper (- reads it from standard input)',
  minArgs: 1,
  change: async (library, id, args, { io }) =>
    library.saveNote(id, args.join(' ') === '-' ? await io.readStdin() : args.join(' ')),
  confirm: (paper) =>
    paper.note ? `Saved the note on #${paper.id}.\n` : `Removed the note on #${paper.id}.\n`,
})

export const tagCommand = paperCommand({
  name: 'tag',
  usage: 'tag ID TAG...',
  summary: 'add tags to a paper',
  minArgs: 1,
  change: (library, id, tags) => library.addTags(id, tags),
  confirm: (paper) => `#${paper.id} tags: ${paper.tags.join(', ')}\n`,
})

export const untagCommand = paperCommand({
  name: 'untag',
  usage: 'untag ID TAG...',
  summary: 'remove tags from a paper',
  minArgs: 1,
  change: (library, id, tags) => library.removeTags(id, tags),
  confirm: (paper) =>
    `#${paper.id} tags: ${paper.tags.length ? paper.tags.join(', ') : '(none)'}\n`,
})

export const highlightsCommand = paperCommand({
  name: 'highlights',
  usage: 'highlights ID [--json]',
  summary: 'the highlights of a paper in reading order, detached ones last',
  minArgs: 0,
  change: (library, id) => library.getPaper(id),
  confirm: highlightList,
  jsonOf: (paper) => paper.highlights,
})
