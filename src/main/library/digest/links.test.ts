import { describe, expect, it } from 'vitest'
import { extractLinks } from './links'

describe('extractLinks', () => {
  it.each([
    ['Code: https://example.org/spm.', ['https://example.org/spm']],
    ['see (https://example.org/a_(b)) now', ['https://example.org/a_(b)']],
    ['(at https://github.com/x/y), and', ['https://github.com/x/y']],
    ['both http://a.io/x; and https://b.io/?q=1&r=2!', ['http://a.io/x', 'https://b.io/?q=1&r=2']],
    ['"https://quoted.org/x"', ['https://quoted.org/x']],
    ['ftp://nope.org javascript:alert(1) file:///etc/passwd', []],
    ['twice https://a.io and https://a.io.', ['https://a.io']],
  ])('%s', (text, links) => {
    expect(extractLinks(text)).toEqual(links)
  })
})
