import type { DetachedReason, PaperDetail, PdfAnnotation } from '../../../shared/models'
import { escapeMarkdown, oneLine } from './markdownText'
import { paperLink } from './paperLink'

/** A picture a note embeds: its path from the note's folder, and the area it shows. */
export interface Attachment {
  path: string
  annotationId: number
}

/** The note's file name, and the pictures it embeds so far; null: pictures are not embedded. */
export type Pictures = { note: string; attachments: Attachment[] } | null

/** Where area pictures go, beside the notes (Obsidian's usual name for it). */
export const ATTACHMENTS_FOLDER = 'attachments'

/** Why an annotation is not on the paper's current PDF, in words. */
export const DETACHED_REASONS: Record<DetachedReason, string> = {
  'earlier-version': 'made on an earlier version of the PDF, not found in the current one',
  'file-removed': 'its PDF is not in the library',
  'page-missing': 'its page is not in the PDF',
}

/**
 * A paper's PDF annotations as Markdown sections, in reading order: those on its PDF, and those
 * detached from it (with the reason). Each line says the page, the colour and type in words,
 * the quote, the comment and links to the paper; an area also embeds its picture, which is added
 * to `pictures.attachments` (named after `pictures.note`, the note's file name).
 */
export function pdfAnnotationSections(
  paper: PaperDetail,
  heading: string,
  pictures: Pictures,
): { placed: string[]; detached: string[] } {
  const link = paperLink(paper)
  const linkText = link && ` ([${paper.arxivId !== null ? 'arXiv' : 'link'}](${linkTarget(link)}))`
  const item = (annotation: PdfAnnotation): string => {
    const lines = [annotationLine(annotation) + (linkText ?? '')]
    if (pictures && annotation.type === 'area' && annotation.hasImage) {
      const path = `${ATTACHMENTS_FOLDER}/${pictureName(pictures.note, annotation)}`
      pictures.attachments.push({ path, annotationId: annotation.id })
      lines.push(`  ![${kind(annotation)}, ${pages(annotation)}](${linkTarget(path)})`)
    }
    return lines.join('\n')
  }
  const placed = paper.annotations.filter((a) => a.detached === null)
  const detached = paper.annotations.filter((a) => a.detached !== null)
  return {
    placed: placed.length ? [`${heading} PDF annotations`, placed.map(item).join('\n')] : [],
    detached: detached.length
      ? [
          `${heading} Detached PDF annotations`,
          "Not placed on the paper's current PDF:",
          detached.map(item).join('\n'),
        ]
      : [],
  }
}

function annotationLine(annotation: PdfAnnotation): string {
  const quote = oneLine(annotation.quote)
  const comment = oneLine(annotation.comment ?? '')
  let line = `- ${pages(annotation)}, ${kind(annotation)}`
  if (annotation.detached !== null) line += ` (${DETACHED_REASONS[annotation.detached]})`
  if (quote) line += `: “${escapeMarkdown(quote)}”`
  if (comment) line += `${quote ? ' —' : ':'} ${escapeMarkdown(comment)}`
  return line
}

/** "yellow highlight", "pink note": the colour and the type in words. */
function kind(annotation: PdfAnnotation): string {
  return `${annotation.color} ${annotation.type}`
}

/** "p. 3", or "pp. 3–4" for text that runs on to the next page. */
function pages({ position }: PdfAnnotation): string {
  const page = position.pageIndex + 1
  return position.nextPageRects?.length ? `pp. ${page}–${page + 1}` : `p. ${page}`
}

function pictureName(note: string, annotation: PdfAnnotation): string {
  return `${note.replace(/\.md$/, '')}-p${annotation.position.pageIndex + 1}-${annotation.id}.png`
}

/**
 * A link destination CommonMark and Obsidian read whole and as written: spaces, brackets and an
 * & that would read as a character reference (which destinations decode) percent-encoded.
 */
function linkTarget(url: string): string {
  return url.replace(/[\s()<>]|&(?=#?\w+;)/g, (char) =>
    char === '(' ? '%28' : char === ')' ? '%29' : encodeURIComponent(char),
  )
}
