import { expect, it } from 'vitest'
import { isSafeExternalUrl } from './externalLinks'

it.each([
  'https://arxiv.org/abs/2408.01234',
  'http://example.com/paper.pdf',
  'HTTPS://EXAMPLE.COM/',
  'https://github.com/org/repo?tab=readme#top',
])('opens %s in the system browser', (url) => {
  expect(isSafeExternalUrl(url)).toBe(true)
})

it.each([
  'file:///etc/passwd',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'smb://server/share',
  'vscode://file/etc/passwd',
  'ms-msdt:/id',
  'mailto:someone@example.com',
  'ftp://example.com/file',
  'https://',
  'http://',
  '//example.com/path',
  'example.com',
  'not a url',
  '',
])('refuses %s', (url) => {
  expect(isSafeExternalUrl(url)).toBe(false)
})
