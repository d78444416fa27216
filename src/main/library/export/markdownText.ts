import { extractLinks } from '../digest/links'

/**
 * A YAML double-quoted scalar. JSON's string syntax is valid YAML; the characters YAML parsers
 * refuse or read as line breaks (C1 controls, U+2028/9, BOM, non-characters) are escaped too.
 */
export function yamlString(text: string): string {
  return JSON.stringify(text).replace(
    /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}

/**
 * Digest text as Markdown that shows exactly that text in Obsidian and CommonMark: characters
 * that would start emphasis, code, links, HTML, tags (#), math ($), highlights (==), strikes
 * (~~), comments (%%) or entities, and list or quote markers at line starts, are escaped.
 * Links are left whole so they stay clickable.
 */
export function escapeMarkdown(text: string): string {
  const links = extractLinks(text)
  if (links.length === 0) return escapePlain(text)
  const link = new RegExp(links.map((l) => l.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g')
  let out = ''
  let at = 0
  for (const match of text.matchAll(link)) {
    out += escapePlain(text.slice(at, match.index)) + match[0]
    at = match.index + match[0].length
  }
  return out + escapePlain(text.slice(at))
}

function escapePlain(text: string): string {
  return text
    .replace(/[\\`*_[\]<>#$]|={2,}|~{2,}|%{2,}|&(?=#?\w+;)/g, (run) => run.replace(/./g, '\\$&'))
    .replace(
      /^(\s*)([-+]|\d+[.)])(?=\s|$)/gm,
      (_, space: string, marker: string) => `${space}${marker.replace(/[-+.)]$/, '\\$&')}`,
    )
}

/** Text on one line: each run of white space (line breaks too) becomes one space. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

export interface TextRange {
  start: number
  end: number
}

/**
 * The text with each range marked as an Obsidian highlight (==text==). Overlapping or touching
 * ranges become one mark, and white space at a range's edges stays outside it, since
 * "== text==" is not a highlight.
 */
export function markRanges(text: string, ranges: readonly TextRange[]): string {
  let out = ''
  let at = 0
  for (const { start, end } of mergeRanges(text, ranges)) {
    out += `${besideMark(text.slice(at, start))}==${besideMark(text.slice(start, end))}==`
    at = end
  }
  return out + besideMark(text.slice(at))
}

/** Escaped, and an = at either end too, so that it cannot run into a mark's ==. */
function besideMark(text: string): string {
  return escapeMarkdown(text)
    .replace(/^=/, '\\=')
    .replace(/(?<!\\)=$/, '\\=')
}

function mergeRanges(text: string, ranges: readonly TextRange[]): TextRange[] {
  const merged: TextRange[] = []
  for (const range of [...ranges].sort((a, b) => a.start - b.start)) {
    let { start, end } = range
    while (start < end && /\s/.test(text[start]!)) start++
    while (end > start && /\s/.test(text[end - 1]!)) end--
    if (start === end) continue
    const last = merged.at(-1)
    if (last && start <= last.end) last.end = Math.max(last.end, end)
    else merged.push({ start, end })
  }
  return merged
}
