import { describe, expect, it } from 'vitest'
import { EXPORT_PAPERS } from '../testing/exportPapers'
import { papersBibtex } from './bibtex'

describe('BibTeX', () => {
  it('writes a @misc arXiv entry per paper with an id and counts the papers without one', () => {
    const { text, skipped } = papersBibtex(EXPORT_PAPERS)
    expect(skipped).toBe(2)
    expect(text).toBe(`@misc{nanoflow2408.12757,
  title = {{NanoFlow:} Towards "Optimal" {LLM/GPU} Serving},
  eprint = {2408.12757},
  archivePrefix = {arXiv},
  url = {https://arxiv.org/abs/2408.12757},
  note = {Daily papers digest 2026-08-06, 2026-08-05}
}

@misc{uber2408.00001,
  title = {Über \\{Braces\\} \\& 100\\% of {T3:} A\\_B \\#1 \\textasciitilde{}x\\textasciicircum{}2 \\textbackslash{}cmd},
  eprint = {2408.00001},
  archivePrefix = {arXiv},
  url = {https://arxiv.org/abs/2408.00001},
  note = {Daily papers digest 2026-08-05}
}
`)
  })

  it('names the authors (each braced whole), the year and the primary category when known', () => {
    const paper = {
      ...EXPORT_PAPERS[0]!,
      authors: ['Kan Zhu', 'Jr., Smith & Co'],
      publishedAt: '2024-08-22',
      categories: ['cs.DC', 'cs.LG'],
    }
    expect(papersBibtex([paper]).text).toContain(`  author = {{Kan Zhu} and {Jr., Smith \\& Co}},
  year = {2024},
  eprint = {2408.12757},
  archivePrefix = {arXiv},
  primaryClass = {cs.DC},
`)
  })

  it('keys a title without an ASCII word by the id alone', () => {
    const paper = { ...EXPORT_PAPERS[0]!, title: '——' }
    expect(papersBibtex([paper]).text).toMatch(/^@misc\{arxiv2408\.12757,\n/)
  })

  it('is empty, with every paper skipped, when none has an arXiv id', () => {
    expect(papersBibtex([EXPORT_PAPERS[1]!, EXPORT_PAPERS[3]!])).toEqual({ text: '', skipped: 2 })
  })
})
