import type { FetchReport, RuleEffects, Subscription, SubscriptionsStatus } from '../shared/models'
import { count, shortDateTime } from './format'

/** What the sidebar says of fetching now, or null when there is nothing to say. */
export function fetchingLine(status: SubscriptionsStatus): string | null {
  if (status.fetching) return `Fetching ${status.fetching.label}…`
  if (!status.online) return 'Offline — will try again'
  return null
}

/** "fetched 6:28 PM · next 12:28 AM": when it last came and when it is tried next. */
export function whenLine(
  { lastSuccessAt, nextAttemptAt }: Pick<Subscription, 'lastSuccessAt' | 'nextAttemptAt'>,
  fetching: boolean,
  time: (ms: number) => string = shortDateTime,
): string {
  if (fetching) return 'fetching now…'
  const fetched = lastSuccessAt === null ? 'not fetched yet' : `fetched ${time(lastSuccessAt)}`
  return nextAttemptAt === null ? fetched : `${fetched} · next ${time(nextAttemptAt)}`
}

/** Whether the rules of a pass did anything. */
export function rulesActed(effects: RuleEffects): boolean {
  return effects.tagged.length + effects.previous.length + effects.queued.length > 0
}

/** "Rules: 3 papers tagged #llm, 2 set To read, 2 PDFs queued"; null when they did nothing. */
export function rulesSummary(effects: RuleEffects): string | null {
  if (!rulesActed(effects)) return null
  const parts: string[] = []
  if (effects.tagged.length > 0) {
    const papers = new Set(effects.tagged.map((t) => t.id)).size
    const tags = [...new Set(effects.tagged.map((t) => `#${t.tag}`))]
    parts.push(`${count(papers, 'paper')} tagged ${tags.join(', ')}`)
  }
  if (effects.previous.length > 0) parts.push(`${effects.previous.length} set To read`)
  if (effects.queued.length > 0) parts.push(`${count(effects.queued.length, 'PDF')} queued`)
  return `Rules: ${parts.join(', ')}`
}

/** Whether a pass brought anything into the library (a digest, a paper, a merge). */
export function broughtPapers(report: FetchReport): boolean {
  return report.subscriptions.some((s) => s.added > 0 || s.merged > 0 || s.digests.length > 0)
}

/**
 * What a pass brought, for the toast after Fetch now: "Fetched 12 new papers" (and those the
 * library had), "Nothing new", or that it waits for the network. Failures are the sidebar's.
 */
export function fetchSummary(report: FetchReport): string {
  const added = report.subscriptions.reduce((sum, s) => sum + s.added, 0)
  const merged = report.subscriptions.reduce((sum, s) => sum + s.merged, 0)
  const failed = report.subscriptions.filter((s) => s.failure !== null).length
  const failures = failed > 0 ? ` (${count(failed, 'subscription')} failed: see the sidebar)` : ''
  if (report.subscriptions.length > 0 && report.subscriptions.every((s) => s.offline)) {
    return 'Offline — will try again'
  }
  if (added === 0 && merged === 0) return `Nothing new from the subscriptions${failures}`
  const had = merged > 0 ? `, ${merged} already in the library` : ''
  return `Fetched ${count(added, 'new paper')}${had}${failures}`
}
