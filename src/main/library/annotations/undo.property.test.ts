import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { undoRequest, type AnnotationAction } from '../../../shared/annotationUndo'
import {
  HIGHLIGHT_COLORS,
  PDF_ANNOTATION_TYPES,
  type Highlight,
  type PaperDetail,
  type PdfAnnotation,
} from '../../../shared/models'
import { createApi } from '../../api'
import type { Library } from '../library'
import { libraryWithPdf, newAnnotation, PNG_BYTES } from '../testing/annotatedPaper'
import { useTempDir } from '../testing/tempDirs'

const tempDir = useTempDir()
const ABSTRACT = 'Sparse attention cuts memory. Dense attention keeps accuracy. We compare both.'
const QUOTES = ['Sparse', 'attention cuts', 'memory', 'Dense attention', 'We compare both']

const color = fc.constantFrom(...HIGHLIGHT_COLORS)
const comment = fc.option(fc.constantFrom('', '  ', 'why?', 'see §2', '<b>not html</b>'), {
  nil: undefined,
})
const createAbstract = fc.record({
  op: fc.constant('abstract' as const),
  quote: fc.constantFrom(...QUOTES),
  color,
  comment,
})
const createPdf = fc.record({
  op: fc.constant('pdf' as const),
  type: fc.constantFrom(...PDF_ANNOTATION_TYPES),
  page: fc.integer({ min: 0, max: 2 }),
  top: fc.integer({ min: 20, max: 780 }),
  offset: fc.integer({ min: 0, max: 60 }),
  color,
  comment,
})
const op = fc.oneof(
  createAbstract,
  { arbitrary: createPdf, weight: 2 },
  fc.record({
    op: fc.constant('update' as const),
    pick: fc.nat(),
    color: fc.option(color, { nil: undefined }),
    comment: fc.option(fc.constantFrom(null, '', 'changed', 'again'), { nil: undefined }),
  }),
  { arbitrary: fc.record({ op: fc.constant('delete' as const), pick: fc.nat() }), weight: 2 },
  { arbitrary: fc.constant({ op: 'undo' as const }), weight: 3 },
)
/** A few annotations to start from, then changes and undos of them. */
const ops = fc
  .tuple(
    fc.array(fc.oneof(createAbstract, createPdf), { minLength: 1, maxLength: 4 }),
    fc.array(op, { minLength: 4, maxLength: 40 }),
  )
  .map(([first, then]) => [...first, ...then])

/** What the list shows of each annotation, by id; `updatedAt` moves when an edit is undone. */
interface Model {
  highlights: Map<number, Omit<Highlight, 'updatedAt'>>
  annotations: Map<number, Omit<PdfAnnotation, 'updatedAt'>>
}

const withoutUpdatedAt = <T extends { updatedAt: number }>({ updatedAt, ...rest }: T) => {
  void updatedAt
  return rest
}
const modelOf = (paper: PaperDetail): Model => ({
  highlights: new Map(paper.highlights.map((h) => [h.id, withoutUpdatedAt(h)])),
  annotations: new Map(paper.annotations.map((a) => [a.id, withoutUpdatedAt(a)])),
})
const copy = (model: Model): Model => ({
  highlights: new Map(model.highlights),
  annotations: new Map(model.annotations),
})
const commentOrNull = (text: string | null | undefined) => (text?.trim() ? text : null)

describe('undo of annotation changes', () => {
  it('any sequence of create, edit, delete and undo leaves the list equal to a model', async () => {
    await fc.assert(
      fc.asyncProperty(ops, async (steps) => {
        let clock = Date.UTC(2026, 10, 30, 12)
        const { library, sha256 } = await libraryWithPdf(tempDir(), { now: () => ++clock })
        try {
          await run(library, sha256, steps)
        } finally {
          library.close()
        }
      }),
      { numRuns: 30 },
    )
  }, 120_000)
})

