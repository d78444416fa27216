import type { z } from 'zod'
import { MarginError } from '../../../shared/errors'
import { counted } from './counted'
import {
  librarySnapshotSchema,
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  type LibrarySnapshot,
} from './librarySnapshot'

export function libraryJson(snapshot: LibrarySnapshot): string {
  return `${JSON.stringify(snapshot, null, 2)}\n`
}

/** Reads a Margin JSON export; `name` says which file in the messages. Throws MarginError. */
export function parseLibraryJson(text: string, name: string): LibrarySnapshot {
  let value: unknown
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch {
    throw notAnExport(name, 'it is not JSON')
  }
  const { format, version } = (typeof value === 'object' && value !== null ? value : {}) as {
    format?: unknown
    version?: unknown
  }
  if (format !== SNAPSHOT_FORMAT) {
    throw notAnExport(name, `it does not start with "format": "${SNAPSHOT_FORMAT}"`)
  }
  if (typeof version === 'number' && version > SNAPSHOT_VERSION) {
    throw new MarginError(
      'EXPORT_TOO_NEW',
      `${name}: this export was written by a newer version of Margin (format version ${version}; this version reads version ${SNAPSHOT_VERSION}). Update Margin to import it.`,
    )
  }
  const result = librarySnapshotSchema.safeParse(value)
  if (!result.success) throw notAnExport(name, `it is damaged: ${describeIssues(result.error)}`)
  return result.data
}

function notAnExport(name: string, reason: string): MarginError {
  return new MarginError(
    'NOT_A_MARGIN_EXPORT',
    `${name}: this is not a Margin library export that can be loaded (${reason}); nothing was imported.`,
  )
}

function describeIssues(error: z.ZodError): string {
  const [first] = error.issues
  const where = first!.path
    .map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`))
    .join('')
    .replace(/^\./, '')
  const more = error.issues.length - 1
  const others = more === 0 ? '' : ` (and ${counted(more, 'more problem')})`
  return `${where || 'the top level'}: ${first!.message}${others}`
}
