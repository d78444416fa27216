import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { Readable } from 'node:stream'
import { SHA256 } from './pdfStore'

/** What the protocol needs of the store: where the bytes of a hash are. */
export interface PdfSource {
  pathOf: (sha: string) => string
}

/**
 * The handler behind margin-pdf://files/<sha256>: serves only PDFs of the library's store, by
 * hash, with Range support (pdf.js asks for pieces of large files). The last segment of the
 * URL's path is the hash, whatever the scheme and host (the e2e harness serves it over http).
 * Anything else, or a hash the store does not hold, is 404; never a path on disk.
 */
export function createPdfProtocolHandler(
  store: PdfSource,
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response(null, { status: 405, headers: { Allow: 'GET, HEAD' } })
    }
    let sha: string
    try {
      sha = decodeURIComponent(new URL(request.url).pathname.split('/').pop() ?? '')
    } catch {
      return notFound()
    }
    if (!SHA256.test(sha)) return notFound()
    const path = store.pathOf(sha)
    let size: number
    try {
      const info = await stat(path)
      if (!info.isFile()) return notFound()
      size = info.size
    } catch {
      return notFound()
    }
    const headers = {
      'Content-Type': 'application/pdf',
      'Accept-Ranges': 'bytes',
      // The bytes of a hash never change.
      'Cache-Control': 'private, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
    }
    const rangeHeader = request.headers.get('range')
    const range = rangeHeader === null ? null : parseRange(rangeHeader, size)
    if (range === 'unsatisfiable') {
      return new Response(null, {
        status: 416,
        headers: { ...headers, 'Content-Range': `bytes */${size}` },
      })
    }
    const [start, end] = range ?? [0, size - 1]
    const length = Math.max(0, end - start + 1)
    const body =
      request.method === 'HEAD' || length === 0
        ? null
        : (Readable.toWeb(createReadStream(path, { start, end })) as ReadableStream<Uint8Array>)
    return new Response(body, {
      status: range ? 206 : 200,
      headers: {
        ...headers,
        'Content-Length': String(length),
        ...(range ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}),
      },
    })
  }
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain' } })
}

/**
 * The byte range of a `Range` header as [first, last] (inclusive), null when the header is not
 * one range of bytes (then the whole file is served, as HTTP allows), or 'unsatisfiable'.
 */
export function parseRange(
  header: string,
  size: number,
): [number, number] | null | 'unsatisfiable' {
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header)
  if (!match) return null
  const [, from, to] = match as unknown as [string, string, string]
  if (from === '' && to === '') return null
  if (from === '') {
    const suffix = Number(to)
    if (suffix === 0 || size === 0) return 'unsatisfiable'
    return [Math.max(0, size - suffix), size - 1]
  }
  const start = Number(from)
  if (to !== '' && Number(to) < start) return null
  if (start >= size) return 'unsatisfiable'
  const end = to === '' ? size - 1 : Math.min(Number(to), size - 1)
  return [start, end]
}
