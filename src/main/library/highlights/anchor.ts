/** What a highlight remembers of the abstract it was made on. */
export interface QuoteSelector {
  quote: string
  /** The text just before and after the quote. */
  prefix: string
  suffix: string
  /** Where the quote started. */
  start: number
}

export interface TextRange {
  start: number
  end: number
}

/**
 * Places a stored quote in `text`: where it stood, if it is still there; else at the occurrence
 * whose surroundings best match the stored prefix and suffix (the nearest one on a tie); else
 * the same search ignoring case and runs of white space. Null when the quote can no longer be
 * found.
 */
export function anchorQuote(text: string, selector: QuoteSelector): TextRange | null {
  const { quote, prefix, suffix, start } = selector
  if (text.startsWith(quote, start)) return { start, end: start + quote.length }

  const moved = bestOccurrence(text, quote, prefix, suffix, (at) => Math.abs(at - start))
  if (moved !== null) return { start: moved, end: moved + quote.length }

  const folded = fold(text)
  const foldedQuote = fold(quote).text.trim()
  if (foldedQuote === '') return null
  const at = bestOccurrence(
    folded.text,
    foldedQuote,
    fold(prefix).text,
    fold(suffix).text,
    (index) => Math.abs(folded.from[index]! - start),
  )
  if (at === null) return null
  return { start: folded.from[at]!, end: folded.to[at + foldedQuote.length - 1]! }
}

function bestOccurrence(
  text: string,
  quote: string,
  prefix: string,
  suffix: string,
  distance: (at: number) => number,
): number | null {
  let best: { at: number; context: number; distance: number } | null = null
  for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) {
    const candidate = {
      at,
      context: contextMatch(text, at, at + quote.length, prefix, suffix),
      distance: distance(at),
    }
    if (
      best === null ||
      candidate.context > best.context ||
      (candidate.context === best.context && candidate.distance < best.distance)
    ) {
      best = candidate
    }
  }
  return best?.at ?? null
}

/** How many characters right before `start` and right after `end` agree with prefix and suffix. */
function contextMatch(text: string, start: number, end: number, prefix: string, suffix: string) {
  let before = 0
  while (
    before < prefix.length &&
    before < start &&
    text[start - before - 1] === prefix[prefix.length - before - 1]
  ) {
    before++
  }
  let after = 0
  while (
    after < suffix.length &&
    end + after < text.length &&
    text[end + after] === suffix[after]
  ) {
    after++
  }
  return before + after
}

/**
 * The text in lower case with every run of white space made one space, and for each of its
 * code units the range of the original text it came from.
 */
function fold(text: string): { text: string; from: number[]; to: number[] } {
  const units: string[] = []
  const from: number[] = []
  const to: number[] = []
  let index = 0
  let inSpace = false
  for (const char of text) {
    const next = index + char.length
    if (/\s/u.test(char)) {
      if (inSpace) to[to.length - 1] = next
      else {
        units.push(' ')
        from.push(index)
        to.push(next)
      }
      inSpace = true
    } else {
      for (const unit of char.toLowerCase().split('')) {
        units.push(unit)
        from.push(index)
        to.push(next)
      }
      inSpace = false
    }
    index = next
  }
  return { text: units.join(''), from, to }
}
