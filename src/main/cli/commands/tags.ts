import type { TagCount } from '../../../shared/models'
import type { Library } from '../../library/library'
import { EXIT_OK, EXIT_USAGE, type Command } from '../context'
import { json, tagList } from '../format'

interface TagAction {
  args: number
  run: (library: Library, args: string[]) => { tags: TagCount[]; done: string }
}

const ACTIONS: Record<string, TagAction> = {
  rename: {
    args: 2,
    run: (library, [from = '', to = '']) => ({
      tags: library.renameTag(from, to),
      done: `Renamed "${from}" to "${to}".`,
    }),
  },
  delete: {
    args: 1,
    run: (library, [name = '']) => ({
      tags: library.deleteTag(name),
      done: `Deleted the tag "${name}".`,
    }),
  },
}

export const tagsCommand: Command = {
  name: 'tags',
  usage: 'tags [rename FROM TO | delete NAME] [--json]',
  summary: 'tags with their paper counts; rename one (onto an existing name: merge) or delete one',
  options: { json: { type: 'boolean' } },
  run({ positionals, values, io, withLibrary }) {
    const [name, ...args] = positionals
    const action = name === undefined ? undefined : ACTIONS[name]
    if ((name !== undefined && !action) || args.length !== (action?.args ?? 0)) {
      io.stderr(`usage: margin ${tagsCommand.usage}\n`)
      return EXIT_USAGE
    }
    return withLibrary((library) => {
      const { tags, done } = action ? action.run(library, args) : { tags: library.tagCounts() }
      if (values.json) io.stdout(json(tags))
      else io.stdout(`${done ? `${done}\n` : ''}${tagList(tags)}`)
      return EXIT_OK
    })
  },
}
