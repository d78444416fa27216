import type { DetachedReason, Highlight, PdfAnnotation, PdfAnnotationType } from '../shared/models'

/** A paper's annotation of either kind: a highlight in the abstract or a mark on a PDF page. */
export type AnnotationRecord =
  { kind: 'abstract'; highlight: Highlight } | { kind: 'pdf'; annotation: PdfAnnotation }

export const TYPE_NAMES: Record<PdfAnnotationType, string> = {
  highlight: 'Highlight',
  underline: 'Underline',
  note: 'Note',
  area: 'Area',
}

/** 1-based, as people count pages. */
export function pageNumber(annotation: PdfAnnotation): number {
  return annotation.position.pageIndex + 1
}

/** "p. 3", or "p. 3–4" for text that runs on to the next page. */
export function pagesLabel(annotation: PdfAnnotation): string {
  const page = pageNumber(annotation)
  return annotation.position.nextPageRects?.length ? `p. ${page}–${page + 1}` : `p. ${page}`
}

const SHORT_QUOTE = 40

/** “the first words…” of a quote, for a toast or a label. */
export function shortQuote(quote: string): string {
  const flat = quote.replace(/\s+/g, ' ').trim()
  return `“${flat.length > SHORT_QUOTE ? `${flat.slice(0, SHORT_QUOTE - 1).trimEnd()}…` : flat}”`
}

/** "the highlight “…”", "the note on p. 3": how a toast names an annotation. */
export function describeAnnotation(item: AnnotationRecord): string {
  if (item.kind === 'abstract') return `the highlight ${shortQuote(item.highlight.quote)}`
  const { type, quote } = item.annotation
  const name = TYPE_NAMES[type].toLowerCase()
  return quote.trim()
    ? `the ${name} ${shortQuote(quote)}`
    : `the ${name} on p. ${pageNumber(item.annotation)}`
}

/** Why an annotation is not shown where it was made, in words. */
export function detachedReason(item: AnnotationRecord): string | null {
  if (item.kind === 'abstract') {
    return item.highlight.anchor ? null : 'This passage is no longer in the abstract.'
  }
  const reason: DetachedReason | null = item.annotation.detached
  const page = pageNumber(item.annotation)
  switch (reason) {
    case null:
      return null
    case 'earlier-version':
      return `On page ${page} of an earlier version of the PDF: its text was not found in the current version.`
    case 'file-removed':
      return `Its PDF (page ${page}) is not in the library; attach it again to place this annotation.`
    case 'page-missing':
      return `Its page ${page} is past the end of the PDF.`
  }
}
