import { describe, expect, it } from 'vitest'
import { undoRequest } from './annotationUndo'
import type { Highlight, PdfAnnotation } from './models'

const highlight: Highlight = {
  id: 4,
  paperId: 1,
  quote: 'cuts memory',
  prefix: '',
  suffix: '',
  color: 'green',
  comment: null,
  createdAt: 1,
  updatedAt: 2,
  anchor: { start: 0, end: 11 },
}
const annotation: PdfAnnotation = {
  id: 9,
  paperId: 1,
  sha256: 'a'.repeat(64),
  type: 'area',
  color: 'blue',
  comment: 'figure 2',
  position: { pageIndex: 1, rects: [[1, 1, 2, 2]] },
  quote: '',
  prefix: '',
  suffix: '',
  sortKey: '00001|000000|99998',
  hasImage: true,
  createdAt: 1,
  updatedAt: 2,
  detached: null,
}
const image = Uint8Array.from([0x89, 0x50])

describe('undoRequest', () => {
  it('deletes what was created', () => {
    expect(undoRequest({ verb: 'create', after: { kind: 'abstract', highlight } })).toEqual({
      channel: 'highlights:delete',
      request: { id: 4 },
    })
    expect(undoRequest({ verb: 'create', after: { kind: 'pdf', annotation } })).toEqual({
      channel: 'annotations:delete',
      request: { id: 9 },
    })
  })

  it('sets an edit back to the colour and comment before it, a missing comment as none', () => {
    expect(undoRequest({ verb: 'update', before: { kind: 'abstract', highlight } })).toEqual({
      channel: 'highlights:update',
      request: { id: 4, color: 'green', comment: null },
    })
    expect(undoRequest({ verb: 'update', before: { kind: 'pdf', annotation } })).toEqual({
      channel: 'annotations:update',
      request: { id: 9, color: 'blue', comment: 'figure 2' },
    })
  })

  it('restores what was deleted, as it was, with its picture', () => {
    expect(undoRequest({ verb: 'delete', before: { kind: 'abstract', highlight } })).toEqual({
      channel: 'highlights:restore',
      request: { highlight },
    })
    expect(undoRequest({ verb: 'delete', before: { kind: 'pdf', annotation, image } })).toEqual({
      channel: 'annotations:restore',
      request: { annotation, image },
    })
    expect(undoRequest({ verb: 'delete', before: { kind: 'pdf', annotation } })).toEqual({
      channel: 'annotations:restore',
      request: { annotation },
    })
  })
})
