import { isMarginError } from '../../../shared/errors'
import type { DownloadStatus, PaperDetail } from '../../../shared/models'
import type { Db } from '../db/openLibrary'
import { HttpFailure, type HttpClient } from '../net/httpClient'
import { createDownloadsRepo, type QueuedDownloadRow } from './downloads.repo'

/**
 * The persistent queue of arXiv downloads (`library.downloads`). Its state is in the library
 * (pdf_downloads, and the pause in settings), so it survives a restart; it goes through the
 * polite HTTP client, one paper at a time, and hands each PDF to the file store. A paper that
 * fails (a web page instead of a PDF, a cut-off download, a 404) fails alone, with a sentence,
 * and the queue goes on; a 403 pauses the queue, so arXiv is not asked again until the person
 * resumes it. Offline, the current paper waits (the client probes) and `online` says so.
 * Nothing touches the network before `start()`.
 */

export const DEFAULT_ARXIV_BASE_URL = 'https://export.arxiv.org'

/** The arXiv base URL from the environment (MARGIN_ARXIV_BASE_URL), else arXiv's export mirror. */
export function arxivBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return (env.MARGIN_ARXIV_BASE_URL?.trim() || DEFAULT_ARXIV_BASE_URL).replace(/\/+$/, '')
}

/** Stores a downloaded PDF with its paper (the file store's attach). */
export type AttachPdf = (
  paperId: number,
  file: { name: string; data: Uint8Array },
  origin: string,
) => Promise<PaperDetail> | PaperDetail

export interface DownloadQueueDeps {
  db: Db
  client: HttpClient
  attach: AttachPdf
  /** Without a trailing slash, e.g. https://export.arxiv.org. */
  baseUrl: string
  now: () => number
}

/** How one paper's download ended. */
export type DownloadResult =
  | {
      paperId: number
      title: string
      arxivId: string
      outcome: 'stored'
      /** The URL with its version, recorded as the file's origin. */
      origin: string
      sha256: string | null
      pages: number | null
    }
  | { paperId: number; title: string; arxivId: string; outcome: 'failed'; problem: string }

/** Why `request` did not queue a paper. */
export type SkipReason = 'not-found' | 'no-arxiv-id' | 'has-pdf' | 'already-queued'

export interface SkippedPaper {
  paperId: number
  /** Null when there is no such paper. */
  title: string | null
  arxivId: string | null
  reason: SkipReason
}

export const SKIP_SENTENCES: Record<SkipReason, string> = {
  'not-found': 'there is no such paper',
  'no-arxiv-id': 'it has no arXiv id, so there is nothing to download',
  'has-pdf': 'it already has a PDF',
  'already-queued': 'it is already waiting to download',
}

/**
 * Times a paper's PDF may be handed to the store without that ending (the app quit or crashed
 * while storing it) before the paper is failed instead of handed over again.
 */
const MAX_UNFINISHED_STORES = 3

/** A Retry-After at least this long pauses the queue instead of holding the current paper. */
const LONG_WAIT_MS = 10 * 60_000

