import type { Highlight, PaperDetail, PdfAnnotation } from '../../../shared/models'
import { exportAnnotatedPdf } from '../../library/annotations/exportAnnotatedPdf'
import { annotationsMarkdown } from '../../library/export/markdown'
import { DETACHED_REASONS } from '../../library/export/markdownAnnotations'
import * as parse from '../arguments'
import { EXIT_OK, EXIT_USAGE, type Command } from '../context'
import { json } from '../format'

/** One annotation of either kind, as `margin annotations --json` prints it. */
export type ListedAnnotation =
  | ({ kind: 'abstract' } & Highlight)
  | ({ kind: 'pdf'; /** 1-based. */ page: number } & PdfAnnotation)

/**
 * A paper's annotations in reading order: abstract highlights, then those on the PDF; detached
 * ones of both kinds last.
 */
export function listAnnotations(paper: PaperDetail): ListedAnnotation[] {
  const abstract = paper.highlights.map((h): ListedAnnotation => ({ kind: 'abstract', ...h }))
  const pdf = paper.annotations.map((a): ListedAnnotation => ({
    kind: 'pdf',
    page: a.position.pageIndex + 1,
    ...a,
  }))
  const detached = (a: ListedAnnotation) =>
    a.kind === 'abstract' ? a.anchor === null : a.detached !== null
  const all = [...abstract, ...pdf]
  return [...all.filter((a) => !detached(a)), ...all.filter(detached)]
}

function annotationBlocks(paper: PaperDetail): string {
  const listed = listAnnotations(paper)
  if (listed.length === 0) return `#${paper.id} has no annotations.\n`
  const lines = [`#${paper.id}  ${paper.title}`]
  for (const a of listed) {
    const head =
      a.kind === 'abstract'
        ? `abstract, ${a.color}${a.anchor ? '' : ' (detached: no longer in the abstract)'}`
        : `p. ${a.page}${a.position.nextPageRects ? `–${a.page + 1}` : ''}, ${a.color} ${a.type}` +
          (a.detached ? ` (detached: ${DETACHED_REASONS[a.detached]})` : '')
    lines.push('', a.quote ? `${head}: "${a.quote.replace(/\s+/g, ' ')}"` : head)
    if (a.comment) lines.push(...a.comment.split('\n').map((line) => `  ${line}`))
  }
  return `${lines.join('\n')}\n`
}

const USAGE = 'annotations ID [--json] [--format markdown]'

export const annotationsCommand: Command = {
  name: 'annotations',
  usage: USAGE,
  summary: 'abstract highlights and PDF annotations of a paper, in reading order',
  options: { json: { type: 'boolean' }, format: { type: 'string' } },
  async run({ positionals, values, io, withLibrary }) {
    if (positionals.length !== 1) {
      io.stderr(`usage: margin ${USAGE}\n`)
      return EXIT_USAGE
    }
    const id = parse.paperId(positionals[0])
    const format =
      values.format === undefined
        ? 'text'
        : parse.oneOf('--format', values.format as string, ['text', 'markdown'] as const)
    return withLibrary((library) => {
      const paper = library.getPaper(id)
      if (values.json) io.stdout(json(listAnnotations(paper)))
      else io.stdout(format === 'markdown' ? annotationsMarkdown(paper) : annotationBlocks(paper))
      return EXIT_OK
    })
  },
}

const EXPORT_USAGE = 'export-pdf ID --out FILE [--json]'

export const exportPdfCommand: Command = {
  name: 'export-pdf',
  usage: EXPORT_USAGE,
  summary: "a copy of the paper's PDF with its annotations in it (the stored PDF stays as is)",
  options: { out: { type: 'string' }, json: { type: 'boolean' } },
  async run({ positionals, values, io, withLibrary }) {
    const out = values.out as string | undefined
    if (positionals.length !== 1 || !out) {
      io.stderr(
        `export-pdf: name a paper and where to write with --out FILE.\nusage: margin ${EXPORT_USAGE}\n`,
      )
      return EXIT_USAGE
    }
    const id = parse.paperId(positionals[0])
    return withLibrary(async (library) => {
      const done = await exportAnnotatedPdf(library, id, out)
      const count = (n: number) => `${n} annotation${n === 1 ? '' : 's'}`
      const leftOut = done.leftOut
        ? ` (${count(done.leftOut)} not on this PDF left out: \`margin annotations ${id}\` lists them)`
        : ''
      io.stdout(
        values.json ? json(done) : `Wrote ${done.path} with ${count(done.written)}${leftOut}.\n`,
      )
      return EXIT_OK
    })
  },
}
