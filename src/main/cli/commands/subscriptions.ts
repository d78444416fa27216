import { MarginError } from '../../../shared/errors'
import {
  SUBSCRIPTION_KINDS,
  type FetchReport,
  type RuleEffects,
  type Subscription,
  type SubscriptionFetchReport,
  type SubscriptionsStatus,
} from '../../../shared/models'
import type { Library } from '../../library/library'
import { NO_EFFECTS } from '../../library/subscriptions/rules'
import * as parse from '../arguments'
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, type Command } from '../context'
import { json, time } from '../format'

const ADD_USAGE =
  'subscriptions add hf-daily [--since YYYY-MM-DD] | add arxiv (--category CAT | --query Q) [--since YYYY-MM-DD]'

export const subscriptionsCommand: Command = {
  name: 'subscriptions',
  usage: 'subscriptions [add KIND ... | remove ID] [--json]',
  summary: `what the library follows while online; ${ADD_USAGE.replace('subscriptions ', '')}; remove ID`,
  options: {
    category: { type: 'string' },
    query: { type: 'string' },
    since: { type: 'string' },
    json: { type: 'boolean' },
  },
  run({ positionals, values, io, withLibrary }) {
    const [verb, ...args] = positionals
    const usage = () => {
      io.stderr(`usage: margin ${subscriptionsCommand.usage}\n       margin ${ADD_USAGE}\n`)
      return EXIT_USAGE
    }
    const asJson = values.json === true
    if (verb === undefined) {
      if (values.category !== undefined || values.query !== undefined || values.since)
        return usage()
      return withLibrary((library) => {
        const status = library.subscriptions.status()
        io.stdout(asJson ? json(status) : subscriptionList(status))
        return EXIT_OK
      })
    }
    if (verb === 'add' && args.length === 1) {
      const request = addRequest(args[0], values)
      if (!request) return usage()
      return withLibrary((library) => {
        const before = new Set(library.subscriptions.status().subscriptions.map((s) => s.id))
        const status = library.subscriptions.add(request)
        const added = status.subscriptions.find((s) => !before.has(s.id))!
        io.stdout(
          asJson
            ? json({ added, subscriptions: status.subscriptions })
            : `Following ${added.label} (#${added.id}) from ${added.since}; \`margin fetch\` fetches it now.\n`,
        )
        return EXIT_OK
      })
    }
    if (verb === 'remove' && args.length === 1) {
      const id = subscriptionId(args[0]!)
      return withLibrary((library) => {
        const removed = requireSubscription(library, id)
        const status = library.subscriptions.remove(id)
        io.stdout(
          asJson
            ? json({ removed, subscriptions: status.subscriptions })
            : `No longer following ${removed.label} (#${id}); the papers it brought stay.\n`,
        )
        return EXIT_OK
      })
    }
    return usage()
  },
}

export const fetchCommand: Command = {
  name: 'fetch',
  usage: 'fetch [ID...] [--json]',
  summary:
    'fetch the subscriptions (the ids given, else all) now, once: per subscription the requests, digests, papers added and merged, or why it failed; what the rules did',
  options: { json: { type: 'boolean' } },
  run({ positionals, values, io, withLibrary }) {
    const ids = positionals.map(subscriptionId)
    const asJson = values.json === true
    // With --json, standard output is the JSON object alone: the progress goes to stderr.
    const progress = asJson ? io.stderr : io.stdout
    return withLibrary(async (library) => {
      if (library.subscriptions.status().subscriptions.length === 0) {
        progress(`Nothing to fetch: no subscriptions yet. ${FIRST_STEP}\n`)
        if (asJson) io.stdout(json(fetchJson({ subscriptions: [], rules: NO_EFFECTS })))
        return EXIT_OK
      }
      let fetching: number | null = null
      const stopWatching = library.subscriptions.onChange((status) => {
        if (status.fetching && status.fetching.id !== fetching) {
          progress(`Fetching ${status.fetching.label}…\n`)
        }
        fetching = status.fetching?.id ?? null
      })
      let report: FetchReport
      try {
        // The library's passes fail fast when offline: the CLI never hangs on a dead network.
        report = await library.subscriptions.fetch(ids.length > 0 ? ids : undefined)
      } finally {
        stopWatching()
      }
      for (const one of report.subscriptions) {
        const line = `${one.label} (#${one.id}): ${outcomeOf(one)}\n`
        if (one.failure !== null) io.stderr(line)
        else progress(line)
      }
      const rules = rulesSentence(report.rules)
      if (rules) progress(`${rules}\n`)
      if (asJson) io.stdout(json(fetchJson(report)))
      return report.subscriptions.some((s) => s.failure !== null) ? EXIT_FAILED : EXIT_OK
    })
  },
}

