/** Longest file name stem, in characters and in UTF-8 bytes (file systems allow 255 bytes). */
const MAX_CHARS = 120
const MAX_BYTES = 200

// Characters Windows, macOS or Linux refuse in names, those Obsidian cannot link to (# ^ [ ]),
// control characters, and bidirectional overrides that could disguise a name.
const UNSAFE = /[/\\:*?"<>|#^[\]\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/gu
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' })
const utf8 = new TextEncoder()

/**
 * Names, one per title, that every desktop file system accepts and no two of which are the same
 * file where case is ignored (macOS, Windows): a repeated name gets " (2)", " (3)" ...
 */
export function uniqueFileNames(titles: readonly string[], extension: string): string[] {
  const taken = new Set<string>()
  return titles.map((title) => {
    const stem = safeStem(title)
    let name = stem
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = fit(stem, ` (${n})`)
    taken.add(name.toLowerCase())
    return `${name}${extension}`
  })
}

function safeStem(title: string): string {
  const stem = fit(title.normalize('NFC').replace(UNSAFE, ' ').replace(/\s+/g, ' '), '')
  if (stem === '') return 'Untitled'
  return WINDOWS_RESERVED.test(stem) ? `${stem}_` : stem
}

/** `text` cut at a whole character to leave room for `suffix`, without end dots or spaces. */
function fit(text: string, suffix: string): string {
  let kept = ''
  for (const { segment } of graphemes.segment(text.trim())) {
    const next = kept + segment
    if (next.length + suffix.length > MAX_CHARS || utf8.encode(next + suffix).length > MAX_BYTES) {
      break
    }
    kept = next
  }
  // Windows drops trailing dots and spaces, and a leading dot hides a file elsewhere.
  return kept.replace(/^[\s.]+|[\s.]+$/g, '') + suffix
}
