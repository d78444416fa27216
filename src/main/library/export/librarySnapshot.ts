import { z } from 'zod'
import { HIGHLIGHT_COLORS, READING_STATUSES, SOURCE_KINDS } from '../../../shared/models'

export const SNAPSHOT_FORMAT = 'margin-library'
export const SNAPSHOT_VERSION = 2

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
})

/**
 * Version 2 of the JSON export (version 1 files load too): everything a person made or
 * imported, with the library's own ids, times and positions, so loading it into an empty
 * library gives the same library. Values the library derives (a title's matching key) are left
 * out and derived again.
 */
export const librarySnapshotSchema = z
  .strictObject({
    format: z.literal(SNAPSHOT_FORMAT),
    version: z.union([z.literal(1), z.literal(SNAPSHOT_VERSION)]),
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
