import type { Highlight, PaperDetail } from '../../../shared/models'
import { uniqueFileNames } from './fileNames'
import { pdfAnnotationSections, type Attachment, type Pictures } from './markdownAnnotations'
import { escapeMarkdown, markRanges, oneLine, yamlString } from './markdownText'
import { paperLink } from './paperLink'

export type { Attachment } from './markdownAnnotations'

export interface MarkdownFile {
  name: string
  content: string
  /** Pictures the note embeds (areas), to be written beside it. */
  attachments: Attachment[]
}

export interface DigestPapers {
  date: string
  papers: PaperDetail[]
}

/** One Obsidian note per paper: properties in front matter, then abstract, highlights and note. */
export function markdownPerPaper(papers: readonly PaperDetail[]): MarkdownFile[] {
  const names = uniqueFileNames(
    papers.map((paper) => paper.title),
    '.md',
  )
  return papers.map((paper, i) => {
    const attachments: Attachment[] = []
    const sections = paperSections(paper, '##', { note: names[i]!, attachments })
    return {
      name: names[i]!,
      attachments,
      content: document([
        frontMatter([
          ['title', yamlString(paper.title)],
          ...optional('link', paperLink(paper)),
          ...optional('arxiv', paper.arxivId),
          ['status', paper.status],
          ['tags', paper.tags.map(yamlString)],
          ['digests', paper.digests],
        ]),
        `# ${escapeMarkdown(paper.title)}`,
        ...sections,
      ]),
    }
  })
}

/** One note per digest: a heading per paper with its properties as a list, then the same sections. */
export function markdownPerDigest(digests: readonly DigestPapers[]): MarkdownFile[] {
  const names = uniqueFileNames(
    digests.map(({ date }) => `Daily papers ${date}`),
    '.md',
  )
  return digests.map(({ date, papers }, i) => {
    const attachments: Attachment[] = []
    return {
      name: names[i]!,
      content: document([
        frontMatter([
          ['digest', date],
          ['papers', String(papers.length)],
        ]),
        `# Daily papers ${date}`,
        ...papers.flatMap((paper) => [
          `## ${escapeMarkdown(paper.title)}`,
          propertyList(paper),
          ...paperSections(paper, '###', { note: names[i]!, attachments }),
        ]),
      ]),
      attachments,
    }
  })
}

function paperSections(paper: PaperDetail, heading: string, pictures: Pictures): string[] {
  return [
    `${heading} Abstract`,
    markRanges(
      paper.abstract,
      paper.highlights.flatMap((h) => (h.anchor ? [h.anchor] : [])),
    ),
    ...annotationSections(paper, heading, pictures),
    ...(paper.note !== null ? [`${heading} Note`, paper.note.trimEnd()] : []),
  ]
}

/**
 * A paper's annotations alone, as Markdown to print (`margin annotations --format markdown`):
 * abstract highlights, then those on the PDF, detached ones last. Area pictures are not
 * embedded, as there is no folder for them.
 */
export function annotationsMarkdown(paper: PaperDetail): string {
  const link = paperLink(paper)
  const sections = annotationSections(paper, '##', null)
  return document([
    `# ${escapeMarkdown(paper.title)}`,
    ...(link ? [`<${link}>`] : []),
    ...(sections.length ? sections : ['No annotations yet.']),
  ])
}

function annotationSections(paper: PaperDetail, heading: string, pictures: Pictures): string[] {
  const placed = paper.highlights.filter((h) => h.anchor !== null)
  const detached = paper.highlights.filter((h) => h.anchor === null)
  const annotations = pdfAnnotationSections(paper, heading, pictures)
  return [
    ...(placed.length ? [`${heading} Highlights`, highlightList(placed)] : []),
    ...annotations.placed,
    ...(detached.length
      ? [
          `${heading} Detached highlights`,
          'No longer found in the abstract:',
          highlightList(detached),
        ]
      : []),
    ...annotations.detached,
  ]
}

function highlightList(highlights: readonly Highlight[]): string {
  return highlights
    .map(({ quote, comment }) => {
      const line = `- “${escapeMarkdown(oneLine(quote))}”`
      return comment ? `${line} — ${escapeMarkdown(oneLine(comment))}` : line
    })
    .join('\n')
}

function propertyList(paper: PaperDetail): string {
  const link = paperLink(paper)
  return [
    ...(link ? [`- Link: <${link}>`] : []),
    `- Status: ${paper.status}`,
    ...(paper.tags.length ? [`- Tags: ${paper.tags.map(escapeMarkdown).join(', ')}`] : []),
    `- Digests: ${paper.digests.join(', ')}`,
  ].join('\n')
}

/** A key with a YAML scalar, or a list of YAML scalars. */
type Property = [key: string, yaml: string | readonly string[]]

function optional(key: string, value: string | null): Property[] {
  return value === null ? [] : [[key, yamlString(value)]]
}

function frontMatter(properties: readonly Property[]): string {
  const lines = properties.flatMap(([key, yaml]) => {
    if (typeof yaml === 'string') return [`${key}: ${yaml}`]
    return yaml.length ? [`${key}:`, ...yaml.map((item) => `  - ${item}`)] : [`${key}: []`]
  })
  return ['---', ...lines, '---'].join('\n')
}

function document(blocks: readonly string[]): string {
  return `${blocks.join('\n\n')}\n`
}
