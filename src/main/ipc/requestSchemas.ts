import { z } from 'zod'
import type { Channel, PaperView, RequestOf } from '../../shared/ipc'
import {
  HIGHLIGHT_COLORS,
  LIST_SORTS,
  PDF_ANNOTATION_TYPES,
  READING_STATUSES,
  SUBSCRIPTION_KINDS,
  type PdfPosition,
} from '../../shared/models'
import { ANNOTATION_LIMITS } from '../library/annotations/limits'
import { SORT_KEY } from '../library/annotations/sortKey'
import { MAX_QUERY_LENGTH } from '../library/subscriptions/subscriptionQuery'
import {
  MAX_INTERVAL_HOURS,
  MIN_INTERVAL_HOURS,
} from '../library/subscriptions/subscriptionsLibrary'

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER)
const status = z.enum(READING_STATUSES)
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is written YYYY-MM-DD')
const tag = z.string().min(1).max(200)
const tags = z.array(tag).min(1).max(100)
const empty = z.object({}).strict()
const MAX_NOTE_CHARS = 1_000_000
const position = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)
const color = z.enum(HIGHLIGHT_COLORS)
const comment = z.string().max(10_000)
const searchQuery = z.string().max(1000)
/** Summaries one request may ask for: a few screens of rows. */
const MAX_SUMMARIES = 500

const view: z.ZodType<PaperView> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('inbox') }).strict(),
  z.object({ kind: z.literal('all') }).strict(),
  z.object({ kind: z.literal('digest'), date: isoDate }).strict(),
  z.object({ kind: z.literal('status'), status }).strict(),
  z.object({ kind: z.literal('tag'), tag }).strict(),
])

const fileUpload = z
  .object({ name: z.string().min(1).max(1000), data: z.instanceof(Uint8Array) })
  .strict()
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a file is named by its SHA-256 in hex')
const zoom = z.union([z.enum(['fit-width', 'fit-page']), z.number().min(0.1).max(10)])
const time = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)
const coordinate = z.number().min(-ANNOTATION_LIMITS.coordinate).max(ANNOTATION_LIMITS.coordinate)
const rects = z
  .array(z.tuple([coordinate, coordinate, coordinate, coordinate]))
  .min(1)
  .max(ANNOTATION_LIMITS.rects)
const pdfPosition: z.ZodType<PdfPosition> = z
  .object({
    pageIndex: z.number().int().min(0).max(ANNOTATION_LIMITS.pageIndex),
    rects,
    nextPageRects: rects.optional(),
  })
  .strict()
const quote = z.string().max(ANNOTATION_LIMITS.quoteChars)
const context = z.string().max(ANNOTATION_LIMITS.contextChars)
const annotationComment = z.string().max(ANNOTATION_LIMITS.commentChars)
const png = z
  .instanceof(Uint8Array)
  .refine((bytes) => bytes.length <= ANNOTATION_LIMITS.imageBytes, 'a picture is at most 4 MB')
const annotationFields = {
  paperId: id,
  sha256,
  type: z.enum(PDF_ANNOTATION_TYPES),
  color,
  position: pdfPosition,
  quote,
  prefix: context,
  suffix: context,
}

/** A sync folder's path, as typed or picked, kept as given (the library says when it is unusable). */
const syncFolder = z
  .string()
  .max(4096, 'a folder path is at most 4096 characters')
  .refine((path) => path.trim() !== '', 'choose the sync folder')
  .refine((path) => !path.includes('\0'), 'a folder path cannot hold a NUL character')
const deviceName = z
  .string()
  .trim()
  .min(1, 'give this device a name')
  .max(100, 'a device name is at most 100 characters')
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), 'a device name is one line of text')
const MIB = 1024 * 1024

/** Papers one request may queue: a whole library. */
const MAX_QUEUED = 200_000

const digestFiles = z
  .object({
    files: z.array(fileUpload).min(1).max(10_000),
  })
  .strict()

const searchRule = z
  .object({ tag: tag.nullable(), toRead: z.boolean(), downloadPdf: z.boolean() })
  .strict()
/** Papers one fetch's rules may have acted on: a whole library. */
const ruleEffects = z
  .object({
    previous: z.array(z.object({ id, status }).strict()).max(MAX_QUEUED),
    tagged: z.array(z.object({ id, tag }).strict()).max(MAX_QUEUED),
    queued: z.array(id).max(MAX_QUEUED),
  })
  .strict()

