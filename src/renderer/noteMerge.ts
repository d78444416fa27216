import { diff3Merge } from 'node-diff3'

/** `YYYY-MM-DD HH:MM UTC`: how a conflict marker names when an edit was made (as sync's do). */
function minuteOf(ms: number): string {
  const iso = new Date(ms).toISOString()
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`
}

/**
 * What the note editor keeps when the stored note changed behind text typed and not yet saved
 * (another device's edit arrived through sync): a three-way merge of the typed text and the
 * stored one against the text both started from. Edits that do not overlap are both taken;
 * overlapping ones keep both texts between the markers sync uses, the typed text first.
 */
export function mergeTypedNote(
  base: string,
  typed: string,
  stored: string,
  times: { typed: number; stored: number },
): string {
  if (typed === stored || stored === base) return typed
  if (typed === base) return stored
  const regions = diff3Merge(typed.split('\n'), base.split('\n'), stored.split('\n'), {
    excludeFalseConflicts: true,
  })
  const lines: string[] = []
  for (const region of regions) {
    if (region.ok) lines.push(...region.ok)
    else if (region.conflict) {
      lines.push(`<<<<<<< edit of ${minuteOf(times.typed)}`, ...region.conflict.a, '=======')
      lines.push(...region.conflict.b, `>>>>>>> edit of ${minuteOf(times.stored)}`)
    }
  }
  return lines.join('\n')
}
