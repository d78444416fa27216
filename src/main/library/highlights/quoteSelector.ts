import { MarginError } from '../../../shared/errors'
import { quoteContext } from '../../../shared/pdfLayout'
import type { QuoteSelector } from './anchor'

/** The quote and its surroundings for the range `start`..`end` of `abstract`, once it is valid. */
export function quoteSelector(
  abstract: string,
  start: number,
  end: number,
): QuoteSelector & { end: number } {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > abstract.length) {
    throw new MarginError(
      'INVALID_ARGUMENT',
      `The range ${start}–${end} lies outside the abstract, which has ${abstract.length} characters; select text inside it.`,
    )
  }
  if (end <= start) {
    throw new MarginError(
      'INVALID_ARGUMENT',
      `The range ${start}–${end} holds no text; select at least one character to highlight.`,
    )
  }
  const quote = abstract.slice(start, end)
  if (quote.trim() === '') {
    throw new MarginError(
      'INVALID_ARGUMENT',
      'The selection is only white space; select words to highlight.',
    )
  }
  return {
    quote,
    ...quoteContext(abstract, start, end),
    start,
    end,
  }
}
