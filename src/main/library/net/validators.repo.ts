import type { Db } from '../db/openLibrary'
import type { Validators, ValidatorsStore } from './httpClient'

interface ValidatorsRow {
  etag: string | null
  last_modified: string | null
}

/** SQL of each URL's ETag and Last-Modified (http_validators), the client's ValidatorsStore. */
export function createValidatorsRepo(db: Db, now: () => number): ValidatorsStore {
  const select = db.prepare<[string], ValidatorsRow>(
    'SELECT etag, last_modified FROM http_validators WHERE url = ?',
  )
  const upsert = db.prepare<[string, string | null, string | null, number]>(`
    INSERT INTO http_validators (url, etag, last_modified, updated_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (url) DO UPDATE SET
      etag = excluded.etag, last_modified = excluded.last_modified, updated_at = excluded.updated_at
  `)
  const remove = db.prepare<[string]>('DELETE FROM http_validators WHERE url = ?')
  return {
    get: (url) => {
      const row = select.get(url)
      return row ? { etag: row.etag, lastModified: row.last_modified } : null
    },
    put: (url, { etag, lastModified }: Validators) => {
      if (etag === null && lastModified === null) remove.run(url)
      else upsert.run(url, etag, lastModified, now())
    },
  }
}
