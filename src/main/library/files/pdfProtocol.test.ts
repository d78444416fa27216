import { describe, expect, it } from 'vitest'
import { useTempDir } from '../testing/tempDirs'
import { createPdfProtocolHandler, parseRange } from './pdfProtocol'
import { createPdfStore } from './pdfStore'

const tempDir = useTempDir()

async function serving() {
  const store = createPdfStore(tempDir())
  const data = new TextEncoder().encode('%PDF-1.4\n0123456789abcdefghij\n%%EOF\n')
  const sha = await store.write(data)
  return { handler: createPdfProtocolHandler(store), sha, data, store }
}

const get = (url: string, headers: Record<string, string> = {}, method = 'GET') =>
  new Request(url, { headers, method })

describe('createPdfProtocolHandler', () => {
  it('serves a stored PDF by its hash, whole', async () => {
    const { handler, sha, data } = await serving()
    const response = await handler(get(`margin-pdf://files/${sha}`))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/pdf')
    expect(response.headers.get('accept-ranges')).toBe('bytes')
    expect(response.headers.get('content-length')).toBe(String(data.length))
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(data)
  })

  it('serves any URL whose last segment is the hash (the e2e harness uses http)', async () => {
    const { handler, sha, data } = await serving()
    const response = await handler(get(`http://127.0.0.1:5173/margin-pdf/files/${sha}`))
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(data)
  })

  it('answers a Range with 206 and Content-Range', async () => {
    const { handler, sha, data } = await serving()
    const response = await handler(get(`margin-pdf://files/${sha}`, { Range: 'bytes=9-18' }))
    expect(response.status).toBe(206)
    expect(response.headers.get('content-range')).toBe(`bytes 9-18/${data.length}`)
    expect(response.headers.get('content-length')).toBe('10')
    expect(new TextDecoder().decode(await response.arrayBuffer())).toBe('0123456789')

    const tail = await handler(get(`margin-pdf://files/${sha}`, { Range: 'bytes=-6' }))
    expect(tail.status).toBe(206)
    expect(new TextDecoder().decode(await tail.arrayBuffer())).toBe('%%EOF\n')

    const open = await handler(get(`margin-pdf://files/${sha}`, { Range: 'bytes=30-' }))
    expect(open.headers.get('content-range')).toBe(`bytes 30-${data.length - 1}/${data.length}`)
  })

  it('answers 416 for a range beyond the end', async () => {
    const { handler, sha, data } = await serving()
    const response = await handler(get(`margin-pdf://files/${sha}`, { Range: 'bytes=5000-' }))
    expect(response.status).toBe(416)
    expect(response.headers.get('content-range')).toBe(`bytes */${data.length}`)
  })

  it('answers HEAD without a body', async () => {
    const { handler, sha, data } = await serving()
    const response = await handler(get(`margin-pdf://files/${sha}`, {}, 'HEAD'))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-length')).toBe(String(data.length))
    expect(response.body).toBeNull()
  })

  it('is 404 for anything but the hash of a stored file', async () => {
    const { handler, sha, store } = await serving()
    const urls = [
      'margin-pdf://files/',
      'margin-pdf://files/../../etc/passwd',
      'margin-pdf://files/%2e%2e%2fmargin-library.sqlite',
      `margin-pdf://files/${sha.toUpperCase()}`,
      `margin-pdf://files/${sha}.pdf`,
      `margin-pdf://files/${'0'.repeat(64)}`,
      `margin-pdf://files/${sha}/`,
    ]
    for (const url of urls) expect([url, (await handler(get(url))).status]).toEqual([url, 404])
    store.remove(sha)
    expect((await handler(get(`margin-pdf://files/${sha}`))).status).toBe(404)
  })

  it('refuses methods other than GET and HEAD', async () => {
    const { handler, sha } = await serving()
    expect((await handler(get(`margin-pdf://files/${sha}`, {}, 'DELETE'))).status).toBe(405)
  })
})

describe('parseRange', () => {
  it('reads one byte range; ignores what is not one', () => {
    expect(parseRange('bytes=0-99', 1000)).toEqual([0, 99])
    expect(parseRange('bytes=900-2000', 1000)).toEqual([900, 999])
    expect(parseRange('bytes=-100', 1000)).toEqual([900, 999])
    expect(parseRange('bytes=-5000', 1000)).toEqual([0, 999])
    expect(parseRange('bytes=0-1,5-6', 1000)).toBeNull()
    expect(parseRange('items=0-1', 1000)).toBeNull()
    expect(parseRange('bytes=9-3', 1000)).toBeNull()
    expect(parseRange('bytes=1000-', 1000)).toBe('unsatisfiable')
    expect(parseRange('bytes=-0', 1000)).toBe('unsatisfiable')
  })
})
