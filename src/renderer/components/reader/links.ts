/**
 * What a link of a PDF may do in Margin: open a web page (http/https, through the app's
 * external opener, never in the window) or move within the document. Everything else a PDF
 * can ask for (JavaScript, launching a file, submitting a form, an attachment, a remote
 * document) does nothing.
 */

/** The fields of a pdf.js link annotation this reads. */
export interface LinkAnnotationLike {
  subtype?: string
  rect?: number[]
  url?: string
  dest?: unknown
  action?: string
}

export type LinkTarget =
  | { kind: 'web'; url: string }
  | { kind: 'destination'; dest: string | unknown[] }
  | { kind: 'page'; step: 'first' | 'last' | 'next' | 'previous' }

const NAMED_STEPS: Record<string, 'first' | 'last' | 'next' | 'previous'> = {
  FirstPage: 'first',
  LastPage: 'last',
  NextPage: 'next',
  PrevPage: 'previous',
}

export function linkTarget(annotation: LinkAnnotationLike): LinkTarget | null {
  if (annotation.subtype !== 'Link') return null
  if (typeof annotation.url === 'string') {
    return /^https?:\/\//i.test(annotation.url) ? { kind: 'web', url: annotation.url } : null
  }
  if (typeof annotation.dest === 'string' || Array.isArray(annotation.dest)) {
    return { kind: 'destination', dest: annotation.dest }
  }
  const step = annotation.action ? NAMED_STEPS[annotation.action] : undefined
  return step ? { kind: 'page', step } : null
}

/**
 * Where an explicit destination ([page ref, /XYZ left top zoom], /FitH top, /FitBH top, ...)
 * points on its page, as an offset from the page's top (0) to its bottom (1).
 */
export function destinationOffset(explicit: readonly unknown[], pageHeight: number): number {
  const kind = (explicit[1] as { name?: string } | undefined)?.name
  const top =
    kind === 'XYZ' ? explicit[3] : kind === 'FitH' || kind === 'FitBH' ? explicit[2] : undefined
  if (typeof top !== 'number' || !(pageHeight > 0)) return 0
  return Math.min(1, Math.max(0, 1 - top / pageHeight))
}
