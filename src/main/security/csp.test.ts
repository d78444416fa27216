import { expect, it } from 'vitest'
import { RENDERER_CSP, RENDERER_CSP_DIRECTIVES, serializeCsp } from './csp'

it('serializes directives in order, each with its sources', () => {
  expect(serializeCsp({ 'default-src': ["'self'"], 'object-src': ["'none'"] })).toBe(
    "default-src 'self'; object-src 'none'",
  )
})

it('lets only bundled scripts run: no inline script, no eval, no other origin', () => {
  expect(RENDERER_CSP).toContain("script-src 'self';")
  expect(RENDERER_CSP).not.toMatch(/unsafe-inline|unsafe-eval|\*|https?:/)
})

it('shuts plugins, <base> and outside requests out', () => {
  expect(RENDERER_CSP_DIRECTIVES).toMatchObject({
    'default-src': ["'self'"],
    'connect-src': ["'self'", 'margin-pdf:'],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
  })
})

it('lets the PDF reader run only its bundled worker, without eval or WebAssembly', () => {
  expect(RENDERER_CSP_DIRECTIVES['worker-src']).toEqual(["'self'"])
  expect(RENDERER_CSP_DIRECTIVES['script-src']).toEqual(["'self'"])
  expect(RENDERER_CSP).not.toMatch(/data:|wasm-unsafe-eval/)
})

it('shows pictures from the app and from object URLs only (an area annotation’s image)', () => {
  expect(RENDERER_CSP_DIRECTIVES['img-src']).toEqual(["'self'", 'blob:'])
  const withBlob = Object.entries(RENDERER_CSP_DIRECTIVES).filter(([, sources]) =>
    sources.includes('blob:'),
  )
  expect(withBlob.map(([name]) => name)).toEqual(['img-src'])
})
