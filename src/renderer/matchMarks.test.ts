import { expect, it } from 'vitest'
import { MATCH_END, MATCH_START } from '../shared/models'
import { matchedTerms, matchPieces } from './matchMarks'

const m = (word: string) => `${MATCH_START}${word}${MATCH_END}`

it('splits marked text into plain and matched pieces', () => {
  expect(matchPieces(`${m('Nano')}Flow serves ${m('LLMs')}.`)).toEqual([
    { text: 'Nano', matched: true },
    { text: 'Flow serves ', matched: false },
    { text: 'LLMs', matched: true },
    { text: '.', matched: false },
  ])
  expect(matchPieces('<b>plain</b>')).toEqual([{ text: '<b>plain</b>', matched: false }])
})

it('collects the matched words once, lower-cased', () => {
  expect(matchedTerms(`${m('Serving')} a`, null, `b ${m('serving')} ${m('GPU')}`)).toEqual([
    'serving',
    'gpu',
  ])
})
