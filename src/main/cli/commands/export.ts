import { describeExport } from '../../library/export/describeExport'
import { EXPORT_FORMATS } from '../../library/export/exportLibrary'
import * as parse from '../arguments'
import { EXIT_OK, EXIT_USAGE, type Command } from '../context'
import { json } from '../format'

const USAGE = 'export --format F --out PATH [--digest D] [--status S] [--per P] [--json]'

export const exportCommand: Command = {
  name: 'export',
  usage: USAGE,
  summary: 'write papers as F = markdown (PATH a folder; P = paper|digest), json, csv or bibtex',
  options: {
    format: { type: 'string' },
    out: { type: 'string' },
    digest: { type: 'string' },
    status: { type: 'string' },
    per: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ values, io, withLibrary }) {
    const out = values.out as string | undefined
    if (!out) {
      io.stderr(`export: name where to write with --out PATH.\nusage: margin ${USAGE}\n`)
      return EXIT_USAGE
    }
    const format = parse.oneOf('--format', values.format as string | undefined, EXPORT_FORMATS)
    const options = {
      digest: parse.isoDate(values.digest as string | undefined),
      status:
        values.status === undefined ? undefined : parse.readingStatus(values.status as string),
      per:
        values.per === undefined
          ? undefined
          : parse.oneOf('--per', values.per as string, ['paper', 'digest'] as const),
    }
    return withLibrary(async (library) => {
      const summary = await library.exportLibrary(format, out, options)
      io.stdout(values.json ? json(summary) : `${describeExport(summary, out)}\n`)
      return EXIT_OK
    })
  },
}