/** The run-time shape of every request; typed against the contract so the two cannot drift. */
export const REQUEST_SCHEMAS: { [C in Channel]: z.ZodType<RequestOf<C>> } = {
  'papers:list': z
    .object({ view, text: searchQuery.optional(), sort: z.enum(LIST_SORTS).optional() })
    .strict(),
  'papers:summaries': z
    .object({ view, text: searchQuery.optional(), ids: z.array(id).max(MAX_SUMMARIES) })
    .strict(),
  'papers:related': z.object({ id }).strict(),
  'searches:list': empty,
  'searches:save': z
    .object({ name: z.string().trim().min(1).max(100), query: searchQuery })
    .strict(),
  'searches:delete': z.object({ id }).strict(),
  'searches:setRule': z.object({ id, rule: searchRule.nullable() }).strict(),
  'rules:undo': z.object({ effects: ruleEffects }).strict(),
  'papers:get': z.object({ id }).strict(),
  'papers:setStatuses': z
    .object({ changes: z.array(z.object({ id, status }).strict()).min(1).max(100_000) })
    .strict(),
  'highlights:create': z
    .object({ paperId: id, start: position, end: position, color, comment: comment.optional() })
    .strict(),
  'highlights:update': z
    .object({ id, color: color.optional(), comment: comment.nullable().optional() })
    .strict()
    .refine((change) => change.color !== undefined || change.comment !== undefined, {
      message: 'give a colour or a comment to change',
    }),
  'highlights:delete': z.object({ id }).strict(),
  'highlights:restore': z
    .object({
      highlight: z
        .object({
          id,
          paperId: id,
          quote: quote.min(1),
          prefix: context,
          suffix: context,
          color,
          comment: comment.nullable(),
          createdAt: time,
          updatedAt: time,
          anchor: z.object({ start: position, end: position }).strict().nullable(),
        })
        .strict(),
    })
    .strict(),
  'annotations:create': z
    .object({
      ...annotationFields,
      comment: annotationComment.optional(),
      offset: z.number().int().min(0).max(ANNOTATION_LIMITS.offset),
      image: png.optional(),
    })
    .strict(),
  'annotations:update': z
    .object({ id, color: color.optional(), comment: annotationComment.nullable().optional() })
    .strict()
    .refine((change) => change.color !== undefined || change.comment !== undefined, {
      message: 'give a colour or a comment to change',
    }),
  'annotations:delete': z.object({ id }).strict(),
  'annotations:restore': z
    .object({
      annotation: z
        .object({
          ...annotationFields,
          id,
          comment: annotationComment.nullable(),
          sortKey: z.string().regex(SORT_KEY, 'a sort key is page|offset|top'),
          hasImage: z.boolean(),
          createdAt: time,
          updatedAt: time,
          detached: z.enum(['earlier-version', 'file-removed', 'page-missing']).nullable(),
        })
        .strict(),
      image: png.optional(),
    })
    .strict(),
  'annotations:image': z.object({ id }).strict(),
  'annotations:exportPdf': z.object({ paperId: id }).strict(),
  'notes:save': z.object({ id, body: z.string().max(MAX_NOTE_CHARS) }).strict(),
  'tags:add': z.object({ id, tags }).strict(),
  'tags:remove': z.object({ id, tags }).strict(),
  'tags:list': empty,
  'tags:rename': z.object({ from: tag, to: tag }).strict(),
  'tags:delete': z.object({ name: tag }).strict(),
  'stats:get': z.object({ utcOffsetMinutes: z.number().int().min(-840).max(840) }).strict(),
  'digests:list': empty,
  'digests:import': digestFiles,
  'digests:preview': digestFiles,
  'files:attach': z.object({ paperId: id, file: fileUpload }).strict(),
  'files:match': z.object({ file: fileUpload }).strict(),
  'files:remove': z.object({ paperId: id, sha256 }).strict(),
  'files:usage': empty,
  'reader:savePosition': z
    .object({
      paperId: id,
      page: z.number().int().min(1).max(1_000_000),
      offset: z.number().min(0).max(1),
      pageCount: z.number().int().min(1).max(1_000_000),
      zoom,
    })
    .strict(),
  'downloads:enqueue': z.object({ ids: z.array(id).min(1).max(MAX_QUEUED) }).strict(),
  'downloads:status': empty,
  'downloads:pause': z.object({ paused: z.boolean() }).strict(),
  'downloads:cancel': empty,
  'subscriptions:status': empty,
  'subscriptions:add': z
    .object({
      kind: z.enum(SUBSCRIPTION_KINDS),
      // The library refuses what arXiv would not read, with the reason.
      query: z
        .string()
        .max(MAX_QUERY_LENGTH * 2)
        .optional(),
      since: isoDate.optional(),
    })
    .strict(),
  'subscriptions:remove': z.object({ id }).strict(),
  'subscriptions:setInterval': z
    .object({ hours: z.number().int().min(MIN_INTERVAL_HOURS).max(MAX_INTERVAL_HOURS) })
    .strict(),
  'subscriptions:fetchNow': z.object({ ids: z.array(id).min(1).max(10_000).optional() }).strict(),
  'sync:status': empty,
  'sync:setup': z.object({ folder: syncFolder, deviceName }).strict(),
  'sync:rename': z.object({ deviceName }).strict(),
  'sync:stop': empty,
  'sync:now': empty,
  'sync:setFileSizeLimit': z
    .object({
      bytes: z
        .number()
        .int()
        .min(MIB, 'the size limit is at least 1 MB')
        .max(2 * 1024 * MIB, 'the size limit is at most 2 GB'),
    })
    .strict(),
  'sync:chooseFolder': empty,
  'sync:conflicts': empty,
  'sync:resolveConflict': z.object({ paperId: id, body: z.string().max(MAX_NOTE_CHARS) }).strict(),
  'library:counts': empty,
  'library:warnings': empty,
  'library:update': empty,
  'app:openExternal': z.object({ url: z.string().max(10_000) }).strict(),
  'app:flushed': z.object({ requestId: z.number().int().nonnegative() }).strict(),
}
