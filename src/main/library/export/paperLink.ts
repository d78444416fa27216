import type { Paper } from '../../../shared/models'

export function arxivUrl(arxivId: string): string {
  return `https://arxiv.org/abs/${arxivId}`
}

/** Where a paper lives: its arXiv page when it has an id, else the first link of its abstract. */
export function paperLink(paper: Pick<Paper, 'arxivId' | 'links'>): string | null {
  return paper.arxivId !== null ? arxivUrl(paper.arxivId) : (paper.links[0] ?? null)
}
