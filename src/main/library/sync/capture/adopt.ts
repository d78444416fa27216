import type { Db } from '../../db/openLibrary'
import type { AdoptLibrary, SyncContext } from '../contracts'
import { RECORD_TYPES } from '../ops'
import { createRecordClocks } from './recordClocks'
import { createRecordReader, RECORD_LETTER } from './recordFields'
import { createSyncState } from './syncState'

const PAGE = 1000

function statements(db: Db) {
  return {
    state: createSyncState(db),
    records: createRecordReader(db),
    recordClocks: createRecordClocks(db),
    // Each change keeps its own time as its clock; changes of one paper in the same millisecond
    // are told apart by the counter, in the order they were made.
    statuses: db.prepare<{ dev: string }, never>(`
      INSERT OR IGNORE INTO sync_status_changes (gid, paper_id, history_id, hlc)
      SELECT @dev || ':h' || id, paper_id, id,
        printf('%015d.%06d.%s', max(changed_at, 0),
          row_number() OVER (PARTITION BY paper_id, changed_at ORDER BY id) - 1, @dev)
      FROM status_history h
      WHERE NOT EXISTS (SELECT 1 FROM sync_status_changes c WHERE c.history_id = h.id)`),
    latestStatus: db.prepare<[], string | null>('SELECT max(hlc) FROM sync_status_changes').pluck(),
    tags: db.prepare<{ hlc: string }, never>(`
      INSERT OR IGNORE INTO sync_tag_clocks (paper_id, name_key, name, present, hlc)
      SELECT pt.paper_id, lower(t.name), t.name, 1, @hlc
      FROM paper_tags pt JOIN tags t ON t.id = pt.tag_id`),
    notes: db.prepare<{ dev: string; hlc: string }, never>(`
      INSERT OR IGNORE INTO sync_note_versions (gid, paper_id, parents, body, hlc)
      SELECT @dev || ':n' || paper_id, paper_id, '[]', body, @hlc FROM notes n
      WHERE NOT EXISTS (SELECT 1 FROM sync_note_versions v WHERE v.paper_id = n.paper_id)`),
    hasRecord: db
      .prepare<[string, number], number>(
        'SELECT EXISTS (SELECT 1 FROM sync_records WHERE type = ? AND local_id = ?)',
      )
      .pluck(),
  }
}

/**
 * Gives everything the library holds when sync is set up its global id and clock, so the first
 * snapshot carries it and later changes are told apart from it: each status change
 * (`<device>:h<history id>`, its clock at the time it was made), each paper's tags (present),
 * each note (one version `<device>:n<paper id>` without parents), each highlight, annotation,
 * saved search and subscription (`<device>:r<h|a|s|u><id>`, every field). Set-based SQL where
 * it can be, so a library of 100,000 papers adopts in seconds. Things that already have theirs
 * are left alone, so adopting again changes nothing. One immediate transaction.
 */
export const adoptLibrary: AdoptLibrary = (ctx) => {
  const s = statements(ctx.db)
  ctx.db.transaction(() => adoptIn(ctx, s)).immediate()
}

function adoptIn(ctx: SyncContext, s: ReturnType<typeof statements>): void {
  const dev = ctx.deviceId
  s.statuses.run({ dev })
  // Later changes must be later than every change adopted, even one made by a clock ahead.
  const latest = s.latestStatus.get()
  if (latest) ctx.clock.receive(latest)
  const hlc = ctx.clock.tick()
  s.tags.run({ hlc })
  s.notes.run({ dev, hlc })
  for (const type of RECORD_TYPES) {
    for (let after = 0; ;) {
      const page = s.records.page(type, after, PAGE)
      if (page.length === 0) break
      for (const record of page) {
        if (s.hasRecord.get(type, record.localId)) continue
        s.recordClocks.create({
          gid: `${dev}:r${RECORD_LETTER[type]}${record.localId}`,
          type,
          localId: record.localId,
          paperId: record.paperId,
          fields: record.fields,
          hlc,
        })
      }
      after = page.at(-1)!.localId
    }
  }
  s.state.set('hlc', ctx.clock.last())
}
