import type { Paper } from '../../../shared/models'
import { arxivUrl } from './paperLink'

export interface BibtexExport {
  text: string
  /** Papers left out because BibTeX needs an arXiv id to cite them. */
  skipped: number
}

/** A @misc entry (eprint, archivePrefix = arXiv) for each paper with an arXiv id. */
export function papersBibtex(papers: readonly Paper[]): BibtexExport {
  const cited = papers.filter((paper) => paper.arxivId !== null)
  return {
    text: cited.map((paper) => entry(paper, paper.arxivId!)).join('\n'),
    skipped: papers.length - cited.length,
  }
}

function entry(paper: Paper, arxivId: string): string {
  const fields: Array<[string, string]> = [['title', protectCapitals(paper.title)]]
  // Each name braced whole: BibTeX would otherwise split "Smith, Jr." or reorder "van der Berg".
  if (paper.authors.length) {
    fields.push(['author', paper.authors.map((name) => `{${escapeBibtex(name)}}`).join(' and ')])
  }
  if (paper.publishedAt) fields.push(['year', paper.publishedAt.slice(0, 4)])
  fields.push(['eprint', arxivId], ['archivePrefix', 'arXiv'])
  if (paper.categories[0]) fields.push(['primaryClass', paper.categories[0]])
  fields.push(['url', arxivUrl(arxivId)])
  if (paper.digests.length) fields.push(['note', `Daily papers digest ${paper.digests.join(', ')}`])
  const body = fields.map(([name, value]) => `  ${name} = {${value}}`).join(',\n')
  return `@misc{${citationKey(paper.title, arxivId)},\n${body}\n}\n`
}

/** The first word of the title in plain ASCII, then the arXiv id: "nanoflow2408.12757". */
function citationKey(title: string, arxivId: string): string {
  const ascii = title.normalize('NFKD').replace(/[^\x20-\x7e]/g, '')
  const word = /[A-Za-z0-9]+/.exec(ascii)?.[0].toLowerCase() ?? 'arxiv'
  return `${word}${arxivId}`
}

/** Bibliography styles lower-case titles; braces keep the capitals of names and acronyms. */
function protectCapitals(title: string): string {
  return title
    .split(/(\s+)/)
    .map((word) => (needsBraces(word) ? `{${escapeBibtex(word)}}` : escapeBibtex(word)))
    .join('')
}

/** A word with a part that is more than a capitalised ordinary word: LLM, NanoFlow, T3, GPT-4o. */
function needsBraces(word: string): boolean {
  return word
    .split(/[^\p{L}\p{N}]+/u)
    .some((part) => /\p{Lu}/u.test(part) && !/^\p{Lu}\p{Ll}*$/u.test(part))
}

const SPECIALS: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
}

function escapeBibtex(text: string): string {
  return text.replace(/[\\{}&%$#_~^]/g, (char) => SPECIALS[char]!)
}
