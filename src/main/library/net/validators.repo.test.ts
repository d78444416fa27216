import { describe, expect, it } from 'vitest'
import { openLibraryDb } from '../db/openLibrary'
import { useTempDir } from '../testing/tempDirs'
import { createValidatorsRepo } from './validators.repo'

const tempDir = useTempDir()

describe('the validators repo', () => {
  it("keeps a URL's ETag and Last-Modified, replaces them, and forgets them when both are gone", () => {
    const db = openLibraryDb(tempDir())
    let time = 1_000
    const repo = createValidatorsRepo(db, () => time)
    const url = 'https://huggingface.co/api/daily_papers?date=2026-11-30'
    expect(repo.get(url)).toBeNull()
    repo.put(url, { etag: 'W/"a"', lastModified: null })
    expect(repo.get(url)).toEqual({ etag: 'W/"a"', lastModified: null })
    time = 2_000
    repo.put(url, { etag: null, lastModified: 'Mon, 30 Nov 2026 12:00:00 GMT' })
    expect(repo.get(url)).toEqual({ etag: null, lastModified: 'Mon, 30 Nov 2026 12:00:00 GMT' })
    expect(db.prepare('SELECT updated_at FROM http_validators').pluck().get()).toBe(2_000)
    repo.put(url, { etag: null, lastModified: null })
    expect(repo.get(url)).toBeNull()
    db.close()
  })
})