export function createDownloadQueue({ db, client, attach, baseUrl, now }: DownloadQueueDeps) {
  const repo = createDownloadsRepo(db)
  const changeListeners = new Set<(status: DownloadStatus) => void>()
  const resultListeners = new Set<(result: DownloadResult) => void>()
  const idleWaiters: Array<() => void> = []
  const host = new URL(baseUrl).host

  let started = false
  let loop: Promise<void> | null = null
  let current: { paperId: number; title: string } | null = null
  let controller: AbortController | null = null

  const status = (): DownloadStatus => {
    const counts = repo.counts()
    return {
      paused: repo.paused(),
      // What the last request found; with nothing waiting there is nothing to be offline for.
      online: client.online || counts.queued === 0,
      total: counts.done + counts.failed + counts.queued,
      done: counts.done,
      waiting: counts.queued,
      current,
      failed: repo.failed().map((row) => ({
        paperId: row.paper_id,
        title: row.title,
        problem: row.problem,
      })),
    }
  }

  const notify = () => {
    // The library may have closed under a download that was stopping.
    if (changeListeners.size === 0 || !db.open) return
    const now = status()
    for (const listener of [...changeListeners]) listener(now)
  }
  client.onChange(notify)

  const settleIdle = () => {
    if (loop) return
    for (const resolve of idleWaiters.splice(0)) resolve()
  }

  const kick = () => {
    if (!started || loop || repo.paused() || !repo.anyQueued()) return settleIdle()
    loop = run().then(
      () => {
        loop = null
        kick()
      },
      (error: unknown) => {
        loop = null
        console.error('[margin] the download queue stopped', error)
        settleIdle()
      },
    )
  }

  const run = async () => {
    while (started && !repo.paused()) {
      const job = repo.next()
      if (!job) break
      await download(job)
    }
  }

  const report = (result: DownloadResult) => {
    for (const listener of [...resultListeners]) listener(result)
  }

  const fail = (job: QueuedDownloadRow, problem: string) => {
    repo.finish(job.id, 'failed', problem, now())
    report({
      paperId: job.paper_id,
      title: job.title,
      arxivId: job.arxiv_id,
      outcome: 'failed',
      problem,
    })
  }

  const download = async (job: QueuedDownloadRow) => {
    if (job.attempts >= MAX_UNFINISHED_STORES) {
      return fail(
        job,
        `Margin quit ${job.attempts} times while storing this PDF, so it stopped trying; queue it again to retry.`,
      )
    }
    current = { paperId: job.paper_id, title: job.title }
    controller = new AbortController()
    notify()
    try {
      const asked = `${baseUrl}/pdf/${job.arxiv_id}`
      const response = await client.get(asked, {
        signal: controller.signal,
        accept: 'application/pdf',
      })
      const problem = notAPdf(response.body, response.headers.get('content-type'))
      if (problem) return fail(job, problem)
      const { origin, versionedId } = versionedOrigin(
        baseUrl,
        job.arxiv_id,
        asked,
        response.url,
        response.headers.get('content-disposition'),
      )
      const name = `${versionedId.replaceAll('/', '_')}.pdf`
      repo.storing(job.id, now())
      const detail = await attach(job.paper_id, { name, data: response.body }, origin)
      repo.finish(job.id, 'done', null, now())
      const file =
        detail.files?.find((f) => f.origin === origin) ?? detail.files?.[detail.files.length - 1]
      report({
        paperId: job.paper_id,
        title: job.title,
        arxivId: job.arxiv_id,
        outcome: 'stored',
        origin,
        sha256: file?.sha256 ?? null,
        pages: file?.pageCount ?? null,
      })
    } catch (error) {
      if (!db.open) return
      // Stopped on purpose (pause, cancel, quit): a paused one stays first in line.
      if (error instanceof HttpFailure && error.kind === 'aborted') return
      if (error instanceof HttpFailure && error.kind === 'forbidden') {
        repo.setPaused(true)
        return fail(
          job,
          `arXiv refused the download (403 Forbidden), so the downloads are paused and ${host} is asked nothing more; resume them to try again.`,
        )
      }
      if (
        error instanceof HttpFailure &&
        error.kind === 'busy' &&
        error.retryAt !== null &&
        error.retryAt - now() > LONG_WAIT_MS
      ) {
        // Asked to stay away for long: the queue does not sit on it, nor ask before then.
        repo.setPaused(true)
        return fail(job, `${error.message} The downloads are paused until you resume them.`)
      }
      fail(job, problemOf(error, job.arxiv_id))
    } finally {
      current = null
      controller = null
      notify()
    }
  }

  /** Queues what can be downloaded among `ids`, and says why each other one was left out. */
  const request = (ids: readonly number[]) => {
    const queued: number[] = []
    const skipped: SkippedPaper[] = []
    for (const id of new Set(ids)) {
      const paper = repo.candidate(id)
      const reason: SkipReason | null = !paper
        ? 'not-found'
        : !paper.arxiv_id
          ? 'no-arxiv-id'
          : paper.has_pdf
            ? 'has-pdf'
            : paper.queued
              ? 'already-queued'
              : null
      if (reason) {
        skipped.push({
          paperId: id,
          title: paper?.title ?? null,
          arxivId: paper?.arxiv_id ?? null,
          reason,
        })
      } else queued.push(id)
    }
    if (queued.length > 0) {
      db.transaction(() => {
        // A new run starts when nothing waits: the last run's counts and failures are done with.
        if (!repo.anyQueued() && !current) repo.clearFinished()
        repo.enqueue(queued, now())
      })()
      notify()
      kick()
    }
    return { queued, skipped }
  }

  return {
    /** Queues the papers that have an arXiv id and no PDF and are not waiting already. */
    enqueue: (ids: readonly number[]): DownloadStatus => {
      request(ids)
      return status()
    },
    request,
    status,
    /** The papers waiting, in the order they will be downloaded (the current one first). */
    waiting: () =>
      repo.waiting().map((row) => ({
        paperId: row.paper_id,
        title: row.title,
        arxivId: row.arxiv_id,
      })),
    /** Pausing stops the current download (it stays first in line); resuming asks arXiv again. */
    pause: (paused: boolean): DownloadStatus => {
      repo.setPaused(paused)
      if (paused) controller?.abort()
      else client.unblock(host)
      notify()
      kick()
      return status()
    },
    /** Cancels every waiting download, the current one too. */
    cancel: (): DownloadStatus => {
      repo.cancelQueued(now())
      controller?.abort()
      notify()
      return status()
    },
    /** Cancels the waiting downloads of these papers (the current one too, if it is one). */
    cancelPapers: (ids: readonly number[]): DownloadStatus => {
      repo.cancelQueuedOf(ids, now())
      if (current && ids.includes(current.paperId)) controller?.abort()
      notify()
      return status()
    },
    onChange: (listener: (status: DownloadStatus) => void) => {
      changeListeners.add(listener)
      return () => changeListeners.delete(listener)
    },
    /** Told as each paper's download ends, stored or failed. */
    onResult: (listener: (result: DownloadResult) => void) => {
      resultListeners.add(listener)
      return () => resultListeners.delete(listener)
    },
    /** Lets the queue use the network: it works through what waits, and what is queued later. */
    start: () => {
      started = true
      kick()
    },
    /** Stops the network work (the current download stays queued); resolves when it has. */
    stop: (): Promise<void> => {
      started = false
      controller?.abort()
      return whenIdle()
    },
    whenIdle: () => whenIdle(),
  }

  /** Resolves when nothing runs: the queue is empty, paused, stopped, or not started. */
  function whenIdle(): Promise<void> {
    return new Promise((resolve) => {
      idleWaiters.push(resolve)
      settleIdle()
    })
  }
}

