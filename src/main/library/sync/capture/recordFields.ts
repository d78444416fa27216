import type { PdfAnnotationRow } from '../../annotations/annotations.repo'
import type { Db } from '../../db/openLibrary'
import type { HighlightRow } from '../../repos/highlights.repo'
import type { SavedSearchRow } from '../../repos/savedSearches.repo'
import type { SubscriptionRow } from '../../subscriptions/subscriptions.repo'
import type { RecordFields, RecordType } from '../ops'

/** The letter of each record type in the global ids adoption gives (`<device>:r<letter><id>`). */
export const RECORD_LETTER: Record<RecordType, string> = {
  highlight: 'h',
  annotation: 'a',
  savedSearch: 's',
  subscription: 'u',
}

/** A record as its domain row says it now: every field (not deleted), and its paper if it has one. */
export interface LocalRecord {
  localId: number
  paperId: number | null
  fields: Record<string, unknown>
}

/** The annotation columns read here: not page_index nor has_image, but the picture itself. */
type AnnotationColumns = Omit<PdfAnnotationRow, 'page_index' | 'has_image'> & {
  png: Buffer | null
}

type SubscriptionColumns = Pick<SubscriptionRow, 'id' | 'kind' | 'query' | 'since' | 'created_at'>

// Each record's fields in the order RECORD_FIELDS names them, `deleted` last.
const highlight = (row: HighlightRow): LocalRecord => ({
  localId: row.id,
  paperId: row.paper_id,
  fields: {
    quote: row.quote,
    prefix: row.prefix,
    suffix: row.suffix,
    start: row.start_offset,
    end: row.end_offset,
    color: row.color,
    comment: row.comment,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deleted: false,
  } satisfies RecordFields<'highlight'>,
})

const annotation = (row: AnnotationColumns): LocalRecord => ({
  localId: row.id,
  paperId: row.paper_id,
  fields: {
    sha256: row.sha256,
    type: row.type,
    color: row.color,
    comment: row.comment,
    position: JSON.parse(row.position) as RecordFields<'annotation'>['position'],
    quote: row.quote,
    prefix: row.prefix,
    suffix: row.suffix,
    sortKey: row.sort_key,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    image: row.png ? Buffer.from(row.png).toString('base64') : null,
    deleted: false,
  } satisfies RecordFields<'annotation'>,
})

const savedSearch = (row: SavedSearchRow): LocalRecord => ({
  localId: row.id,
  paperId: null,
  fields: {
    name: row.name,
    query: row.query,
    createdAt: row.created_at,
    ruleTag: row.rule_tag,
    ruleToRead: row.rule_to_read !== 0,
    ruleDownload: row.rule_download !== 0,
    deleted: false,
  } satisfies RecordFields<'savedSearch'>,
})

const subscription = (row: SubscriptionColumns): LocalRecord => ({
  localId: row.id,
  paperId: null,
  fields: {
    kind: row.kind,
    query: row.query,
    since: row.since,
    createdAt: row.created_at,
    deleted: false,
  } satisfies RecordFields<'subscription'>,
})

const SELECT: Record<RecordType, string> = {
  highlight: `SELECT id, paper_id, quote, prefix, suffix, start_offset, end_offset, color, comment,
    created_at, updated_at FROM highlights`,
  annotation: `SELECT a.id, a.paper_id, a.sha256, a.type, a.color, a.comment, a.position, a.quote,
    a.prefix, a.suffix, a.sort_key, a.created_at, a.updated_at, i.png
    FROM pdf_annotations a LEFT JOIN pdf_annotation_images i ON i.annotation_id = a.id`,
  savedSearch: `SELECT id, name, query, created_at, rule_tag, rule_to_read, rule_download
    FROM saved_searches`,
  subscription: 'SELECT id, kind, query, since, created_at FROM subscriptions',
}
const ID: Record<RecordType, string> = {
  highlight: 'id',
  annotation: 'a.id',
  savedSearch: 'id',
  subscription: 'id',
}

/**
 * Reads records from their domain rows with the field names of RECORD_FIELDS (ops.ts): the
 * annotation's position parsed, its picture in base64, a saved search's rule as booleans.
 */
export function createRecordReader(db: Db) {
  const prepare = <Row>(type: RecordType, convert: (row: Row) => LocalRecord) => {
    const one = db.prepare<[number], Row>(`${SELECT[type]} WHERE ${ID[type]} = ?`)
    const page = db.prepare<[number, number], Row>(
      `${SELECT[type]} WHERE ${ID[type]} > ? ORDER BY ${ID[type]} LIMIT ?`,
    )
    return {
      one: (localId: number): LocalRecord | null => {
        const row = one.get(localId)
        return row ? convert(row) : null
      },
      page: (afterId: number, limit: number): LocalRecord[] =>
        page.all(afterId, limit).map(convert),
    }
  }
  const readers = {
    highlight: prepare('highlight', highlight),
    annotation: prepare('annotation', annotation),
    savedSearch: prepare('savedSearch', savedSearch),
    subscription: prepare('subscription', subscription),
  }
  return {
    /** Record `localId` of `type` as its row says it now, null when the row is gone. */
    one: (type: RecordType, localId: number) => readers[type].one(localId),
    /** Up to `limit` records of `type` after local id `afterId`, in id order. */
    page: (type: RecordType, afterId: number, limit: number) => readers[type].page(afterId, limit),
  }
}
export type RecordReader = ReturnType<typeof createRecordReader>

/** Whether two field values are the same (objects compared by content, not key order). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a)) {
    const list = b as unknown[]
    return a.length === list.length && a.every((item, i) => sameValue(item, list[i]))
  }
  const left = a as Record<string, unknown>
  const right = b as Record<string, unknown>
  const keys = Object.keys(left).filter((key) => left[key] !== undefined)
  return (
    keys.length === Object.keys(right).filter((key) => right[key] !== undefined).length &&
    keys.every((key) => key in right && sameValue(left[key], right[key]))
  )
}
