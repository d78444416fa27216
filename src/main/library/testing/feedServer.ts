import { createHash } from 'node:crypto'
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/**
 * A stand-in for the hosts Margin fetches from, on 127.0.0.1 (a random port): Hugging Face's
 * daily papers API, arXiv's query API and arXiv's PDFs, answering in each API's real shape and
 * misbehaving on request. One server serves all three; point both base URLs at it
 * (`MARGIN_HF_BASE_URL` and `MARGIN_ARXIV_BASE_URL` = `server.baseUrl`, or the library's
 * `hfBaseUrl` / `arxivBaseUrl`). Start two servers when a test needs two hosts (or use
 * `server.baseUrl.replace('127.0.0.1', 'localhost')`, another host to the client).
 *
 * Routes
 * - `GET /api/daily_papers?date=YYYY-MM-DD` → the day's entries as the HF API gives them
 *   (`[{ paper: { id, authors: [{ _id, name, hidden }], publishedAt, submittedOnDailyAt, title,
 *   summary, upvotes, … }, publishedAt, submittedOnDailyAt, title, thumbnail, numComments,
 *   submittedBy: { fullname, name, … } }]`); a day nobody set is `[]` (as a weekend).
 *   Set a day with `hfDay(date, papers)`.
 * - `GET /api/query?search_query=…&start=&max_results=&sortBy=submittedDate&sortOrder=descending`
 *   → an arXiv Atom feed with `opensearch:totalResults/startIndex/itemsPerPage`, the papers set
 *   with `arxivPapers(papers)` that match `search_query` (fields `cat` (`cs.*` too) `ti` `au`
 *   `abs` `all` `id`, quoted phrases, joined left to right by AND / OR / ANDNOT), sorted by
 *   submission (`published`), newest first unless `sortOrder=ascending`, paged by start and
 *   max_results (default 10, as arXiv). The feed's `<updated>` is `now()` (an option).
 * - `GET /pdf/<id>[v<n>]` → a PDF as set with `answer(id, ...PdfAnswer)` (each answer in turn,
 *   the last one again and again; none: a 404 page), as `testing/arxivServer.ts` always did.
 *
 * Validators: every 200 from the two APIs carries an `ETag` (the body's hash) and a
 * `Last-Modified` (when its data was last set); a request whose `If-None-Match` matches, or
 * (without one) whose `If-Modified-Since` is not older, gets `304 Not Modified` without a body.
 * `validators({ etag, lastModified })` turns either off.
 *
 * Misbehaving: `misbehave(route, ...answers)` queues answers for the next requests to a route,
 * each served `times` times (default 1; `Infinity`: from now on), then the route answers
 * normally again. Routes: `'hf-daily'`, `'arxiv-api'`, or a narrower `'hf-daily?date=2026-11-29'`
 * / `'arxiv-api?start=100'` (tried first). `clearMisbehaviour()` forgets them all. Answers
 * (`FeedAnswer`): `status` (429 with `retryAfter`, 503, 403, … with an HTML page), `html`
 * (200 with a web page), `empty` (200, no body), `arxiv-error` (arXiv's error feed, 200 unless
 * `status` says), `body` (any text), `headers` (the normal answer plus headers, e.g.
 * `RateLimit: "api";r=0;t=30`), `truncated` (the first `keep` bytes of the normal answer sent as
 * if whole), `cut-off` (the normal answer announced whole, `keep` bytes sent, then the
 * connection closed), `stall` (`keep` bytes then nothing), `slow` (the whole normal answer in
 * `chunks` pieces, one every `everyMs` real ms), `hang` (no answer), `reset` (the connection
 * closed at once, no answer). Connection refused: `refuse()` stops listening on the port until
 * `accept()` listens there again (open connections are closed too).
 *
 * In real time (the CLI's tests), a 429 whose `retryAfter` is past the client's longest wait
 * (an hour: `'7200'`) and a 403 fail a call at once; a 503 is asked again, 3 s apart.
 *
 * `requests` records every request (method, path, query, headers, real time). `close()` ends it.
 * Fixture papers: `FeedPaper`, and `paperSeries(...)` for many at once.
 */

