import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CHANNELS } from '../../shared/ipc'
import { createApi } from '../api'
import { openLibrary } from '../library/library'
import { SEED_DIGEST, useTempDir } from '../library/testing/tempDirs'
import { dispatch } from './dispatch'
import { REQUEST_SCHEMAS } from './requestSchemas'

const tempDir = useTempDir()
const RUNS_PER_CHANNEL = 1000

/** Random requests: any JSON-like value, and objects shaped like requests with wrong values. */
const randomRequest = fc.oneof(
  fc.anything(),
  fc.dictionary(
    fc.constantFrom(
      'id',
      'ids',
      'view',
      'text',
      'changes',
      'name',
      'query',
      'tags',
      'files',
      'url',
      'body',
      'from',
      'to',
      'start',
      'end',
      'color',
      'paperId',
      'utcOffsetMinutes',
      'comment',
    ),
    fc.anything(),
  ),
)

describe('every channel, fuzzed through the real handler path', () => {
  it.each([...CHANNELS])(
    '%s answers random requests with a validation error and writes nothing',
    async (channel) => {
      const library = openLibrary(tempDir())
      await library.importFiles([SEED_DIGEST])
      const emitted: string[] = []
      const api = createApi(library, {
        emit: (event) => emitted.push(event),
        openExternal: async () => {},
        flushed: () => {},
      })
      const changes = () => library.db.prepare('SELECT total_changes()').pluck().get() as number
      const before = changes()
      await fc.assert(
        fc.asyncProperty(randomRequest, async (request) => {
          // A random value the schema happens to accept is a real request: not this test's case.
          fc.pre(!REQUEST_SCHEMAS[channel].safeParse(request).success)
          const result = await dispatch(api, channel, request)
          expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } })
        }),
        { numRuns: RUNS_PER_CHANNEL, seed: 42 },
      )
      expect(changes()).toBe(before)
      expect(emitted).toEqual([])
      library.close()
    },
    60_000,
  )
})
