import type { DownloadStatus } from '../../../shared/models'
import {
  SKIP_SENTENCES,
  type DownloadResult,
  type SkipReason,
} from '../../library/files/downloadQueue'
import type { Library } from '../../library/library'
import * as parse from '../arguments'
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, type Command } from '../context'
import { json } from '../format'

/** What `margin pdf fetch --json` says of one paper. */
type PaperOutcome =
  | (Extract<DownloadResult, { outcome: 'stored' }> & { result: 'stored' })
  | (Extract<DownloadResult, { outcome: 'failed' }> & { result: 'failed' })
  | {
      paperId: number
      title: string | null
      arxivId: string | null
      result: 'skipped'
      reason: SkipReason
      problem: string
    }
  | { paperId: number; title: string; arxivId: string; result: 'waiting'; problem: string }

const TITLE_WIDTH = 60

/** Skipping a paper named by its id is a failure when nothing can ever be fetched for it. */
const FAILS_WHEN_NAMED: ReadonlySet<SkipReason> = new Set(['not-found', 'no-arxiv-id'])

export const pdfFetchCommand: Command = {
  name: 'pdf',
  usage: 'pdf fetch [ID...] [--status S] [--digest YYYY-MM-DD] [--json]',
  summary:
    "download papers' PDFs from arXiv (MARGIN_ARXIV_BASE_URL), politely, one at a time: the ids given, else the papers of --status/--digest; a line per paper",
  options: { status: { type: 'string' }, digest: { type: 'string' }, json: { type: 'boolean' } },
  async run({ positionals, values, io, withLibrary }) {
    const [verb, ...idTexts] = positionals
    if (verb !== 'fetch') {
      io.stderr(`usage: margin ${pdfFetchCommand.usage}\n`)
      return EXIT_USAGE
    }
    const ids = idTexts.map(parse.paperId)
    const status =
      values.status === undefined ? undefined : parse.readingStatus(values.status as string)
    const digest = parse.isoDate(values.digest as string | undefined)
    if (ids.length === 0 && status === undefined && digest === undefined) {
      io.stderr(
        'pdf fetch: name the papers: their ids, or --status S and/or --digest YYYY-MM-DD.\n',
      )
      return EXIT_USAGE
    }
    const asJson = values.json === true
    // With --json, standard output is the JSON object alone: the progress goes to stderr.
    const progress = asJson ? io.stderr : io.stdout
    return withLibrary(async (library) => {
      const named = ids.length > 0
      const papers = named ? ids : library.listPapers({ status, digest }).map((paper) => paper.id)
      const outcomes = await fetchPdfs(library, papers, {
        progress,
        problem: io.stderr,
        quietSkips: !named,
      })
      const failed = outcomes.filter(
        (o) =>
          o.result === 'failed' ||
          o.result === 'waiting' ||
          (o.result === 'skipped' && named && FAILS_WHEN_NAMED.has(o.reason)),
      )
      if (asJson) {
        const count = (result: PaperOutcome['result']) =>
          outcomes.filter((o) => o.result === result).length
        io.stdout(
          json({
            stored: count('stored'),
            failed: count('failed'),
            skipped: count('skipped'),
            waiting: count('waiting'),
            papers: outcomes,
          }),
        )
      }
      return failed.length === 0 ? EXIT_OK : EXIT_FAILED
    })
  },
}

/**
 * Queues `papers` and runs the queue until nothing waits (or it pauses), writing a line per
 * paper; what happened to each paper, in the order it happened.
 */
async function fetchPdfs(
  library: Library,
  papers: readonly number[],
  out: {
    progress: (text: string) => void
    problem: (text: string) => void
    /** Papers picked by a filter are skipped without a line each (only a count). */
    quietSkips: boolean
  },
): Promise<PaperOutcome[]> {
  const downloads = library.downloads
  const outcomes: PaperOutcome[] = []
  if (papers.length === 0) {
    out.progress('No papers match.\n')
    return outcomes
  }
  // A paper already waiting is downloaded by this run like the others: not skipped.
  const skipped = downloads.request(papers).skipped.filter((s) => s.reason !== 'already-queued')
  for (const { paperId, title, arxivId, reason } of skipped) {
    const outcome: PaperOutcome = {
      paperId,
      title,
      arxivId,
      result: 'skipped',
      reason,
      problem: SKIP_SENTENCES[reason],
    }
    outcomes.push(outcome)
    if (!out.quietSkips) {
      const line = `#${paperId} ${title === null ? '' : shortTitle(title) + ' '}skipped: ${outcome.problem}.\n`
      if (FAILS_WHEN_NAMED.has(reason)) out.problem(line)
      else out.progress(line)
    }
  }
  if (out.quietSkips && skipped.length > 0) {
    out.progress(`${skipped.length} of ${papers.length} papers skipped: ${skipSummary(skipped)}.\n`)
  }

  const status = downloads.status()
  const total = status.waiting
  if (total === 0) {
    out.progress('Nothing to download.\n')
    return outcomes
  }
  if (status.paused) {
    out.progress('Downloads were paused; fetching resumes them.\n')
    downloads.pause(false)
  }
  out.progress(`Downloading ${total} PDF${total === 1 ? '' : 's'}, one every 3 s or more.\n`)

  let finished = 0
  let online = true
  const stopWatching = downloads.onChange((now: DownloadStatus) => {
    if (now.online !== online) {
      online = now.online
      out.problem(
        online
          ? 'Connected again: the downloads go on.\n'
          : 'Offline: waiting quietly for the network; the downloads go on when it is back (Ctrl+C stops).\n',
      )
    }
  })
  const stopListening = downloads.onResult((result) => {
    finished += 1
    const line = `[${finished}/${total}] ${result.arxivId} ${shortTitle(result.title)} `
    if (result.outcome === 'stored') {
      outcomes.push({ ...result, result: 'stored' })
      const pages =
        result.pages === null ? '' : ` (${result.pages} page${result.pages === 1 ? '' : 's'})`
      out.progress(`${line}stored${pages}\n`)
    } else {
      outcomes.push({ ...result, result: 'failed' })
      out.problem(`${line}failed: ${result.problem}\n`)
    }
  })
  try {
    downloads.start()
    await downloads.whenIdle()
  } finally {
    stopWatching()
    stopListening()
    await downloads.stop()
  }

  const waiting = downloads.waiting()
  if (waiting.length > 0) {
    for (const paper of waiting) {
      outcomes.push({ ...paper, result: 'waiting', problem: 'the downloads were paused before it' })
    }
    out.problem(
      `The downloads are paused with ${waiting.length} still waiting; \`margin pdf fetch\` again resumes them.\n`,
    )
  }
  return outcomes
}

function skipSummary(skipped: ReadonlyArray<{ reason: SkipReason }>): string {
  const counts = new Map<SkipReason, number>()
  for (const { reason } of skipped) counts.set(reason, (counts.get(reason) ?? 0) + 1)
  const words: Record<SkipReason, string> = {
    'not-found': 'not found',
    'no-arxiv-id': 'without an arXiv id',
    'has-pdf': 'already with a PDF',
    'already-queued': 'already waiting',
  }
  return (Object.keys(words) as SkipReason[])
    .filter((reason) => counts.has(reason))
    .map((reason) => `${counts.get(reason)} ${words[reason]}`)
    .join(', ')
}

function shortTitle(title: string): string {
  return title.length <= TITLE_WIDTH ? title : `${title.slice(0, TITLE_WIDTH - 1).trimEnd()}…`
}
