import type { PdfFile } from '../../../shared/models'
import { formatBytes } from '../../library/files/byteSize'
import { readPdfFile } from '../../library/files/pdfLibrary'
import { sha256Of } from '../../library/files/pdfStore'
import * as parse from '../arguments'
import { EXIT_OK, EXIT_USAGE, type Command } from '../context'
import { json } from '../format'

const time = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 16)

function textState(file: PdfFile): string {
  if (file.textState === 'done') return 'text indexed'
  if (file.textState === 'pending') return 'text pending'
  return `text not indexed: ${file.textProblem ?? 'extraction failed'}`
}

/**
 * A file in --json output: the app's PdfFile plus the names the CLI's help uses (pages, bytes,
 * added as an ISO time), so scripts can read either.
 */
function fileJson(file: PdfFile) {
  return {
    ...file,
    pages: file.pageCount,
    bytes: file.size,
    added: new Date(file.addedAt).toISOString(),
  }
}

/** A file as `margin files ID` lists it: hash, then the facts on the next lines. */
function fileLines(file: PdfFile): string {
  const pages = `${file.pageCount} page${file.pageCount === 1 ? '' : 's'}`
  return [
    file.sha256,
    `  ${pages}, ${formatBytes(file.size)} (${file.size} bytes), added ${time(file.addedAt)}`,
    `  origin: ${file.origin}`,
    `  ${textState(file)}`,
  ].join('\n')
}

export const attachCommand: Command = {
  name: 'attach',
  usage: 'attach ID FILE [--json]',
  summary: "store a PDF with a paper and index its text (refused when it isn't a readable PDF)",
  options: { json: { type: 'boolean' } },
  async run({ positionals, values, io, withLibrary }) {
    if (positionals.length !== 2) {
      io.stderr('usage: margin attach ID FILE [--json]\n')
      return EXIT_USAGE
    }
    const id = parse.paperId(positionals[0])
    const upload = await readPdfFile(positionals[1]!)
    return withLibrary(async (library) => {
      await library.pdfs.attach(id, upload)
      // The text is extracted (in a worker thread) before the command ends, so a search right
      // after finds words of the body.
      await library.pdfs.whenTextIdle()
      const sha = sha256Of(upload.data)
      const file = library.pdfs.files(id).find((f) => f.sha256 === sha)!
      if (values.json) io.stdout(json({ paperId: id, ...fileJson(file) }))
      else {
        io.stdout(
          `Attached ${upload.name} to #${id}: ${file.pageCount} pages, ${formatBytes(file.size)}, SHA-256 ${sha}.\n`,
        )
        if (file.textState === 'failed') {
          io.stderr(`Its text is not searchable: ${file.textProblem}.\n`)
        }
      }
      return EXIT_OK
    })
  },
}

export const filesCommand: Command = {
  name: 'files',
  usage: 'files [ID] [--json] | files remove ID SHA256',
  summary: "a paper's PDFs (pages, bytes, hash, origin, text); without ID the disk use of files/",
  options: { json: { type: 'boolean' }, usage: { type: 'boolean' } },
  run({ positionals, values, io, withLibrary }) {
    if (positionals[0] === 'remove') {
      if (positionals.length !== 3) {
        io.stderr('usage: margin files remove ID SHA256\n')
        return EXIT_USAGE
      }
      const id = parse.paperId(positionals[1])
      const sha = positionals[2]!.toLowerCase()
      return withLibrary((library) => {
        const paper = library.pdfs.remove(id, sha)
        const bytesRemoved = !library.pdfs.store.has(sha)
        if (values.json)
          io.stdout(
            json({ paperId: id, sha256: sha, bytesRemoved, files: paper.files.map(fileJson) }),
          )
        else {
          io.stdout(
            `Removed the PDF ${sha} from #${id}; ${bytesRemoved ? 'its file is deleted (no other paper held it)' : 'its file stays: another paper holds it'}.\n`,
          )
        }
        return EXIT_OK
      })
    }
    if (positionals.length > 1) {
      io.stderr(`usage: margin ${filesCommand.usage}\n`)
      return EXIT_USAGE
    }
    if (positionals.length === 0 || values.usage) {
      return withLibrary((library) => {
        const usage = library.pdfs.usage()
        const folder = library.pdfs.store.root
        if (values.json) io.stdout(json({ ...usage, folder }))
        else {
          io.stdout(
            `${folder} holds ${usage.files} PDF${usage.files === 1 ? '' : 's'}, ${formatBytes(usage.bytes)} (${usage.bytes} bytes).\n`,
          )
        }
        return EXIT_OK
      })
    }
    const id = parse.paperId(positionals[0])
    return withLibrary((library) => {
      const paper = library.getPaper(id)
      if (values.json) io.stdout(json(paper.files.map(fileJson)))
      else if (paper.files.length === 0) {
        io.stdout(`#${id} has no PDF: \`margin attach ${id} FILE\` adds one.\n`)
      } else {
        io.stdout(`#${id}  ${paper.title}\n${paper.files.map(fileLines).join('\n')}\n`)
      }
      return EXIT_OK
    })
  },
}
