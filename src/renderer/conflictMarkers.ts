/**
 * The lines sync puts around the two texts of a note edited at the same place on two devices:
 * `<<<<<<< edit of 2026-05-02 09:14 UTC`, `=======`, `>>>>>>> edit of 2026-05-02 09:20 UTC`.
 */
const OPEN = /^<{7} edit of /
const MIDDLE = /^={7}$/
const CLOSE = /^>{7} edit of /

/** Whether the text still holds a conflict's marker lines. */
export function hasConflictMarkers(text: string): boolean {
  return text.split(/\r?\n/).some((line) => OPEN.test(line) || CLOSE.test(line))
}

/**
 * The text with the marker lines of every conflict taken out and both texts kept. A `=======`
 * line outside a conflict (a markdown heading's underline) stays.
 */
export function withoutConflictMarkers(text: string): string {
  let depth = 0
  const kept: string[] = []
  // Each line with its own line end, so a line taken out takes its line end with it.
  for (const line of text.split(/(?<=\n)/)) {
    const bare = line.replace(/\r?\n$/, '')
    if (OPEN.test(bare)) {
      depth++
      continue
    }
    if (depth > 0 && MIDDLE.test(bare)) continue
    if (depth > 0 && CLOSE.test(bare)) {
      depth--
      continue
    }
    kept.push(line)
  }
  return kept.join('')
}
