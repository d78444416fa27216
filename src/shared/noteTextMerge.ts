import { diff3Merge } from 'node-diff3'

/**
 * The three-way merge of a note's text, as sync merges two devices' edits and as the note editor
 * merges typed text with a note changed behind it: one merge, one set of markers.
 */

const OPENING = '<<<<<<< edit of '
const SEPARATOR = '======='
const CLOSING = '>>>>>>> edit of '
const MARKER_LINE = /^(?:<{7}|>{7}) edit of /m

/** Whether `text` holds a conflict marker line (as a merge writes them; `=======` alone is markdown). */
export function hasConflictMarkers(text: string): boolean {
  return MARKER_LINE.test(text)
}

/** `YYYY-MM-DD HH:MM UTC` of a time in milliseconds: what a marker says of an edit. */
export function minuteOf(ms: number): string {
  const iso = new Date(ms).toISOString()
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`
}

/**
 * Three-way merge of `ours` and `theirs`, both edited from `base`, line by line with node-diff3.
 * Edits that do not overlap are taken from both; overlapping ones keep both texts between
 * markers naming when each side was written. The same change made on both sides is no conflict.
 */
export function mergeNoteTexts(
  base: string,
  ours: string,
  theirs: string,
  labels: { ours: string; theirs: string },
): string {
  if (ours === theirs || theirs === base) return ours
  if (ours === base) return theirs
  const regions = diff3Merge(ours.split('\n'), base.split('\n'), theirs.split('\n'), {
    excludeFalseConflicts: true,
  })
  const lines: string[] = []
  for (const region of regions) {
    if (region.ok) lines.push(...region.ok)
    else if (region.conflict) {
      lines.push(`${OPENING}${labels.ours}`, ...region.conflict.a, SEPARATOR)
      lines.push(...region.conflict.b, `${CLOSING}${labels.theirs}`)
    }
  }
  return lines.join('\n')
}
