import { z } from 'zod'
import {
  HIGHLIGHT_COLORS,
  PDF_ANNOTATION_TYPES,
  READING_STATUSES,
  SOURCE_KINDS,
  SUBSCRIPTION_KINDS,
} from '../../../shared/models'
import { ANNOTATION_LIMITS } from '../annotations/limits'
import { SORT_KEY } from '../annotations/sortKey'
import { annotationPositionSchema } from '../export/librarySnapshot'
import { SHA256 } from '../files/pdfStore'
import { DEVICE_ID, HLC } from './hlc'

/**
 * The operations devices exchange through the sync folder (docs/sync-format.md). Everything
 * read from the folder is untrusted: each line is checked against these schemas before anything
 * is applied, and a line that fails costs that line only.
 */
export const SYNC_FORMAT_VERSION = 1

export const SYNC_LIMITS = {
  /** A line longer than this is skipped unread (a picture of an area is at most 4 MiB). */
  lineBytes: 8 * 1024 * 1024,
  noteChars: 1_000_000,
  text: 200_000,
  shortText: 2_000,
  list: 10_000,
  /** Operations per segment file, and bytes: a pass writes more than one when it has more. */
  segmentOps: 5_000,
  segmentBytes: 4 * 1024 * 1024,
  /** A note keeps this many of its versions (bases of later three-way merges). */
  noteVersions: 20,
} as const

const text = z.string().max(SYNC_LIMITS.text)
const shortText = z.string().max(SYNC_LIMITS.shortText)
const time = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)
const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)
const hlc = z.string().regex(HLC)
const device = z.string().regex(DEVICE_ID)
/** A global id: of a change (`<device>:<seq>`), a note version or a record. */
const gid = z.string().regex(/^[a-z0-9]{16}:[a-z0-9]{1,40}$/)
const list = <T extends z.ZodType>(item: T) => z.array(item).max(SYNC_LIMITS.list)
/** What every operation carries: the global id of the change and its clock. */
const common = { id: gid, hlc }

/** The keys the importer dedupes by; both travel, so sources that know different ones meet. */
export const paperKeySchema = z.strictObject({
  arxivId: shortText.min(1).nullable(),
  titleKey: shortText.min(1),
})
export type PaperKey = z.infer<typeof paperKeySchema>

/** A paper as imports made it, with its appearances in digests and the files it came from. */
const paperOp = z.strictObject({
  kind: z.literal('paper'),
  ...common,
  paper: z.strictObject({
    arxivId: shortText.min(1).nullable(),
    title: text.min(1),
    abstract: text,
    links: list(shortText),
    submittedBy: shortText.nullable(),
    authorCount: count.nullable(),
    upvotes: count.nullable(),
    authors: list(shortText),
    categories: list(shortText),
    publishedAt: isoDate.nullable(),
    addedAt: time,
  }),
  appearances: list(
    z.strictObject({
      date: isoDate,
      position: count,
      sourceFile: shortText,
      contentHash: shortText.min(1),
      importedAt: time,
    }),
  ),
  sources: list(
    z.strictObject({
      fileName: shortText,
      contentHash: shortText.min(1),
      importedAt: time,
      source: z.enum(SOURCE_KINDS),
    }),
  ),
})

/** One change of a paper's status (the history is the union of all of them). */
const statusOp = z.strictObject({
  kind: z.literal('status'),
  ...common,
  paper: paperKeySchema,
  from: z.enum(READING_STATUSES),
  to: z.enum(READING_STATUSES),
  at: time,
})

/** A tag on or off a paper; an add and a remove meet by clock. */
const tagOp = z.strictObject({
  kind: z.literal('tag'),
  ...common,
  paper: paperKeySchema,
  name: shortText.min(1),
  present: z.boolean(),
})

/** A version of a paper's note, after the versions it was edited from ('' removes the note). */
const noteOp = z.strictObject({
  kind: z.literal('note'),
  ...common,
  paper: paperKeySchema,
  parents: z.array(gid).max(64),
  body: z.string().max(SYNC_LIMITS.noteChars),
})

