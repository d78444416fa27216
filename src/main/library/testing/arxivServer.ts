import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/**
 * A stand-in for export.arxiv.org on 127.0.0.1 (a random port), for the download queue's tests
 * and the e2e suite: `MARGIN_ARXIV_BASE_URL=server.baseUrl`. Each arXiv id answers with the
 * answers given for it, in order, the last one again and again; an id with none is a 404 page.
 */
export type ArxivAnswer =
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

export interface ArxivRequest {
  path: string
  userAgent: string | undefined
  accept: string | undefined
  /** Real time the request arrived (Date.now()). */
  at: number
}

export interface ArxivServer {
  /** e.g. http://127.0.0.1:41234 — what MARGIN_ARXIV_BASE_URL is set to. */
  baseUrl: string
  /** Every request received, in order. */
  requests: ArxivRequest[]
  /** Sets how `arxivId` (without a version) answers from now on, in this order. */
  answer: (arxivId: string, ...answers: ArxivAnswer[]) => void
  close: () => Promise<void>
}

export const ARXIV_ERROR_PAGE = `<!DOCTYPE html>
<html lang="en"><head><title>arXiv error</title></head>
<body><h1>Sorry, something went wrong</h1><p>Please try again later.</p></body></html>
`

export async function startArxivServer(): Promise<ArxivServer> {
  const answers = new Map<string, ArxivAnswer[]>()
  const requests: ArxivRequest[] = []
  const sockets = new Set<Socket>()

  const next = (arxivId: string): ArxivAnswer | undefined => {
    const list = answers.get(arxivId)
    if (!list || list.length === 0) return undefined
    return list.length > 1 ? list.shift() : list[0]
  }

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname
    requests.push({
      path,
      userAgent: request.headers['user-agent'],
      accept: request.headers.accept,
      at: Date.now(),
    })
    const match = /^\/pdf\/(.+?)(v(\d+))?(\.pdf)?$/.exec(path)
    if (!match) return page(response, 404, ARXIV_ERROR_PAGE)
    const [, arxivId = '', versioned, versionText] = match
    // A versioned URL is where a redirect led: it serves the PDF the unversioned one announced.
    const answer = versioned ? servedAfterRedirect.get(arxivId) : next(arxivId)
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
  const servedAfterRedirect = new Map<string, ArxivAnswer>()

  const server = createServer(handle)
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    answer: (arxivId, ...list) => {
      answers.set(arxivId, list)
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}

function pdf(response: ServerResponse, bytes: Uint8Array, headers: Record<string, string> = {}) {
  response.writeHead(200, {
    'content-type': 'application/pdf',
    'content-length': String(bytes.byteLength),
    ...headers,
  })
  response.end(bytes)
}

function page(
  response: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
) {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers })
  response.end(body)
}