/** A paper as the fixtures give it; each API's shape is made from it. */
export interface FeedPaper {
  /** New-style arXiv id without version, e.g. 2611.01234. */
  arxivId: string
  version?: number
  title: string
  summary: string
  authors: string[]
  /** arXiv categories, the primary first (default cs.LG). */
  categories?: string[]
  /** Submission time (arXiv `published`), ISO. */
  published: string
  /** Last revision time (arXiv `updated`), ISO; default `published`. */
  updated?: string
  upvotes?: number
}

/** How a PDF (`/pdf/<id>`) answers. */
export type PdfAnswer =
  /**
   * The PDF. `version` (default 1) is told as arXiv can: `redirect` to /pdf/<id>v<n> first,
   * a Content-Disposition `filename`, or `none` (the URL asked is all the client knows).
   */
  | { kind: 'pdf'; bytes: Uint8Array; version?: number; tell?: 'redirect' | 'filename' | 'none' }
  /** A bare status, with an optional Retry-After header and HTML body. */
  | { kind: 'status'; status: number; retryAfter?: string; body?: string }
  /** 200 with a web page, as a captcha or an error page answered in place of the PDF. */
  | { kind: 'html' }
  /** 200 with an empty body. */
  | { kind: 'empty' }
  /** Announces all of `bytes` (Content-Length), sends the first `send` bytes, then hangs up. */
  | { kind: 'cut-off'; bytes: Uint8Array; send: number }
  /** Announces all of `bytes`, sends the first `send` bytes, then sends nothing more. */
  | { kind: 'stall'; bytes: Uint8Array; send: number }
  /** Never answers (until the server closes). */
  | { kind: 'hang' }

/** A misbehaviour of the APIs (see the header). `times` defaults to 1. */
export type FeedAnswer = { times?: number } & (
  | {
      kind: 'status'
      status: number
      retryAfter?: string
      headers?: Record<string, string>
      body?: string
    }
  | { kind: 'html' }
  | { kind: 'empty' }
  | { kind: 'arxiv-error'; message?: string; status?: number }
  | { kind: 'body'; body: string; contentType?: string; status?: number }
  | { kind: 'headers'; headers: Record<string, string> }
  | { kind: 'truncated'; keep: number }
  | { kind: 'cut-off'; keep: number }
  | { kind: 'stall'; keep: number }
  | { kind: 'slow'; chunks: number; everyMs: number }
  | { kind: 'hang' }
  | { kind: 'reset' }
)

export type FeedRoute =
  'hf-daily' | 'arxiv-api' | `hf-daily?date=${string}` | `arxiv-api?start=${number}`

export interface FeedRequest {
  method: string
  /** The path without the query, e.g. /api/daily_papers. */
  path: string
  /** The query's parameters (the last value of each). */
  query: Record<string, string>
  headers: IncomingHttpHeaders
  userAgent: string | undefined
  accept: string | undefined
  /** Real time the request arrived (Date.now()). */
  at: number
}

export interface FeedServer {
  /** e.g. http://127.0.0.1:41234 — what MARGIN_HF_BASE_URL / MARGIN_ARXIV_BASE_URL are set to. */
  baseUrl: string
  /** Every request received, in order. */
  requests: FeedRequest[]
  /** The papers of one daily list (`date` YYYY-MM-DD); an empty list is `[]` as for a weekend. */
  hfDay: (date: string, papers: readonly FeedPaper[]) => void
  /** The papers the arXiv API knows (replacing those set before). */
  arxivPapers: (papers: readonly FeedPaper[]) => void
  /** Sets how the PDF of `arxivId` (without a version) answers from now on, in this order. */
  answer: (arxivId: string, ...answers: PdfAnswer[]) => void
  /** Queues misbehaviours for the next requests to `route`. */
  misbehave: (route: FeedRoute, ...answers: FeedAnswer[]) => void
  clearMisbehaviour: () => void
  /** Whether 200s carry ETag / Last-Modified (and 304s answer matching requests); both by default. */
  validators: (on: { etag?: boolean; lastModified?: boolean }) => void
  /** Closes the port: connections are refused until `accept()`. */
  refuse: () => Promise<void>
  /** Listens on the same port again. */
  accept: () => Promise<void>
  close: () => Promise<void>
}

