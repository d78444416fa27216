import {
  MATCH_END,
  MATCH_START,
  type DigestSummary,
  type Paper,
  type PaperDetail,
  type PaperSummary,
  type TagCount,
  SOURCE_NAMES,
} from '../../shared/models'

export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`
}

export const time = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 16)

export function paperLine(paper: Paper): string {
  const markers = `${paper.note ? '✎' : ' '}${paper.tags.length ? '#' : ' '}`
  return `${String(paper.id).padStart(6)}  ${paper.status.padEnd(11)} ${paper.digests[0] ?? '          '} ${markers} ${paper.title}`
}

/** A search result: the paper's line, then the snippet of its match; matches in [brackets]. */
export function searchResultLine(paper: PaperSummary): string {
  const markers = `${paper.hasNote ? '✎' : ' '}${paper.tags.length ? '#' : ' '}`
  const title = bracketMatches(paper.match?.title ?? paper.title)
  const line = `${String(paper.id).padStart(6)}  ${paper.status.padEnd(11)} ${paper.digest} ${markers} ${title}`
  const snippet = paper.match?.snippet
  return snippet
    ? `${line}
${' '.repeat(8)}${bracketMatches(snippet)}`
    : line
}

function bracketMatches(text: string): string {
  return text.replaceAll(MATCH_START, '[').replaceAll(MATCH_END, ']')
}

export function digestLine(digest: DigestSummary): string {
  const triaged = digest.paperCount - digest.newCount
  return `${digest.date}  ${triaged}/${digest.paperCount} triaged  ${digest.newCount} new  (${digest.sourceFile})`
}

export function paperDetail(paper: PaperDetail): string {
  const lines = [
    `#${paper.id}  ${paper.title}`,
    `status:   ${paper.status}`,
    `digests:  ${paper.digests.join(', ')}`,
  ]
  if (paper.arxivId) lines.push(`arXiv:    ${paper.arxivId}`)
  if (paper.authors.length) lines.push(`authors:  ${paper.authors.join(', ')}`)
  if (paper.categories.length) lines.push(`cats:     ${paper.categories.join(' ')}`)
  if (paper.publishedAt) lines.push(`published: ${paper.publishedAt}`)
  if (paper.upvotes !== null) lines.push(`upvotes:  ${paper.upvotes}`)
  for (const source of paper.sources) {
    lines.push(
      `source:   ${source.fileName} (${SOURCE_NAMES[source.source]}, ${time(source.importedAt)})`,
    )
  }
  for (const file of paper.files) {
    lines.push(
      `pdf:      ${file.origin} (${file.pageCount} pages, ${file.sha256.slice(0, 12)}…, text ${file.textState})`,
    )
  }
  if (paper.position && paper.files.length) {
    lines.push(`reading:  p. ${paper.position.page}/${paper.position.pageCount}`)
  }
  if (paper.tags.length) lines.push(`tags:     ${paper.tags.join(', ')}`)
  for (const link of paper.links) lines.push(`link:     ${link}`)
  lines.push('', paper.abstract)
  if (paper.note) lines.push('', `Note (${time(paper.noteUpdatedAt!)}):`, paper.note)
  if (paper.statusHistory.length) {
    lines.push('', 'Status history:')
    for (const change of paper.statusHistory)
      lines.push(`  ${time(change.at)}  ${change.from} → ${change.to}`)
  }
  return `${lines.join('\n')}\n`
}

export function highlightList(paper: PaperDetail): string {
  if (paper.highlights.length === 0) return `#${paper.id} has no highlights.\n`
  const lines = [`#${paper.id}  ${paper.title}`]
  for (const highlight of paper.highlights) {
    const place = highlight.anchor ? '' : ' (detached)'
    lines.push('', `${highlight.color}${place}: "${highlight.quote}"`)
    if (highlight.comment) lines.push(...highlight.comment.split('\n').map((line) => `  ${line}`))
  }
  return `${lines.join('\n')}\n`
}

export function tagList(tags: readonly TagCount[]): string {
  if (tags.length === 0) return 'No tags yet: `margin tag ID TAG...` adds one.\n'
  return tags.map((tag) => `${String(tag.count).padStart(6)}  ${tag.name}`).join('\n') + '\n'
}
