import SearchableMap from 'minisearch/SearchableMap'

/**
 * Terms shorter than this are not corrected, not even for a swap of two letters: at three letters
 * one edit or swap makes them a different common word or abbreviation ("teh" is not read as
 * "the", nor "fro" as "for"), and a fuzzy lookup of them matches a good part of the vocabulary.
 */
const MIN_TYPO_LENGTH = 4
/** Terms this long may be two edits from what was meant; shorter ones (from MIN_TYPO_LENGTH) one. */
const TWO_EDITS_FROM = 8
const CHUNK = 2_000
const MAX_SUGGESTIONS = 3
/** A prefix that begins more terms than this is completed by the commonest of them. */
const MAX_COMPLETIONS = 200

export interface IndexedTerm {
  term: string
  /** How many papers contain it. */
  doc: number
}

/**
 * The index's vocabulary in MiniSearch's radix tree, for typo tolerance and completing a word
 * being typed. It is built off the caller's path (on first use, in chunks between events) so
 * opening a large library never waits for it; until it is ready, it knows no terms.
 */
export function createVocabulary(loadTerms: (after: string, limit: number) => IndexedTerm[]) {
  const terms = new SearchableMap<number>()
  // Typos are looked for among plain words only: fuzzy search over every term (numbers, ids
  // such as "2bx") costs twenty times as much and finds nothing anyone mistyped.
  const words = new SearchableMap<number>()
  let ready = false
  let stale = true
  let running: Promise<void> | null = null

  async function catchUp(): Promise<void> {
    while (stale) {
      stale = false
      // Read in slices of the term order, so no single read holds the thread for long.
      for (let after = '', more = true; more;) {
        await nextTurn()
        const slice = loadTerms(after, CHUNK)
        for (const { term, doc } of slice) {
          terms.set(term, doc)
          if (term.length >= MIN_TYPO_LENGTH && !/\d/.test(term)) words.set(term, doc)
        }
        more = slice.length === CHUNK
        after = slice.at(-1)?.term ?? after
      }
    }
    ready = true
  }

  /** Builds the vocabulary, or catches up with the index, in the background. */
  const refresh = (): Promise<void> => {
    stale = true
    running ??= catchUp().finally(() => {
      running = null
      if (stale) void refresh()
    })
    return running
  }

  return {
    refresh,
    /** The index has changed: catch up when the vocabulary is in use. */
    indexChanged: () => {
      if (ready || running) void refresh()
    },
    /**
     * The indexed terms closest to `term` within one edit (two from TWO_EDITS_FROM letters on),
     * commonest first, where a swap of two neighbouring letters is one edit as people make it
     * ("modle" is one from "model"). `term` alone when it is indexed itself.
     */
    similar: (term: string): string[] => {
      if (!ready) {
        void refresh()
        return []
      }
      if (term.length < MIN_TYPO_LENGTH) return []
      const edits = term.length >= TWO_EDITS_FROM ? 2 : 1
      // MiniSearch's fuzzy lookup counts a swap as two edits (Levenshtein): it finds the rest,
      // and the swaps of `term` are looked up besides, each an exact lookup in the tree. With two
      // edits, each swap is also looked up with one more edit or swap: ~0.1 ms a swap, a third
      // more than the fuzzy lookup itself (measured on 150,000 made-up words).
      const found = new Map<string, number>()
      for (const [match, [doc]] of words.fuzzyGet(term, edits)) found.set(match, doc)
      for (const swapped of swaps(term)) {
        const doc = words.get(swapped)
        if (doc !== undefined) found.set(swapped, doc)
        if (edits === 1) continue
        for (const [match, [count]] of words.fuzzyGet(swapped, 1)) found.set(match, count)
        for (const twice of swaps(swapped)) {
          const count = words.get(twice)
          if (count !== undefined) found.set(twice, count)
        }
      }
      const near = [...found]
        .map(([match, doc]) => ({ match, doc, distance: typoDistance(term, match) }))
        .filter(({ distance }) => distance <= edits)
      // Only the closest: the papers of all the terms are ranked together, by bm25, so a term
      // farther off (or a typo of `term` when it is indexed itself) would outrank the closer.
      const closest = Math.min(...near.map(({ distance }) => distance))
      return near
        .filter(({ distance }) => distance === closest)
        .sort((a, b) => b.doc - a.doc)
        .slice(0, MAX_SUGGESTIONS)
        .map(({ match }) => match)
    },

    /** How many papers hold `term`, or null when the vocabulary is not ready. */
    documentCount: (term: string): number | null => (ready ? (terms.get(term) ?? 0) : null),

    /**
     * The indexed terms `prefix` begins with their document counts, the commonest
     * MAX_COMPLETIONS of them when there are more; null when the vocabulary is not ready.
     */
    completions: (prefix: string): IndexedTerm[] | null => {
      if (!ready) {
        void refresh()
        return null
      }
      const found: IndexedTerm[] = []
      for (const [term, doc] of terms.atPrefix(prefix)) found.push({ term, doc })
      if (found.length <= MAX_COMPLETIONS) return found
      return found.sort((a, b) => b.doc - a.doc).slice(0, MAX_COMPLETIONS)
    },
  }
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

/** `term` with each pair of neighbouring letters swapped (pairs of the same letter left out). */
export function swaps(term: string): string[] {
  const swapped: string[] = []
  for (let i = 0; i + 1 < term.length; i++) {
    if (term[i] === term[i + 1]) continue
    swapped.push(term.slice(0, i) + term[i + 1] + term[i] + term.slice(i + 2))
  }
  return swapped
}

/**
 * Edits from `a` to `b`: letters inserted, deleted or replaced, or two neighbouring letters
 * swapped, each one edit (optimal string alignment: no letter is edited twice).
 */
export function typoDistance(a: string, b: string): number {
  // Three rows of the table: the two before the current one.
  let before = Array.from({ length: b.length + 1 }, () => 0)
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let distance = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        distance = Math.min(distance, before[j - 2]! + 1)
      }
      current.push(distance)
    }
    before = previous
    previous = current
  }
  return previous[b.length]!
}
