import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isMarginError } from '../../../shared/errors'
import { paperSeries, startFeedServer, type FeedServer } from '../testing/feedServer'
import { startProxyServer, type ProxyServer } from '../testing/proxyServer'
import { createHttpClient, HttpFailure, USER_AGENT } from './httpClient'
import { proxyAwareFetch, proxySettings } from './proxyFetch'

let server: FeedServer
let proxy: ProxyServer
beforeEach(async () => {
  server = await startFeedServer()
  proxy = await startProxyServer()
  server.hfDay('2026-11-30', paperSeries({ count: 2, newest: '2026-11-30T12:00:00Z' }))
})
afterEach(async () => {
  await server.close()
  await proxy.close()
})

const hfUrl = () => `${server.baseUrl}/api/daily_papers?date=2026-11-30`
const get = (env: NodeJS.ProcessEnv) =>
  createHttpClient({ fetch: proxyAwareFetch(env) }).get(hfUrl(), { offline: 'fail' })

describe('the proxy-aware fetch of the CLI', () => {
  it('sends http through HTTP_PROXY and gets the same answer', async () => {
    const host = new URL(server.baseUrl).host
    for (const env of [{ HTTP_PROXY: proxy.url }, { http_proxy: proxy.url }]) {
      const response = await get(env)
      expect(JSON.parse(Buffer.from(response.body).toString())).toHaveLength(2)
    }
    expect(proxy.uses).toHaveLength(2)
    // undici tunnels http too; a proxy may also see the absolute form.
    for (const use of proxy.uses) expect([`CONNECT ${host}`, `GET ${hfUrl()}`]).toContain(use)
    expect(server.requests.map((r) => r.userAgent)).toEqual([USER_AGENT, USER_AGENT])
  })

  it('asks HTTPS_PROXY for a tunnel to an https host, and leaves http alone', async () => {
    const host = new URL(server.baseUrl).host
    await get({ HTTPS_PROXY: proxy.url })
    expect(proxy.uses).toEqual([])
    // The local server speaks no TLS, so the answer fails, but the tunnel was asked of the proxy.
    const https = `https://${host}/api/daily_papers?date=2026-11-30`
    await proxyAwareFetch({ HTTPS_PROXY: proxy.url })(https).catch(() => null)
    expect(proxy.uses).toEqual([`CONNECT ${host}`])
  })

  it('goes direct to the hosts NO_PROXY names, and without a proxy set', async () => {
    await get({ HTTP_PROXY: proxy.url, NO_PROXY: 'localhost,127.0.0.1' })
    expect(proxyAwareFetch({})).toBe(globalThis.fetch)
    await get({})
    expect(proxy.uses).toEqual([])
    expect(server.requests).toHaveLength(2)
  })

  it('takes a proxy that cannot be reached for being offline', async () => {
    await proxy.close()
    const error = await get({ HTTP_PROXY: proxy.url }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HttpFailure)
    expect((error as HttpFailure).kind).toBe('offline')
    expect(server.requests).toEqual([])
  })

  it('says which variable is wrong when it is not a proxy URL', () => {
    expect(proxySettings({ HTTPS_PROXY: ' ' })).toBeNull()
    expect(proxySettings({ HTTP_PROXY: 'http://p:3128', no_proxy: 'example.org' })).toEqual({
      httpProxy: 'http://p:3128',
      httpsProxy: 'http://p:3128',
      noProxy: 'example.org',
    })
    let error: unknown
    try {
      proxyAwareFetch({ HTTPS_PROXY: 'proxy.example:3128' })
    } catch (e) {
      error = e
    }
    expect(isMarginError(error)).toBe(true)
    expect((error as Error).message).toBe(
      'HTTPS_PROXY is "proxy.example:3128", which is not a proxy URL such as http://proxy.example:3128; fix it or unset it.',
    )
  })
})
