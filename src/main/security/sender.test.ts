import { describe, expect, it } from 'vitest'
import { isTrustedSender, type SenderFrame } from './sender'

const BUILT = 'file:///opt/Margin/resources/app/out/renderer/index.html'
const DEV = 'http://localhost:5173'
const page = (url: string, more: Partial<SenderFrame> = {}): SenderFrame => ({
  url,
  isTopFrame: true,
  inAppWindow: true,
  ...more,
})

describe('the built app (file://)', () => {
  it('accepts our index.html, also with a hash or query', () => {
    expect(isTrustedSender(page(BUILT), BUILT)).toBe(true)
    expect(isTrustedSender(page(`${BUILT}#/paper/3`), BUILT)).toBe(true)
    expect(isTrustedSender(page(`${BUILT}?x=1`), BUILT)).toBe(true)
  })

  it('refuses any other file, even next to ours', () => {
    expect(isTrustedSender(page('file:///tmp/evil.html'), BUILT)).toBe(false)
    expect(
      isTrustedSender(page('file:///opt/Margin/resources/app/out/renderer/other.html'), BUILT),
    ).toBe(false)
    expect(
      isTrustedSender(page('file://host/opt/Margin/resources/app/out/renderer/index.html'), BUILT),
    ).toBe(false)
  })

  it('refuses web pages and nonsense', () => {
    expect(isTrustedSender(page('https://example.com/index.html'), BUILT)).toBe(false)
    expect(isTrustedSender(page('about:blank'), BUILT)).toBe(false)
    expect(isTrustedSender(page(''), BUILT)).toBe(false)
  })
})

describe('development (the dev server)', () => {
  it('accepts any page of the dev server origin', () => {
    expect(isTrustedSender(page(`${DEV}/`), DEV)).toBe(true)
    expect(isTrustedSender(page(`${DEV}/index.html#x`), DEV)).toBe(true)
  })

  it('refuses another port, host or scheme', () => {
    expect(isTrustedSender(page('http://localhost:5174/'), DEV)).toBe(false)
    expect(isTrustedSender(page('http://127.0.0.1:5173/'), DEV)).toBe(false)
    expect(isTrustedSender(page('https://localhost:5173/'), DEV)).toBe(false)
  })

  it('refuses pages whose origin is opaque', () => {
    expect(isTrustedSender(page('data:text/html,hi'), 'data:text/html,hi')).toBe(false)
  })
})

it('refuses iframes, other windows and calls whose frame is gone', () => {
  expect(isTrustedSender(page(BUILT, { isTopFrame: false }), BUILT)).toBe(false)
  expect(isTrustedSender(page(BUILT, { inAppWindow: false }), BUILT)).toBe(false)
  expect(isTrustedSender(null, BUILT)).toBe(false)
})

it('refuses everything when the expected URL is malformed', () => {
  expect(isTrustedSender(page(BUILT), 'not a url')).toBe(false)
})
