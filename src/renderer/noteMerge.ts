import { mergeNoteTexts, minuteOf } from '../shared/noteTextMerge'

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
  return mergeNoteTexts(base, typed, stored, {
    ours: minuteOf(times.typed),
    theirs: minuteOf(times.stored),
  })
}