const FIRST_STEP =
  '`margin subscriptions add hf-daily` follows the Hugging Face daily papers; `margin subscriptions add arxiv --category cs.LG` an arXiv category.'

/** `margin fetch --json`: the totals first, then the report as the library gives it. */
function fetchJson(report: FetchReport) {
  const sum = (field: 'added' | 'merged') =>
    report.subscriptions.reduce((total, s) => total + s[field], 0)
  return {
    added: sum('added'),
    merged: sum('merged'),
    failed: report.subscriptions.filter((s) => s.failure !== null).length,
    offline: report.subscriptions.some((s) => s.offline),
    subscriptions: report.subscriptions,
    rules: report.rules,
  }
}

function outcomeOf(report: SubscriptionFetchReport): string {
  if (report.failure !== null) return `failed: ${report.failure}`
  if (report.offline) return 'offline, nothing fetched; `margin fetch` again once connected.'
  const requests = plural(report.requests, 'request')
  if (report.added === 0 && report.merged === 0) return `nothing new (${requests}).`
  const digests = report.digests.map((d) => `${d.date}: ${plural(d.papers, 'paper')}`).join(', ')
  return `${report.added} added, ${report.merged} merged (${requests}; ${plural(report.digests.length, 'digest')}: ${digests}).`
}

/** What the rules did, in one sentence; null when they did nothing. */
function rulesSentence(effects: RuleEffects): string | null {
  const parts = [
    effects.tagged.length > 0 &&
      `${plural(new Set(effects.tagged.map((t) => t.id)).size, 'paper')} tagged`,
    effects.previous.length > 0 && `${effects.previous.length} set To read`,
    effects.queued.length > 0 &&
      `${plural(effects.queued.length, 'PDF')} queued (the desktop app downloads them; \`margin pdf fetch ${effects.queued.join(' ')}\` does now)`,
  ].filter((part) => part !== false)
  return parts.length > 0 ? `Rules: ${parts.join(', ')}.` : null
}

function subscriptionList(status: SubscriptionsStatus): string {
  if (status.subscriptions.length === 0) return `No subscriptions yet. ${FIRST_STEP}\n`
  const lines = status.subscriptions.flatMap((s) => [
    `#${s.id}  ${s.label}  (since ${s.since})`,
    `    ${s.lastSuccessAt === null ? 'never fetched' : `last fetched ${time(s.lastSuccessAt)}`}${
      s.nextAttemptAt === null ? '' : ` · next ${time(s.nextAttemptAt)}`
    }`,
    ...(s.lastFailure ? [`    failed ${time(s.lastFailure.at)}: ${s.lastFailure.message}`] : []),
  ])
  lines.push(`The app fetches every ${plural(status.intervalHours, 'hour')} while it runs.`)
  return `${lines.join('\n')}\n`
}

function addRequest(kindText: string | undefined, values: Record<string, unknown>) {
  const kind = parse.oneOf('subscription kind', kindText, SUBSCRIPTION_KINDS)
  const since = parse.isoDate(values.since as string | undefined)
  const category = values.category as string | undefined
  const query = values.query as string | undefined
  if (kind === 'hf-daily')
    return category === undefined && query === undefined ? { kind, since } : null
  if ((category === undefined) === (query === undefined)) return null
  return { kind, query: category ?? query, since }
}

function subscriptionId(text: string): number {
  if (!/^[1-9]\d{0,15}$/.test(text)) {
    throw new MarginError(
      'INVALID_ARGUMENT',
      `"${text}" is not a subscription id; ids are the numbers \`margin subscriptions\` shows.`,
    )
  }
  return Number(text)
}

function requireSubscription(library: Library, id: number): Subscription {
  const found = library.subscriptions.status().subscriptions.find((s) => s.id === id)
  if (!found) {
    throw new MarginError(
      'NOT_FOUND',
      `There is no subscription #${id}; \`margin subscriptions\` lists them.`,
    )
  }
  return found
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`