/** The fields each kind of record may carry; an operation carries some or all of them. */
export const RECORD_FIELDS = {
  highlight: z
    .strictObject({
      quote: text.min(1),
      prefix: text,
      suffix: text,
      start: count,
      end: count,
      color: z.enum(HIGHLIGHT_COLORS),
      comment: text.nullable(),
      createdAt: time,
      updatedAt: time,
      deleted: z.boolean(),
    })
    .partial(),
  annotation: z
    .strictObject({
      sha256: z.string().regex(SHA256),
      type: z.enum(PDF_ANNOTATION_TYPES),
      color: z.enum(HIGHLIGHT_COLORS),
      comment: z.string().max(ANNOTATION_LIMITS.commentChars).nullable(),
      position: annotationPositionSchema,
      quote: z.string().max(ANNOTATION_LIMITS.quoteChars),
      prefix: z.string().max(ANNOTATION_LIMITS.contextChars),
      suffix: z.string().max(ANNOTATION_LIMITS.contextChars),
      sortKey: z.string().regex(SORT_KEY),
      createdAt: time,
      updatedAt: time,
      /** An area's picture, PNG in base64. */
      image: z
        .base64()
        .max(Math.ceil(ANNOTATION_LIMITS.imageBytes / 3) * 4)
        .nullable(),
      deleted: z.boolean(),
    })
    .partial(),
  savedSearch: z
    .strictObject({
      name: z.string().trim().min(1).max(100),
      query: shortText,
      createdAt: time,
      ruleTag: shortText.nullable(),
      ruleToRead: z.boolean(),
      ruleDownload: z.boolean(),
      deleted: z.boolean(),
    })
    .partial(),
  subscription: z
    .strictObject({
      kind: z.enum(SUBSCRIPTION_KINDS),
      query: shortText.nullable(),
      since: isoDate,
      createdAt: time,
      deleted: z.boolean(),
    })
    .partial(),
} as const
export type RecordType = keyof typeof RECORD_FIELDS
export const RECORD_TYPES = Object.keys(RECORD_FIELDS) as RecordType[]
export type RecordFields<T extends RecordType> = z.infer<(typeof RECORD_FIELDS)[T]>

/**
 * A record by its global id, field by field: each field's clock is `clocks[field]`, else the
 * operation's. Highlights and annotations belong to a paper; saved searches and subscriptions
 * to the library.
 */
const recordOp = z
  .strictObject({
    kind: z.literal('record'),
    ...common,
    type: z.enum(['highlight', 'annotation', 'savedSearch', 'subscription']),
    paper: paperKeySchema.nullable(),
    fields: z.record(z.string(), z.unknown()),
    clocks: z.record(z.string(), hlc).optional(),
  })
  .superRefine((op, context) => {
    const parsed = RECORD_FIELDS[op.type].safeParse(op.fields)
    if (!parsed.success) {
      context.addIssue({
        code: 'custom',
        path: ['fields'],
        message: parsed.error.issues[0]?.message ?? 'bad fields',
      })
    }
    const needsPaper = op.type === 'highlight' || op.type === 'annotation'
    if (needsPaper !== (op.paper !== null)) {
      context.addIssue({
        code: 'custom',
        path: ['paper'],
        message: `a ${op.type} ${needsPaper ? 'needs' : 'has no'} paper`,
      })
    }
  })

/** An attached PDF of a paper; its bytes are in `devices/<device>/files/<sha256>.pdf`. */
const fileOp = z.strictObject({
  kind: z.literal('file'),
  ...common,
  paper: paperKeySchema,
  sha256: z.string().regex(SHA256),
  size: count,
  name: shortText.min(1),
  /** False when the file was larger than the device's limit and was not copied. */
  copied: z.boolean(),
})

/** One operation as both segments and snapshots hold it. */
export const opBodySchema = z.discriminatedUnion('kind', [
  paperOp,
  statusOp,
  tagOp,
  noteOp,
  recordOp,
  fileOp,
])
export type OpBody = z.infer<typeof opBodySchema>
export type OpKind = OpBody['kind']
export type OpOf<K extends OpKind> = Extract<OpBody, { kind: K }>

/** A line of a segment: an operation with its device, its number in the device's log, and the format. */
export const opLineSchema = z.intersection(
  z.object({ v: z.literal(SYNC_FORMAT_VERSION), dev: device, seq: count.min(1) }),
  opBodySchema,
)
export type OpLine = z.infer<typeof opLineSchema>

/** The first line of a snapshot file: whose state, and how far it covers each device's log. */
export const snapshotHeaderSchema = z.strictObject({
  format: z.literal('margin-sync-snapshot'),
  v: z.literal(SYNC_FORMAT_VERSION),
  dev: device,
  covers: z.record(device, count),
  hlc: hlc.nullable(),
  createdAt: time,
})
export type SnapshotHeader = z.infer<typeof snapshotHeaderSchema>

/** The last line of a snapshot file: a snapshot without it has not fully arrived. */
export const snapshotEndSchema = z.strictObject({ end: z.literal(true), count })

/** `devices/<id>/device.json`: who the device is, and when it last synced. */
export const deviceFileSchema = z.strictObject({
  format: z.literal('margin-sync-device'),
  v: z.literal(SYNC_FORMAT_VERSION),
  id: device,
  name: shortText.min(1).max(100),
  createdAt: time,
  lastPassAt: time.nullable(),
  /** The device's last operation number, so readers know what to wait for. */
  lastSeq: count,
  hlc: hlc.nullable(),
})
export type DeviceFile = z.infer<typeof deviceFileSchema>

/** `devices/<id>/acks.json`: how far this device has applied each other device's log. */
export const acksFileSchema = z.strictObject({
  format: z.literal('margin-sync-acks'),
  v: z.literal(SYNC_FORMAT_VERSION),
  id: device,
  acks: z.record(device, count),
  at: time,
})
export type AcksFile = z.infer<typeof acksFileSchema>
