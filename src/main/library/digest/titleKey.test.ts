import { expect, it } from 'vitest'
import { titleKey } from './titleKey'

it('folds case, white space, punctuation and Unicode form', () => {
  const key = titleKey('NanoFlow: Towards Optimal LLM Serving')
  expect(titleKey('  nanoflow —  towards optimal llm serving. ')).toBe(key)
  expect(titleKey('ＮａｎｏＦｌｏｗ: Towards Optimal LLM Serving')).toBe(key)
  expect(titleKey('Café')).toBe(titleKey('Cafe\u0301'))
  expect(titleKey('NanoFlow: Towards Optimal LLM Serving II')).not.toBe(key)
})
