import type {
  ReadingStatus,
  RuleEffects,
  SearchRule,
  StatusAssignment,
} from '../../../shared/models'
import type { Db } from '../db/openLibrary'

export interface RulesDeps {
  db: Db
  /** The saved searches that carry a rule. */
  rules: () => Array<{ query: string; rule: SearchRule }>
  /** Which of `ids` the saved search `query` matches (the search of the app, in all papers). */
  matching: (query: string, ids: readonly number[]) => number[]
  statusOf: (id: number) => ReadingStatus | null
  /** Changes a paper's status and records it in the history; the status before, or null. */
  changeStatus: (id: number, status: ReadingStatus, at: number) => ReadingStatus | null
  /** Adds a tag; false when the paper had it already. */
  attachTag: (id: number, tag: string) => boolean
  detachTag: (id: number, tag: string) => void
  downloads: {
    /** Queues what can be downloaded among `ids`: the papers it queued. */
    request: (ids: readonly number[]) => { queued: number[] }
    /** Takes these papers' waiting downloads out of the queue. */
    cancelPapers: (ids: readonly number[]) => void
  }
  now: () => number
}

export const NO_EFFECTS: RuleEffects = { previous: [], tagged: [], queued: [] }

/**
 * What saved searches' rules do to papers a subscription just brought: each rule acts on the
 * new papers its search matches (a tag, To read for those still new, the PDF queued), and
 * what they did is kept so it can be taken back as a batch.
 */
export function createRules(deps: RulesDeps) {
  const { db, now } = deps

  /** Applies every rule to the papers `newIds` (papers the library did not have before). */
  const apply = (newIds: readonly number[]): RuleEffects => {
    const rules = newIds.length === 0 ? [] : deps.rules()
    if (rules.length === 0) return NO_EFFECTS
    const toDownload = new Set<number>()
    const { previous, tagged } = db.transaction(() => {
      const at = now()
      const previous: StatusAssignment[] = []
      const tagged: RuleEffects['tagged'] = []
      for (const { query, rule } of rules) {
        for (const id of deps.matching(query, newIds)) {
          if (rule.tag !== null && deps.attachTag(id, rule.tag)) tagged.push({ id, tag: rule.tag })
          if (rule.toRead && deps.statusOf(id) === 'new') {
            deps.changeStatus(id, 'to-read', at)
            previous.push({ id, status: 'new' })
          }
          if (rule.downloadPdf) toDownload.add(id)
        }
      }
      return { previous, tagged }
    })()
    // Queued once the tags and statuses are in: the queue may start at once.
    const queued = toDownload.size > 0 ? deps.downloads.request([...toDownload]).queued : []
    return { previous, tagged, queued }
  }

  /**
   * Takes back what `apply` did: statuses back (recorded in the history; a paper whose status
   * was changed again since keeps it), tags off, and these papers' waiting downloads cancelled.
   */
  const undo = (effects: RuleEffects): void => {
    db.transaction(() => {
      const at = now()
      for (const { id, status } of effects.previous) {
        if (deps.statusOf(id) === 'to-read') deps.changeStatus(id, status, at)
      }
      for (const { id, tag } of effects.tagged) deps.detachTag(id, tag)
    })()
    if (effects.queued.length > 0) deps.downloads.cancelPapers(effects.queued)
  }

  return { apply, undo }
}

export type Rules = ReturnType<typeof createRules>
