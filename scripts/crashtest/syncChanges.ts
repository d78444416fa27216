import { mulberry32, pick, words } from '../../bench/benchUtil'
import type { Library } from '../../src/main/library/library'
import { READING_STATUSES, type StatusAssignment } from '../../src/shared/models'

/**
 * The local changes a sync crash run makes before its pass, the same for a given seed: status
 * changes (the bulk, so that writing and applying them take a while), tags put on and taken
 * off, and notes edited a line at a time (so that edits on two devices meet in merges).
 */

const TAGS = words('systems theory later llm vision agents survey')

export interface ChangeCounts {
  statuses: number
  tags: number
  notes: number
}

export function makeChanges(library: Library, seed: number, statuses: number): ChangeCounts {
  const random = mulberry32(seed)
  const ids = library.db.prepare<[], number>('SELECT id FROM papers ORDER BY id').pluck().all()
  if (ids.length === 0) throw new Error('the library has no papers to change')
  const changes: StatusAssignment[] = Array.from({ length: statuses }, () => ({
    id: pick(random, ids),
    status: pick(random, READING_STATUSES),
  }))
  const counts: ChangeCounts = { statuses: 0, tags: 0, notes: 0 }
  library.db.transaction(() => {
    counts.statuses = library.setStatuses(changes).previous.length
    const tagEdits = Math.ceil(statuses / 20)
    for (let i = 0; i < tagEdits; i++) {
      const id = pick(random, ids)
      const tag = pick(random, TAGS)
      if (random() < 0.7) library.addTags(id, [tag])
      else library.removeTags(id, [tag])
      counts.tags++
    }
    const noteEdits = Math.ceil(statuses / 40)
    for (let i = 0; i < noteEdits; i++) {
      const id = pick(random, ids.slice(0, 20))
      const lines = (library.getPaper(id).note ?? '').split('\n').filter((l) => l !== '')
      const line = `edit ${seed}-${i}`
      if (lines.length > 0 && random() < 0.3) lines[Math.floor(random() * lines.length)] = line
      else lines.push(line)
      library.saveNote(id, `${lines.join('\n')}\n`)
      counts.notes++
    }
  })()
  return counts
}
