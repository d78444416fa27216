import { EnvHttpProxyAgent } from 'undici'
import { MarginError } from '../../../shared/errors'

/**
 * The fetch the CLI gives the library: through the proxy the environment names
 * (`HTTPS_PROXY` / `HTTP_PROXY`, lower-case too, except for the hosts in `NO_PROXY`), else
 * Node's own. Node 20's fetch ignores those variables; undici's EnvHttpProxyAgent, as the
 * dispatcher of each request, honours them (https through CONNECT). The app does not use it:
 * Electron's net.fetch follows the system's proxy settings.
 */
export function proxyAwareFetch(env: NodeJS.ProcessEnv = process.env): typeof globalThis.fetch {
  const settings = proxySettings(env)
  if (!settings) return globalThis.fetch
  const dispatcher = new EnvHttpProxyAgent(settings)
  return (input, init) => globalThis.fetch(input, { ...init, dispatcher } as RequestInit)
}

export interface ProxySettings {
  httpProxy?: string
  httpsProxy?: string
  noProxy?: string
}

/** The proxies the environment names (checked to be http(s) URLs), or null when it names none. */
export function proxySettings(env: NodeJS.ProcessEnv): ProxySettings | null {
  const read = (name: string) => (env[name.toLowerCase()] ?? env[name])?.trim() || undefined
  const httpsProxy = proxyUrl('HTTPS_PROXY', read('HTTPS_PROXY'))
  const httpProxy = proxyUrl('HTTP_PROXY', read('HTTP_PROXY'))
  if (!httpsProxy && !httpProxy) return null
  // Every value is given, so the agent never reads process.env behind the caller's back. As
  // undici does, https goes through HTTP_PROXY when HTTPS_PROXY is not set.
  return {
    httpProxy: httpProxy ?? '',
    httpsProxy: httpsProxy ?? httpProxy ?? '',
    noProxy: read('NO_PROXY') ?? '',
  }
}

function proxyUrl(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  let url: URL | null = null
  try {
    url = new URL(value)
  } catch {
    url = null
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new MarginError(
      'INVALID_ARGUMENT',
      `${name} is "${value}", which is not a proxy URL such as http://proxy.example:3128; fix it or unset it.`,
    )
  }
  return value
}
