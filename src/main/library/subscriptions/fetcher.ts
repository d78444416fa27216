import { isMarginError, MarginError } from '../../../shared/errors'
import type { DigestSource } from '../import/digestSource'
import type { HttpResponse } from '../net/httpClient'
import type { SubscriptionRow } from './subscriptions.repo'

/** What a fetcher may do during a pass; the pass counts it in the subscription's report. */
export interface FetchContext {
  now: () => number
  /**
   * GETs `url` through the library's client: conditional (a `notModified` answer when it is
   * what was used before), failing at once when offline; throws HttpFailure. Call the answer's
   * keepValidators() once it has been used.
   */
  get: (url: string, accept: string) => Promise<HttpResponse>
  /** Imports one answer, all of it or nothing; throws MarginError saying why it was refused. */
  importAnswer: (source: DigestSource, what: string) => void
  /** Stores how far the subscription got (the next pass goes on from there). */
  advance: (cursor: string) => void
}

/** Fetches what is new for one subscription; throws (HttpFailure, MarginError) where it stops. */
export type Fetcher = (subscription: SubscriptionRow, context: FetchContext) => Promise<void>

/**
 * Refuses an answer that cannot be what was asked: an empty body, or a web page (an error page,
 * a login or a captcha) where JSON or a feed was expected. The parsers catch the rest.
 */
export function checkAnswer(response: HttpResponse, what: string): void {
  const host = new URL(response.url).host
  if (response.body.byteLength === 0 || /^\s*$/.test(head(response.body))) {
    throw new MarginError(
      'SOURCE_ERROR',
      `${host} sent an empty answer instead of ${what}; Margin tries again at the next fetch.`,
    )
  }
  const type = response.headers.get('content-type') ?? ''
  if (/html/i.test(type) || /^[\s\uFEFF]*<(!doctype\s+html|html)\b/i.test(head(response.body))) {
    throw new MarginError(
      'SOURCE_ERROR',
      `${host} answered with a web page instead of ${what} (it may be down, or asking for a login or a captcha); Margin tries again at the next fetch.`,
    )
  }
}

function head(body: Uint8Array): string {
  return new TextDecoder().decode(body.subarray(0, 512))
}

/** What `read` makes of an answer; its refusal (a parser's MarginError) said as this answer's. */
export function readAnswer<T>(what: string, read: () => T): T {
  try {
    return read()
  } catch (error) {
    if (!isMarginError(error)) throw error
    throw new MarginError(error.code, `Margin could not read ${what}: ${error.message}`, {
      cause: error,
    })
  }
}
