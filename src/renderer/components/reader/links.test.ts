import { expect, it } from 'vitest'
import { destinationOffset, linkTarget } from './links'

it('opens only web links', () => {
  expect(linkTarget({ subtype: 'Link', url: 'https://arxiv.org/abs/1' })).toEqual({
    kind: 'web',
    url: 'https://arxiv.org/abs/1',
  })
  for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'mailto:a@b.c', 'smb://x/y']) {
    expect(linkTarget({ subtype: 'Link', url })).toBeNull()
  }
})

it('moves within the document for destinations and page steps', () => {
  expect(linkTarget({ subtype: 'Link', dest: 'section.2' })).toEqual({
    kind: 'destination',
    dest: 'section.2',
  })
  expect(linkTarget({ subtype: 'Link', action: 'NextPage' })).toEqual({
    kind: 'page',
    step: 'next',
  })
})

it('ignores every other action and annotation', () => {
  expect(linkTarget({ subtype: 'Link', action: 'Print' })).toBeNull()
  expect(linkTarget({ subtype: 'Link' })).toBeNull()
  expect(linkTarget({ subtype: 'Widget', url: 'https://example.org' })).toBeNull()
})

it('places XYZ and FitH destinations on their page', () => {
  expect(destinationOffset([{ num: 1 }, { name: 'XYZ' }, 0, 600, null], 800)).toBeCloseTo(0.25)
  expect(destinationOffset([{ num: 1 }, { name: 'FitH' }, 200], 800)).toBeCloseTo(0.75)
  expect(destinationOffset([{ num: 1 }, { name: 'Fit' }], 800)).toBe(0)
  expect(destinationOffset([{ num: 1 }, { name: 'XYZ' }, 0, null, 0], 800)).toBe(0)
})
