import SearchableMap from 'minisearch/SearchableMap'

/** Terms shorter than this are not corrected: one edit makes them a different common word. */
const MIN_TYPO_LENGTH = 4
const CHUNK = 2_000
const MAX_SUGGESTIONS = 3
/** A prefix that begins more terms than this is left to FTS5's own prefix query. */
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
    /** Indexed terms one or two edits from `term`, closest and commonest first. */
    similar: (term: string): string[] => {
      if (!ready) {
        void refresh()
        return []
      }
      if (term.length < MIN_TYPO_LENGTH) return []
      const found = [...words.fuzzyGet(term, term.length >= 8 ? 2 : 1)]
      return found
        .sort(([, [docA, distA]], [, [docB, distB]]) => distA - distB || docB - docA)
        .slice(0, MAX_SUGGESTIONS)
        .map(([match]) => match)
    },

    /** How many papers hold `term`, or null when the vocabulary is not ready. */
    documentCount: (term: string): number | null => (ready ? (terms.get(term) ?? 0) : null),

    /**
     * The indexed terms `prefix` begins with their document counts, or null when the vocabulary
     * is not ready or they are too many to list.
     */
    completions: (prefix: string): IndexedTerm[] | null => {
      if (!ready) {
        void refresh()
        return null
      }
      const found: IndexedTerm[] = []
      for (const [term, doc] of terms.atPrefix(prefix)) {
        if (found.length === MAX_COMPLETIONS) return null
        found.push({ term, doc })
      }
      return found
    },
  }
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}