export const ARXIV_ERROR_PAGE = `<!DOCTYPE html>
<html lang="en"><head><title>arXiv error</title></head>
<body><h1>Sorry, something went wrong</h1><p>Please try again later.</p></body></html>
`

export const HF_ERROR_PAGE = `<!doctype html>
<html class=""><head><meta charset="utf-8" /><title>Hugging Face – The AI community building the future.</title></head>
<body><main><h1>503</h1><p>Something went wrong on our side. Please try again later.</p></main></body></html>
`

/** Many papers at once: ids `first`, `first+1`, … submitted `everyMs` apart going back from `newest`. */
export function paperSeries(options: {
  count: number
  /** First id's number part, e.g. '2611.00001'. */
  first?: string
  newest: string
  everyMs?: number
  categories?: string[]
  title?: (index: number) => string
}): FeedPaper[] {
  const [prefix, number] = (options.first ?? '2611.00001').split('.') as [string, string]
  const newest = Date.parse(options.newest)
  const everyMs = options.everyMs ?? 60 * 60_000
  return Array.from({ length: options.count }, (_, i) => {
    const published = new Date(newest - i * everyMs).toISOString().replace(/\.\d{3}Z$/, 'Z')
    return {
      arxivId: `${prefix}.${String(Number(number) + i).padStart(number.length, '0')}`,
      title: options.title?.(i) ?? `Paper number ${i + 1} of a series`,
      summary: `We study problem ${i + 1} and report what we found about it.`,
      authors: [`Author ${i + 1}`, 'Grace Hopper'],
      categories: options.categories ?? ['cs.LG'],
      published,
      upvotes: i,
    }
  })
}

