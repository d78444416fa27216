import { describe, expect, it } from 'vitest'
import type { DetachedReason, Highlight, PdfAnnotation } from '../../../shared/models'
import { describeAnnotation, detachedReason, pagesLabel } from '../../annotationWords'
import { annotationGroups, itemKey } from './annotationGroups'

const highlight = (id: number, placed = true): Highlight => ({
  id,
  paperId: 1,
  quote: `abstract quote ${id}`,
  prefix: '',
  suffix: '',
  color: 'yellow',
  comment: null,
  createdAt: 0,
  updatedAt: 0,
  anchor: placed ? { start: id, end: id + 5 } : null,
})

const annotation = (
  id: number,
  pageIndex: number,
  detached: DetachedReason | null = null,
  type: PdfAnnotation['type'] = 'highlight',
): PdfAnnotation => ({
  id,
  paperId: 1,
  sha256: 'a'.repeat(64),
  type,
  color: 'green',
  comment: null,
  position: { pageIndex, rects: [[10, 10, 50, 20]] },
  quote: type === 'note' ? '' : `pdf quote ${id}`,
  prefix: '',
  suffix: '',
  sortKey: '',
  hasImage: false,
  createdAt: 0,
  updatedAt: 0,
  detached,
})

describe('annotationGroups', () => {
  it('puts the abstract first, then the PDF page by page, then the detached of both kinds', () => {
    const groups = annotationGroups({
      highlights: [highlight(2), highlight(1), highlight(3, false)],
      annotations: [
        annotation(7, 0),
        annotation(5, 2),
        annotation(6, 2),
        annotation(4, 3, 'earlier-version'),
      ],
    })
    expect(groups.map((g) => [g.title, g.items.map(itemKey)])).toEqual([
      ['Abstract', ['abstract-2', 'abstract-1']],
      ['Page 1', ['pdf-7']],
      ['Page 3', ['pdf-5', 'pdf-6']],
      ['Detached', ['abstract-3', 'pdf-4']],
    ])
  })

  it('has no groups for a paper without annotations', () => {
    expect(annotationGroups({ highlights: [], annotations: [] })).toEqual([])
  })
})

describe('annotation words', () => {
  it('says why each kind of detached annotation is not in place', () => {
    expect(detachedReason({ kind: 'abstract', highlight: highlight(1, false) })).toMatch(
      /no longer in the abstract/,
    )
    const reason = (why: DetachedReason) =>
      detachedReason({ kind: 'pdf', annotation: annotation(1, 4, why) })
    expect(reason('earlier-version')).toMatch(/page 5 of an earlier version/)
    expect(reason('file-removed')).toMatch(/page 5\) is not in the library; attach it again/)
    expect(reason('page-missing')).toMatch(/page 5 is past the end/)
    expect(detachedReason({ kind: 'pdf', annotation: annotation(1, 4) })).toBeNull()
  })

  it('names an annotation by its first words, or by its page when it quotes nothing', () => {
    const long = { ...annotation(1, 0), quote: 'word '.repeat(30) }
    expect(describeAnnotation({ kind: 'pdf', annotation: long })).toMatch(
      /^the highlight “word word .*…”$/,
    )
    expect(describeAnnotation({ kind: 'pdf', annotation: annotation(2, 6, null, 'note') })).toBe(
      'the note on p. 7',
    )
  })

  it('gives the pages of text that runs on to the next page', () => {
    const across = annotation(1, 2)
    across.position.nextPageRects = [[72, 700, 200, 712]]
    expect(pagesLabel(across)).toBe('p. 3–4')
    expect(pagesLabel(annotation(2, 2))).toBe('p. 3')
  })
})