export type DownloadQueue = ReturnType<typeof createDownloadQueue>

const PDF_MAGIC = '%PDF-'

/** Why `body` is not a PDF arXiv sent (empty, a web page, something else), or null if it looks like one. */
export function notAPdf(body: Uint8Array, contentType: string | null): string | null {
  if (body.byteLength === 0) return 'arXiv sent an empty file instead of the PDF.'
  const head = new TextDecoder('latin1').decode(body.subarray(0, 1024))
  if (head.includes(PDF_MAGIC)) return null
  if (/html/i.test(contentType ?? '') || /^[\s\uFEFF\u00EF\u00BB\u00BF]*</.test(head)) {
    return 'arXiv answered with a web page, not a PDF (it may be busy or the paper withdrawn).'
  }
  return `arXiv answered with something that is not a PDF (${contentType || 'no content type'}).`
}

/**
 * The origin recorded for a downloaded PDF: the URL with its version, from the URL that answered
 * (after a redirect) or the file name arXiv gave, else the URL asked.
 */
export function versionedOrigin(
  baseUrl: string,
  arxivId: string,
  asked: string,
  answered: string,
  disposition: string | null,
): { origin: string; versionedId: string } {
  const bare = arxivId.replace(/v\d+$/, '')
  if (bare !== arxivId) return { origin: asked, versionedId: arxivId }
  const escaped = bare.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
  const fromUrl = new RegExp(`/pdf/(${escaped}v\\d+)(?:\\.pdf)?$`).exec(safePath(answered) ?? '')
  if (fromUrl) {
    return {
      origin: answered.replace(/[?#].*$/, '').replace(/\.pdf$/, ''),
      versionedId: fromUrl[1]!,
    }
  }
  const fileName = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition ?? '')?.[1]
  const flat = bare.replace('/', '')
  const version =
    fileName && new RegExp(`^${flat.replace('.', '\\.')}(v\\d+)\\.pdf$`).exec(fileName)
  if (version) {
    const versionedId = `${bare}${version[1]}`
    return { origin: `${baseUrl}/pdf/${versionedId}`, versionedId }
  }
  return { origin: asked, versionedId: bare }
}

function safePath(url: string): string | null {
  try {
    return decodeURIComponent(new URL(url).pathname)
  } catch {
    return null
  }
}

function problemOf(error: unknown, arxivId: string): string {
  if (error instanceof HttpFailure) {
    if (error.status === 404 || error.status === 410) {
      return `arXiv has no PDF for ${arxivId} (${error.status === 404 ? '404 Not Found' : '410 Gone'}).`
    }
    return error.message
  }
  if (isMarginError(error)) return error.message
  return `The download failed: ${error instanceof Error ? error.message : String(error)}.`
}