async function run(library: Library, sha256: string, ops: readonly OpOf[]) {
  const api = createApi(library, {
    emit: () => {},
    openExternal: async () => {},
    flushed: () => {},
  })
  let model = modelOf(library.getPaper(1))
  const done: Array<{ action: AnnotationAction; before: Model }> = []

  for (const step of ops) {
    const before = copy(model)
    const existing = [
      ...[...model.highlights.keys()].map((id) => ({ kind: 'abstract' as const, id })),
      ...[...model.annotations.keys()].map((id) => ({ kind: 'pdf' as const, id })),
    ]
    const current = library.getPaper(1)
    switch (step.op) {
      case 'abstract': {
        const start = ABSTRACT.indexOf(step.quote)
        const paper = library.createHighlight({
          paperId: 1,
          start,
          end: start + step.quote.length,
          color: step.color,
          ...(step.comment !== undefined && { comment: step.comment }),
        })
        const made = paper.highlights.find((h) => !model.highlights.has(h.id))!
        expect(made).toMatchObject({ quote: step.quote, color: step.color })
        expect(made.comment).toBe(commentOrNull(step.comment))
        model.highlights.set(made.id, withoutUpdatedAt(made))
        done.push({
          action: { verb: 'create', after: { kind: 'abstract', highlight: made } },
          before,
        })
        break
      }
      case 'pdf': {
        const textual = step.type === 'highlight' || step.type === 'underline'
        const paper = library.annotations.create(
          newAnnotation(sha256, {
            type: step.type,
            quote: textual ? 'Version 1' : '',
            position: { pageIndex: step.page, rects: [[72, step.top - 12, 300, step.top]] },
            offset: step.offset,
            color: step.color,
            ...(step.comment !== undefined && { comment: step.comment }),
            ...(step.type === 'area' && { image: PNG_BYTES }),
          }),
        )
        const made = paper.annotations.find((a) => !model.annotations.has(a.id))!
        expect(made).toMatchObject({ type: step.type, color: step.color, detached: null })
        expect(made.comment).toBe(commentOrNull(step.comment))
        model.annotations.set(made.id, withoutUpdatedAt(made))
        done.push({ action: { verb: 'create', after: { kind: 'pdf', annotation: made } }, before })
        break
      }
      case 'update': {
        const target = existing[step.pick % Math.max(1, existing.length)]
        if (!target || (step.color === undefined && step.comment === undefined)) continue
        const change = {
          ...(step.color !== undefined && { color: step.color }),
          ...(step.comment !== undefined && { comment: step.comment }),
        }
        const apply = <T extends { color: string; comment: string | null }>(record: T): T => ({
          ...record,
          color: step.color ?? record.color,
          comment: step.comment === undefined ? record.comment : commentOrNull(step.comment),
        })
        if (target.kind === 'abstract') {
          const highlight = current.highlights.find((h) => h.id === target.id)!
          library.updateHighlight(target.id, change)
          model.highlights.set(target.id, apply(model.highlights.get(target.id)!))
          done.push({ action: { verb: 'update', before: { kind: 'abstract', highlight } }, before })
        } else {
          const annotation = current.annotations.find((a) => a.id === target.id)!
          library.annotations.update(target.id, change)
          model.annotations.set(target.id, apply(model.annotations.get(target.id)!))
          done.push({ action: { verb: 'update', before: { kind: 'pdf', annotation } }, before })
        }
        break
      }
      case 'delete': {
        const target = existing[step.pick % Math.max(1, existing.length)]
        if (!target) continue
        if (target.kind === 'abstract') {
          const highlight = current.highlights.find((h) => h.id === target.id)!
          library.deleteHighlight(target.id)
          model.highlights.delete(target.id)
          done.push({ action: { verb: 'delete', before: { kind: 'abstract', highlight } }, before })
        } else {
          const annotation = current.annotations.find((a) => a.id === target.id)!
          const image = library.annotations.image(target.id) ?? undefined
          library.annotations.delete(target.id)
          model.annotations.delete(target.id)
          const record = { kind: 'pdf' as const, annotation, ...(image && { image }) }
          done.push({ action: { verb: 'delete', before: record }, before })
        }
        break
      }
      case 'undo': {
        const last = done.pop()
        if (!last) continue
        const { channel, request } = undoRequest(last.action)
        await (api[channel] as (request: unknown) => unknown)(request)
        model = last.before
        break
      }
    }
    expectEqual(library.getPaper(1), model)
  }
}

type OpOf = typeof op extends fc.Arbitrary<infer T> ? T : never

/** The paper's lists hold what the model holds, in reading order. */
function expectEqual(paper: PaperDetail, model: Model) {
  const byId = <T extends { id: number }>(list: Iterable<T>) =>
    [...list].sort((a, b) => a.id - b.id)
  expect(byId(paper.highlights.map(withoutUpdatedAt))).toEqual(byId(model.highlights.values()))
  expect(byId(paper.annotations.map(withoutUpdatedAt))).toEqual(byId(model.annotations.values()))
  const keys = paper.annotations.map((a) => a.sortKey)
  expect(keys).toEqual([...keys].sort())
}