export async function startFeedServer(options: { now?: () => number } = {}): Promise<FeedServer> {
  const now = options.now ?? Date.now
  const requests: FeedRequest[] = []
  const sockets = new Set<Socket>()
  const pdfAnswers = new Map<string, PdfAnswer[]>()
  const servedAfterRedirect = new Map<string, PdfAnswer>()
  const hfDays = new Map<string, { papers: readonly FeedPaper[]; setAt: number }>()
  let arxiv: { papers: readonly FeedPaper[]; setAt: number } = { papers: [], setAt: Date.now() }
  const misbehaviour = new Map<string, (FeedAnswer & { times: number })[]>()
  const validatorsOn = { etag: true, lastModified: true }

  const nextMisbehaviour = (keys: string[]): FeedAnswer | undefined => {
    for (const key of keys) {
      const queue = misbehaviour.get(key)
      const head = queue?.[0]
      if (!queue || !head) continue
      head.times -= 1
      if (head.times <= 0) queue.shift()
      return head
    }
    return undefined
  }

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://localhost')
    const query = Object.fromEntries(url.searchParams)
    requests.push({
      method: request.method ?? 'GET',
      path: url.pathname,
      query,
      headers: request.headers,
      userAgent: request.headers['user-agent'],
      accept: request.headers.accept,
      at: Date.now(),
    })
    if (url.pathname === '/api/daily_papers') {
      const date = query.date ?? isoDate(now())
      const day = hfDays.get(date)
      const normal = (): Normal => ({
        body: JSON.stringify((day?.papers ?? []).map((paper) => hfEntry(paper, date))),
        contentType: 'application/json; charset=utf-8',
        setAt: day?.setAt ?? 0,
      })
      return answerFeed(
        request,
        response,
        nextMisbehaviour([`hf-daily?date=${date}`, 'hf-daily']),
        normal,
        HF_ERROR_PAGE,
      )
    }
    if (url.pathname === '/api/query') {
      const start = Math.max(0, Number(query.start ?? 0) || 0)
      const normal = (): Normal => ({
        body: arxivFeed(arxiv.papers, url.searchParams, now()),
        contentType: 'application/atom+xml; charset=utf-8',
        setAt: arxiv.setAt,
      })
      return answerFeed(
        request,
        response,
        nextMisbehaviour([`arxiv-api?start=${start}`, 'arxiv-api']),
        normal,
        ARXIV_ERROR_PAGE,
      )
    }
    return answerPdf(url.pathname, response)
  }

  /** The normal answer of an API route. */
  interface Normal {
    body: string
    contentType: string
    setAt: number
  }

  const answerFeed = (
    request: IncomingMessage,
    response: ServerResponse,
    answer: FeedAnswer | undefined,
    normal: () => Normal,
    errorPage: string,
  ) => {
    if (!answer || answer.kind === 'headers') {
      const { body, contentType, setAt } = normal()
      const headers: Record<string, string> = {
        'content-type': contentType,
        ...(answer?.kind === 'headers' ? answer.headers : {}),
      }
      const etag = `W/"${createHash('sha1').update(body).digest('hex').slice(0, 20)}"`
      const lastModified = new Date(Math.floor(setAt / 1000) * 1000).toUTCString()
      if (validatorsOn.etag) headers.etag = etag
      if (validatorsOn.lastModified) headers['last-modified'] = lastModified
      const ifNoneMatch = request.headers['if-none-match']
      const ifModifiedSince = request.headers['if-modified-since']
      const fresh =
        ifNoneMatch !== undefined
          ? validatorsOn.etag && ifNoneMatch.split(/\s*,\s*/).includes(etag)
          : ifModifiedSince !== undefined &&
            validatorsOn.lastModified &&
            Date.parse(ifModifiedSince) >= Date.parse(lastModified)
      if (fresh) {
        response.writeHead(304, headers)
        return response.end()
      }
      return send(response, 200, body, headers)
    }
    switch (answer.kind) {
      case 'status':
        return send(response, answer.status, answer.body ?? errorPage, {
          'content-type': 'text/html; charset=utf-8',
          ...(answer.retryAfter === undefined ? {} : { 'retry-after': answer.retryAfter }),
          ...answer.headers,
        })
      case 'html':
        return send(response, 200, errorPage, { 'content-type': 'text/html; charset=utf-8' })
      case 'empty':
        return send(response, 200, '', { 'content-type': normal().contentType })
      case 'arxiv-error':
        return send(
          response,
          answer.status ?? 200,
          arxivErrorFeed(answer.message ?? 'incorrect id format for not-an-id', now()),
          { 'content-type': 'application/atom+xml; charset=utf-8' },
        )
      case 'body':
        return send(response, answer.status ?? 200, answer.body, {
          'content-type': answer.contentType ?? normal().contentType,
        })
      case 'truncated': {
        const { body, contentType } = normal()
        return send(response, 200, Buffer.from(body).subarray(0, answer.keep), {
          'content-type': contentType,
        })
      }
      case 'cut-off':
      case 'stall': {
        const { body, contentType } = normal()
        const bytes = Buffer.from(body)
        response.writeHead(200, {
          'content-type': contentType,
          'content-length': String(bytes.byteLength),
        })
        if (answer.kind === 'stall') return void response.write(bytes.subarray(0, answer.keep))
        return void response.write(bytes.subarray(0, answer.keep), () => response.socket?.destroy())
      }
      case 'slow': {
        const { body, contentType } = normal()
        const bytes = Buffer.from(body)
        response.writeHead(200, {
          'content-type': contentType,
          'content-length': String(bytes.byteLength),
        })
        const size = Math.ceil(bytes.byteLength / answer.chunks)
        let offset = 0
        const more = () => {
          if (response.destroyed) return
          response.write(bytes.subarray(offset, offset + size))
          offset += size
          if (offset >= bytes.byteLength) return void response.end()
          setTimeout(more, answer.everyMs)
        }
        return more()
      }
      case 'hang':
        return
      case 'reset':
        return void request.socket.destroy()
    }
  }

  const answerPdf = (path: string, response: ServerResponse) => {
    const match = /^\/pdf\/(.+?)(v(\d+))?(\.pdf)?$/.exec(path)
    if (!match) return page(response, 404, ARXIV_ERROR_PAGE)
    const [, arxivId = '', versioned, versionText] = match
    // A versioned URL is where a redirect led: it serves the PDF the unversioned one announced.
    const answer = versioned ? servedAfterRedirect.get(arxivId) : nextPdf(arxivId)
    if (versioned && answer?.kind === 'pdf' && Number(versionText) === (answer.version ?? 1)) {
      return pdf(response, answer.bytes)
    }
    if (!answer || versioned) return page(response, 404, ARXIV_ERROR_PAGE)
    switch (answer.kind) {
      case 'pdf': {
        const named = `${arxivId}v${answer.version ?? 1}`
        if (answer.tell === 'redirect') {
          servedAfterRedirect.set(arxivId, answer)
          response.writeHead(302, { location: `/pdf/${named}` })
          return response.end()
        }
        const headers =
          answer.tell === 'filename'
            ? { 'content-disposition': `inline; filename="${named}.pdf"` }
            : undefined
        return pdf(response, answer.bytes, headers)
      }
      case 'status':
        return page(
          response,
          answer.status,
          answer.body ?? ARXIV_ERROR_PAGE,
          answer.retryAfter === undefined ? {} : { 'retry-after': answer.retryAfter },
        )
      case 'html':
        return page(response, 200, ARXIV_ERROR_PAGE)
      case 'empty':
        response.writeHead(200, { 'content-type': 'application/pdf', 'content-length': '0' })
        return response.end()
      case 'cut-off':
        response.writeHead(200, {
          'content-type': 'application/pdf',
          'content-length': String(answer.bytes.byteLength),
        })
        response.write(answer.bytes.subarray(0, answer.send), () => response.socket?.destroy())
        return
      case 'stall':
        response.writeHead(200, {
          'content-type': 'application/pdf',
          'content-length': String(answer.bytes.byteLength),
        })
        response.write(answer.bytes.subarray(0, answer.send))
        return
      case 'hang':
        return
    }
  }

  const nextPdf = (arxivId: string): PdfAnswer | undefined => {
    const list = pdfAnswers.get(arxivId)
    if (!list || list.length === 0) return undefined
    return list.length > 1 ? list.shift() : list[0]
  }

  const server = createServer(handle)
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject)
        resolve()
      })
    })
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy()
      if (!server.listening) return resolve()
      server.close(() => resolve())
    })
  await listen(0)
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    hfDay: (date, papers) => {
      hfDays.set(date, { papers: [...papers], setAt: Date.now() })
    },
    arxivPapers: (papers) => {
      arxiv = { papers: [...papers], setAt: Date.now() }
    },
    answer: (arxivId, ...list) => {
      pdfAnswers.set(arxivId, list)
    },
    misbehave: (route, ...answers) => {
      const queue = misbehaviour.get(route) ?? []
      for (const answer of answers) queue.push({ ...answer, times: answer.times ?? 1 })
      misbehaviour.set(route, queue)
    },
    clearMisbehaviour: () => misbehaviour.clear(),
    validators: (on) => Object.assign(validatorsOn, on),
    refuse: stop,
    accept: () => listen(port),
    close: stop,
  }
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}

