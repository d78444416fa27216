import { expect, it } from 'vitest'
import { isNavigationAllowed } from './navigation'

const APP = 'file:///opt/Margin/out/renderer/index.html'

it('allows reloading the page the window shows', () => {
  expect(isNavigationAllowed(APP, APP)).toBe(true)
  expect(isNavigationAllowed(`${APP}#/papers`, APP)).toBe(true)
  expect(isNavigationAllowed('http://localhost:5173/', 'http://localhost:5173/#x')).toBe(true)
})

it('refuses leaving the page: web pages, dropped files, other schemes', () => {
  expect(isNavigationAllowed('https://example.com/', APP)).toBe(false)
  expect(isNavigationAllowed('file:///home/ada/digest.txt', APP)).toBe(false)
  expect(isNavigationAllowed('javascript:alert(1)', APP)).toBe(false)
  expect(isNavigationAllowed(`${APP}?next=1`, APP)).toBe(false)
})

it('refuses when either URL is malformed', () => {
  expect(isNavigationAllowed('', '')).toBe(false)
  expect(isNavigationAllowed('not a url', 'not a url')).toBe(false)
})
