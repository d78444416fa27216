import { describe, expect, it } from 'vitest'
import { createVocabulary, swaps, typoDistance, type IndexedTerm } from './vocabulary'

/** A ready vocabulary of these terms (term → papers holding it). */
async function vocabularyOf(counts: Record<string, number>) {
  const all: IndexedTerm[] = Object.entries(counts)
    .map(([term, doc]) => ({ term, doc }))
    .sort((a, b) => (a.term < b.term ? -1 : 1))
  const vocabulary = createVocabulary((after, limit) =>
    all.filter(({ term }) => term > after).slice(0, limit),
  )
  await vocabulary.refresh()
  return vocabulary
}

describe('typoDistance', () => {
  it('counts a swap of neighbouring letters as one edit', () => {
    expect(typoDistance('modle', 'model')).toBe(1)
    expect(typoDistance('trasnformer', 'transformer')).toBe(1)
    expect(typoDistance('grpah', 'graph')).toBe(1)
  })

  it('counts insertions, deletions and replacements as one edit each', () => {
    expect(typoDistance('modl', 'model')).toBe(1)
    expect(typoDistance('modeel', 'model')).toBe(1)
    expect(typoDistance('modal', 'model')).toBe(1)
    expect(typoDistance('model', 'model')).toBe(0)
    expect(typoDistance('', 'model')).toBe(5)
    // A swap and a missing letter.
    expect(typoDistance('trasnformr', 'transformer')).toBe(2)
    expect(typoDistance('kitten', 'sitting')).toBe(3)
  })

  it('swaps only neighbours', () => {
    expect(swaps('model')).toEqual(['omdel', 'mdoel', 'moedl', 'modle'])
    expect(swaps('seed')).toEqual(['esed', 'sede'])
  })
})

describe('vocabulary.similar', () => {
  const counts = {
    model: 40,
    models: 30,
    mode: 5,
    transformer: 20,
    transformers: 8,
    graph: 12,
    attention: 25,
    diffusion: 9,
    robotics: 4,
  }

  it('finds model from "modle": a swap is one edit, also in words shorter than 8 letters', async () => {
    const vocabulary = await vocabularyOf(counts)
    expect(vocabulary.similar('modle')).toContain('model')
    expect(vocabulary.similar('grpah')).toEqual(['graph'])
  })

  it('finds transformer from "trasnformer", and with one more edit besides the swap', async () => {
    const vocabulary = await vocabularyOf(counts)
    expect(vocabulary.similar('trasnformr')).toEqual(['transformer'])
    expect(vocabulary.similar('atetntion')).toEqual(['attention'])
    // Two swaps.
    expect(vocabulary.similar('tarnsfromer')).toEqual(['transformer'])
  })

  it('gives an exact match alone: no typo alternative outranks it, however common', async () => {
    const vocabulary = await vocabularyOf({ ...counts, modle: 1 })
    expect(vocabulary.similar('modle')).toEqual(['modle'])
    expect(vocabulary.similar('model')).toEqual(['model'])
  })

  it('gives the closest alternatives only, commonest first', async () => {
    const vocabulary = await vocabularyOf(counts)
    // "model" and "mode" are one edit from "modle", "models" two.
    expect(vocabulary.similar('modle')).toEqual(['model', 'mode'])
    // "transformers" is two edits from both.
    expect(vocabulary.similar('transformr')).toEqual(['transformer'])
    expect(vocabulary.similar('trasnformer')).toEqual(['transformer'])
  })

  it('finds nothing for words no typo away from the vocabulary', async () => {
    const vocabulary = await vocabularyOf(counts)
    expect(vocabulary.similar('quokka')).toEqual([])
    expect(vocabulary.similar('pruning')).toEqual([])
    // Two swaps in a short word are two edits: one is all it may have.
    expect(vocabulary.similar('omdle')).toEqual([])
    // A swap of letters that are not neighbours is two edits.
    expect(vocabulary.similar('gparh')).toEqual([])
  })

  it('leaves words shorter than four letters alone', async () => {
    const vocabulary = await vocabularyOf({ ...counts, the: 100, for: 90 })
    expect(vocabulary.similar('teh')).toEqual([])
    expect(vocabulary.similar('fro')).toEqual([])
  })

  it('knows no terms until it is ready', () => {
    const vocabulary = createVocabulary(() => [{ term: 'model', doc: 1 }])
    expect(vocabulary.similar('modle')).toEqual([])
  })
})

describe('vocabulary.completions', () => {
  it('lists every term a prefix begins, with its papers', async () => {
    const vocabulary = await vocabularyOf({ model: 9, modal: 2, mode: 4, graph: 7 })
    expect(vocabulary.completions('mod')?.sort((a, b) => (a.term < b.term ? -1 : 1))).toEqual([
      { term: 'modal', doc: 2 },
      { term: 'mode', doc: 4 },
      { term: 'model', doc: 9 },
    ])
    expect(vocabulary.completions('x')).toEqual([])
  })

  it('keeps the commonest 200 of a prefix that begins more, so a short prefix stays one OR', async () => {
    const counts: Record<string, number> = { the: 5000, that: 3000, this: 2500 }
    for (let i = 0; i < 400; i++) counts[`th${i.toString(36).padStart(3, 'q')}`] = 1 + (i % 7)
    const vocabulary = await vocabularyOf(counts)
    const found = vocabulary.completions('th')!
    expect(found).toHaveLength(200)
    expect(found.slice(0, 3)).toEqual([
      { term: 'the', doc: 5000 },
      { term: 'that', doc: 3000 },
      { term: 'this', doc: 2500 },
    ])
    // None left out holds more papers than one kept.
    const kept = new Set(found.map((c) => c.term))
    const leftOut = Object.entries(counts).filter(([term]) => !kept.has(term))
    expect(leftOut).toHaveLength(403 - 200)
    expect(Math.max(...leftOut.map(([, doc]) => doc))).toBeLessThanOrEqual(
      Math.min(...found.map((c) => c.doc)),
    )
  })
})
