import { z } from 'zod'
import {
  HIGHLIGHT_COLORS,
  PDF_ANNOTATION_TYPES,
  READING_STATUSES,
  SOURCE_KINDS,
} from '../../../shared/models'
import { ANNOTATION_LIMITS } from '../annotations/limits'
import { SORT_KEY } from '../annotations/sortKey'
import { SHA256 } from '../files/pdfStore'

export const SNAPSHOT_FORMAT = 'margin-library'
export const SNAPSHOT_VERSION = 3

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER)
const time = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)
const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)
const text = z.string()
const status = z.enum(READING_STATUSES)
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is written YYYY-MM-DD')

const highlight = z
  .strictObject({
    id,
    quote: text.min(1),
    prefix: text,
    suffix: text,
    /** Where the quote stood in the abstract when it was made; reading places it again. */
    start: count,
    end: count,
    color: z.enum(HIGHLIGHT_COLORS),
    comment: text.nullable(),
    createdAt: time,
    updatedAt: time,
  })
  .refine((h) => h.end > h.start, { path: ['end'], message: 'a highlight ends after it starts' })

const coordinate = z.number().min(-ANNOTATION_LIMITS.coordinate).max(ANNOTATION_LIMITS.coordinate)
const rects = z
  .array(z.tuple([coordinate, coordinate, coordinate, coordinate]))
  .min(1)
  .max(ANNOTATION_LIMITS.rects)

/** Where an annotation stands on its page(s), in PDF coordinates (the sync format's too). */
export const annotationPositionSchema = z.strictObject({
  pageIndex: count.max(ANNOTATION_LIMITS.pageIndex),
  rects,
  nextPageRects: rects.optional(),
})

const pdfAnnotation = z
  .strictObject({
    id,
    /** The PDF it is placed on; the export does not hold the PDFs themselves. */
    sha256: z.string().regex(SHA256, 'a SHA-256 is 64 lowercase hex digits'),
    type: z.enum(PDF_ANNOTATION_TYPES),
    color: z.enum(HIGHLIGHT_COLORS),
    comment: text.max(ANNOTATION_LIMITS.commentChars).nullable(),
    position: annotationPositionSchema,
    quote: text.max(ANNOTATION_LIMITS.quoteChars),
    prefix: text.max(ANNOTATION_LIMITS.contextChars),
    suffix: text.max(ANNOTATION_LIMITS.contextChars),
    sortKey: z.string().regex(SORT_KEY, 'a sort key is written 00000|000000|00000'),
    createdAt: time,
    updatedAt: time,
    /** An area's picture, PNG in base64. */
    image: z
      .base64()
      .max(Math.ceil(ANNOTATION_LIMITS.imageBytes / 3) * 4)
      .nullable(),
  })
  .refine((a) => a.type === 'note' || a.type === 'area' || a.quote !== '', {
    path: ['quote'],
    message: 'a highlight or underline quotes text',
  })

const paper = z.strictObject({
  id,
  title: text.min(1),
  abstract: text,
  arxivId: text.min(1).nullable(),
  links: z.array(text),
  submittedBy: text.nullable(),
  authorCount: count.nullable(),
  upvotes: count.nullable(),
  // Version 2 added what richer sources tell; a version 1 file has none of it.
  authors: z.array(text).default([]),
  categories: z.array(text).default([]),
  publishedAt: isoDate.nullable().default(null),
  /** Ids of the imported files the paper came from (provenance). */
  sources: z.array(id).default([]),
  status,
  addedAt: time,
  /** Tag names; the tag list at the top gives their ids. */
  tags: z.array(text),
  note: z.strictObject({ body: text, updatedAt: time }).nullable(),
  statusHistory: z.array(z.strictObject({ id, from: status, to: status, at: time })),
  highlights: z.array(highlight),
  // Version 3 added annotations on the pages of PDFs.
  pdfAnnotations: z.array(pdfAnnotation).default([]),
})

/**
 * Version 3 of the JSON export (versions 1 and 2 load too): everything a person made or
 * imported, with the library's own ids, times and positions, so loading it into an empty
 * library gives the same library. Values the library derives (a title's matching key) are left
 * out and derived again. PDFs are not in it: their annotations come back detached ('file
 * removed') and are placed again when the same PDF is attached.
 */
export const librarySnapshotSchema = z
  .strictObject({
    format: z.literal(SNAPSHOT_FORMAT),
    version: z.union([z.literal(1), z.literal(2), z.literal(SNAPSHOT_VERSION)]),
    importFiles: z.array(
      z.strictObject({
        id,
        fileName: text,
        contentHash: text.min(1),
        importedAt: time,
        source: z.enum(SOURCE_KINDS).default('text-digest'),
      }),
    ),
    digests: z.array(
      z.strictObject({
        id,
        date: isoDate,
        sourceFile: text,
        contentHash: text.min(1),
        importedAt: time,
        /** The digest's papers in its own order. */
        papers: z.array(z.strictObject({ paperId: id, position: count })),
      }),
    ),
    tags: z.array(z.strictObject({ id, name: text.min(1) })),
    papers: z.array(paper),
  })
  .superRefine((snapshot, context) => {
    /** A reference to something the file must also hold. */
    const refersTo = <T>(
      known: ReadonlySet<T>,
      value: T,
      path: Array<string | number>,
      message: string,
    ) => {
      if (!known.has(value)) context.addIssue({ code: 'custom', path, message })
    }
    const paperIds = new Set(snapshot.papers.map((p) => p.id))
    const fileIds = new Set(snapshot.importFiles.map((f) => f.id))
    const tagNames = new Set(snapshot.tags.map((t) => t.name))
    snapshot.papers.forEach((p, i) =>
      p.sources.forEach((fileId, s) =>
        refersTo(
          fileIds,
          fileId,
          ['papers', i, 'sources', s],
          `names imported file ${fileId}, which is not in the file`,
        ),
      ),
    )
    snapshot.digests.forEach((digest, d) =>
      digest.papers.forEach(({ paperId }, i) =>
        refersTo(
          paperIds,
          paperId,
          ['digests', d, 'papers', i, 'paperId'],
          `names paper ${paperId}, which is not in the file`,
        ),
      ),
    )
    snapshot.papers.forEach((p, i) =>
      p.tags.forEach((name, t) =>
        refersTo(
          tagNames,
          name,
          ['papers', i, 'tags', t],
          `the tag "${name}" is not in the tag list`,
        ),
      ),
    )
  })

export type LibrarySnapshot = z.infer<typeof librarySnapshotSchema>
export type SnapshotPaper = LibrarySnapshot['papers'][number]