/** One entry of HF's /api/daily_papers, as the API gives it (fields Margin ignores included). */
function hfEntry(paper: FeedPaper, date: string) {
  const postedAt = `${date}T${paper.published.slice(11, 19) || '13:00:00'}.000Z`
  const publishedAt = new Date(Date.parse(paper.published)).toISOString()
  const user = { _id: '60f1abe7544c2adfd699860c', fullname: 'AK', name: 'akhaliq', type: 'user' }
  return {
    paper: {
      id: paper.arxivId,
      authors: paper.authors.map((name, i) => ({
        _id: `6744${String(i).padStart(20, '0')}`,
        name,
        hidden: false,
      })),
      publishedAt,
      submittedOnDailyAt: postedAt,
      title: paper.title,
      summary: paper.summary,
      upvotes: paper.upvotes ?? 0,
      discussionId: `6747${paper.arxivId.replace('.', '')}`,
      ai_keywords: [],
    },
    publishedAt: postedAt,
    title: paper.title,
    thumbnail: `https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/${paper.arxivId}.png`,
    numComments: 0,
    submittedBy: { ...user, avatarUrl: '/avatars/akhaliq.svg', isPro: false },
    isAuthorParticipating: false,
  }
}

const escapeXml = (text: string) =>
  text.replace(
    /[<>&"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] ?? c,
  )

/** arXiv's `<updated>` of a feed: midnight US Eastern of the query's day, as the API writes it. */
function feedUpdated(ms: number): string {
  return `${isoDate(ms - 5 * 3600_000)}T00:00:00-05:00`
}

const OPENSEARCH = 'xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/"'

function arxivFeed(all: readonly FeedPaper[], params: URLSearchParams, now: number): string {
  const searchQuery = params.get('search_query') ?? ''
  const start = Math.max(0, Number(params.get('start') ?? 0) || 0)
  const maxResults = Math.max(0, Number(params.get('max_results') ?? 10) || 0)
  const ascending = params.get('sortOrder') === 'ascending'
  const matching = all
    .filter((paper) => matchesQuery(paper, searchQuery))
    .sort((a, b) => (Date.parse(b.published) - Date.parse(a.published)) * (ascending ? -1 : 1))
  const page = matching.slice(start, start + maxResults)
  const echo = `search_query=${searchQuery}&id_list=&start=${start}&max_results=${maxResults}`
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <link href="http://arxiv.org/api/query?${escapeXml(encodeURIComponent(echo))}" rel="self" type="application/atom+xml"/>
  <title type="html">ArXiv Query: ${escapeXml(echo)}</title>
  <id>http://arxiv.org/api/${createHash('sha1').update(echo).digest('base64url').slice(0, 27)}</id>
  <updated>${feedUpdated(now)}</updated>
  <opensearch:totalResults ${OPENSEARCH}>${matching.length}</opensearch:totalResults>
  <opensearch:startIndex ${OPENSEARCH}>${start}</opensearch:startIndex>
  <opensearch:itemsPerPage ${OPENSEARCH}>${maxResults}</opensearch:itemsPerPage>
${page.map(arxivEntry).join('')}</feed>
`
}

function arxivEntry(paper: FeedPaper): string {
  const id = `${paper.arxivId}v${paper.version ?? 1}`
  const categories = paper.categories ?? ['cs.LG']
  return `  <entry>
    <id>http://arxiv.org/abs/${id}</id>
    <updated>${paper.updated ?? paper.published}</updated>
    <published>${paper.published}</published>
    <title>${escapeXml(paper.title)}</title>
    <summary>  ${escapeXml(paper.summary)}
</summary>
${paper.authors.map((name) => `    <author>\n      <name>${escapeXml(name)}</name>\n    </author>\n`).join('')}    <link href="http://arxiv.org/abs/${id}" rel="alternate" type="text/html"/>
    <link title="pdf" href="http://arxiv.org/pdf/${id}" rel="related" type="application/pdf"/>
    <arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="${categories[0]}" scheme="http://arxiv.org/schemas/atom"/>
${categories.map((term) => `    <category term="${term}" scheme="http://arxiv.org/schemas/atom"/>\n`).join('')}  </entry>
`
}

function arxivErrorFeed(message: string, now: number): string {
  const anchor = escapeXml(message.replace(/\s+/g, '_'))
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <link href="http://arxiv.org/api/query?search_query%3D%26id_list%3D%26start%3D0%26max_results%3D10" rel="self" type="application/atom+xml"/>
  <title type="html">ArXiv Query: search_query=&amp;id_list=&amp;start=0&amp;max_results=10</title>
  <id>http://arxiv.org/api/errors</id>
  <updated>${feedUpdated(now)}</updated>
  <opensearch:totalResults ${OPENSEARCH}>1</opensearch:totalResults>
  <opensearch:startIndex ${OPENSEARCH}>0</opensearch:startIndex>
  <opensearch:itemsPerPage ${OPENSEARCH}>1</opensearch:itemsPerPage>
  <entry>
    <id>http://arxiv.org/api/errors#${anchor}</id>
    <title>Error</title>
    <summary>${escapeXml(message)}</summary>
    <updated>${feedUpdated(now)}</updated>
    <link href="http://arxiv.org/api/errors#${anchor}" rel="alternate" type="text/html"/>
    <author>
      <name>arXiv api core</name>
    </author>
  </entry>
</feed>
`
}

/**
 * Whether `paper` matches an arXiv `search_query`: `field:value` terms (value a word, a quoted
 * phrase, or for `cat` an archive wildcard such as `cs.*`) joined left to right by AND, OR and
 * ANDNOT. An empty query matches everything.
 */
export function matchesQuery(paper: FeedPaper, searchQuery: string): boolean {
  const tokens = [...searchQuery.matchAll(/(ANDNOT|AND|OR)|(\w+):("[^"]*"|[^\s()]+)/g)]
  let result: boolean | null = null
  let operator = 'AND'
  for (const [, op, field = 'all', raw = ''] of tokens) {
    if (op) {
      operator = op
      continue
    }
    const value = raw.replace(/^"|"$/g, '').toLowerCase()
    const term = termMatches(paper, field, value)
    result =
      result === null
        ? term
        : operator === 'OR'
          ? result || term
          : operator === 'ANDNOT'
            ? result && !term
            : result && term
  }
  return result ?? true
}

function termMatches(paper: FeedPaper, field: string, value: string): boolean {
  const has = (text: string) => text.toLowerCase().includes(value)
  switch (field) {
    case 'cat':
      return (paper.categories ?? ['cs.LG']).some((category) =>
        value.endsWith('.*')
          ? category.toLowerCase().startsWith(value.slice(0, -1))
          : category.toLowerCase() === value,
      )
    case 'ti':
      return has(paper.title)
    case 'abs':
      return has(paper.summary)
    case 'au':
      return paper.authors.some(has)
    case 'id':
      return paper.arxivId === value
    default:
      return has(paper.title) || has(paper.summary) || paper.authors.some(has)
  }
}

function send(
  response: ServerResponse,
  status: number,
  body: string | Uint8Array,
  headers: Record<string, string>,
) {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body
  response.writeHead(status, { ...headers, 'content-length': String(bytes.byteLength) })
  response.end(bytes)
}

function pdf(response: ServerResponse, bytes: Uint8Array, headers: Record<string, string> = {}) {
  send(response, 200, bytes, { 'content-type': 'application/pdf', ...headers })
}

function page(
  response: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
) {
  send(response, status, body, { 'content-type': 'text/html; charset=utf-8', ...headers })
}
