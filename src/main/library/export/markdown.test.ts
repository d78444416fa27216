import { describe, expect, it } from 'vitest'
import type { PaperDetail, PdfAnnotation } from '../../../shared/models'
import { EXPORT_PAPERS } from '../testing/exportPapers'
import { annotationsMarkdown, markdownPerDigest, markdownPerPaper } from './markdown'
import { escapeMarkdown, markRanges, yamlString } from './markdownText'

const [nanoflow, formula, braces, sameName] = EXPORT_PAPERS as [
  (typeof EXPORT_PAPERS)[number],
  (typeof EXPORT_PAPERS)[number],
  (typeof EXPORT_PAPERS)[number],
  (typeof EXPORT_PAPERS)[number],
]

const NANOFLOW_SECTIONS = (h: string) => `${h} Abstract

We ==serve LLMs== at 1.9x throughput, see https://github.com/nano_flow/nano_flow. Costs \\$5 and \\#1 \\*==fast==\\*, a\\=\\=b.

${h} Highlights

- “serve LLMs” — the claim, "1.9x"
- “fast”

${h} Detached highlights

No longer found in the abstract:

- “a vanished sentence” — was in v1

${h} Note

# Why

Overlap, "really" matters.
`

describe('Markdown, one note per paper', () => {
  const files = markdownPerPaper(EXPORT_PAPERS)

  it('names each file after its title, safely and once', () => {
    expect(files.map((f) => f.name)).toEqual([
      'NanoFlow Towards Optimal LLM GPU Serving.md',
      "=cmd ' C calc'!A0.md",
      'Über {Braces} & 100% of T3 A_B 1 ~x 2 cmd.md',
      'nanoflow towards optimal llm gpu serving (2).md',
    ])
  })

  it('writes properties, the abstract with its highlights marked, the highlights and the note', () => {
    expect(files[0]!.content).toBe(`---
title: "NanoFlow: Towards \\"Optimal\\" LLM/GPU Serving"
link: "https://arxiv.org/abs/2408.12757"
arxiv: "2408.12757"
status: to-read
tags:
  - "gpu"
  - "systems, serving"
digests:
  - 2026-08-06
  - 2026-08-05
---

# NanoFlow: Towards "Optimal" LLM/GPU Serving

${NANOFLOW_SECTIONS('##')}`)
  })

  it('leaves out what a paper does not have, and escapes what would become markup', () => {
    expect(files[1]!.content).toBe(`---
title: "=cmd|' /C calc'!A0"
status: new
tags: []
digests:
  - 2026-08-06
---

# =cmd|' /C calc'!A0

## Abstract

Café naïve — “unicode”, {braces} & 100%
\\- a new line
`)
    expect(files[2]!.content).toContain('title: "Über {Braces} & 100% of T3: A_B #1 ~x^2 \\\\cmd"')
    expect(files[2]!.content).toContain('# Über {Braces} & 100% of T3: A\\_B \\#1 ~x^2 \\\\cmd')
    expect(files[2]!.content).toContain('tags:\n  - "=HYPERLINK(\\"x\\")"\n')
    expect(files[3]!.content).toContain('link: "https://example.org/second"\nstatus: not-reading\n')
  })
})

describe('Markdown, one note per digest', () => {
  it('gives each paper a heading with its properties as a list, then the same sections', () => {
    const [file, ...rest] = markdownPerDigest([
      { date: '2026-08-06', papers: [nanoflow, formula] },
      { date: '2026-08-05', papers: [braces, sameName] },
    ])
    expect(rest.map((f) => f.name)).toEqual(['Daily papers 2026-08-05.md'])
    expect(file!.name).toBe('Daily papers 2026-08-06.md')
    expect(file!.content).toBe(`---
digest: 2026-08-06
papers: 2
---

# Daily papers 2026-08-06

## NanoFlow: Towards "Optimal" LLM/GPU Serving

- Link: <https://arxiv.org/abs/2408.12757>
- Status: to-read
- Tags: gpu, systems, serving
- Digests: 2026-08-06, 2026-08-05

${NANOFLOW_SECTIONS('###')}
## =cmd|' /C calc'!A0

- Status: new
- Digests: 2026-08-06

### Abstract

Café naïve — “unicode”, {braces} & 100%
\\- a new line
`)
  })
})

describe('Markdown text', () => {
  it('quotes YAML so that any title reads back as itself', () => {
    const tricky = 'a: "b" #c\n\t\\ \u2028\u0085\ufeff — 𝔘'
    expect(yamlString(tricky)).toBe('"a: \\"b\\" #c\\n\\t\\\\ \\u2028\\u0085\\ufeff — 𝔘"')
    expect(JSON.parse(yamlString(tricky))).toBe(tricky)
  })

  it('escapes markup but keeps links whole', () => {
    expect(escapeMarkdown('<b>x</b> `c` [l](u) ~~s~~ %%c%% &amp; 1. https://a.org/x_y_z')).toBe(
      '\\<b\\>x\\</b\\> \\`c\\` \\[l\\](u) \\~\\~s\\~\\~ \\%\\%c\\%\\% \\&amp; 1. https://a.org/x_y_z',
    )
    expect(escapeMarkdown('1. first\n+ second\n2) third')).toBe(
      '1\\. first\n\\+ second\n2\\) third',
    )
  })

  it('marks overlapping highlights once, with white space outside the marks', () => {
    const text = 'one two three four'
    expect(
      markRanges(text, [
        { start: 4, end: 9 },
        { start: 3, end: 8 },
        { start: 13, end: 18 },
      ]),
    ).toBe('one ==two t==hree ==four==')
    expect(markRanges('x=y', [{ start: 2, end: 3 }])).toBe('x\\===y==')
  })
})

const pdfAnnotation = (
  id: number,
  fields: Pick<PdfAnnotation, 'type' | 'color' | 'quote' | 'comment'> & Partial<PdfAnnotation>,
): PdfAnnotation => ({
  id,
  paperId: nanoflow.id,
  sha256: 'a'.repeat(64),
  position: { pageIndex: 2, rects: [[72, 600, 296, 610]] },
  prefix: '',
  suffix: '',
  sortKey: '',
  hasImage: false,
  createdAt: 1,
  updatedAt: 1,
  detached: null,
  ...fields,
})

const HOSTILE = '<img src=x onerror=alert(1)> <script>alert(2)</script> &lt; [x](javascript:y)'

/** NanoFlow with an annotation of each type on its PDF, and two that lost their place. */
const annotated: PaperDetail = {
  ...nanoflow,
  annotations: [
    pdfAnnotation(11, {
      type: 'highlight',
      color: 'yellow',
      quote: 'overlaps compute-,\n memory and network',
      comment: 'the *key* idea',
    }),
    pdfAnnotation(12, {
      type: 'underline',
      color: 'blue',
      quote: 'runs on to the next page',
      comment: null,
      position: { pageIndex: 2, rects: [[316, 90, 540, 100]], nextPageRects: [[72, 700, 90, 710]] },
    }),
    pdfAnnotation(13, { type: 'note', color: 'pink', quote: '', comment: HOSTILE }),
    pdfAnnotation(14, {
      type: 'area',
      color: 'green',
      quote: 'Figure 2: Throughput',
      comment: 'Figure 2',
      hasImage: true,
      position: { pageIndex: 4, rects: [[316, 300, 540, 420]] },
    }),
    pdfAnnotation(15, {
      type: 'highlight',
      color: 'yellow',
      quote: 'a sentence v2 rewrote',
      comment: null,
      detached: 'earlier-version',
    }),
    pdfAnnotation(16, {
      type: 'area',
      color: 'blue',
      quote: '',
      comment: null,
      hasImage: true,
      detached: 'file-removed',
    }),
  ],
}

const ANNOTATION_SECTIONS = (h: string, note: string) => `${h} PDF annotations

- p. 3, yellow highlight: “overlaps compute-, memory and network” — the \\*key\\* idea ([arXiv](https://arxiv.org/abs/2408.12757))
- pp. 3–4, blue underline: “runs on to the next page” ([arXiv](https://arxiv.org/abs/2408.12757))
- p. 3, pink note: \\<img src=x onerror=alert(1)\\> \\<script\\>alert(2)\\</script\\> \\&lt; \\[x\\](javascript:y) ([arXiv](https://arxiv.org/abs/2408.12757))
- p. 5, green area: “Figure 2: Throughput” — Figure 2 ([arXiv](https://arxiv.org/abs/2408.12757))
  ![green area, p. 5](attachments/${note}-p5-14.png)

${h} Detached highlights

No longer found in the abstract:

- “a vanished sentence” — was in v1

${h} Detached PDF annotations

Not placed on the paper's current PDF:

- p. 3, yellow highlight (made on an earlier version of the PDF, not found in the current one): “a sentence v2 rewrote” ([arXiv](https://arxiv.org/abs/2408.12757))
- p. 3, blue area (its PDF is not in the library) ([arXiv](https://arxiv.org/abs/2408.12757))
  ![blue area, p. 3](attachments/${note}-p3-16.png)

${h} Note`

/**
 * Raw HTML as CommonMark and Obsidian read it: a tag, comment, declaration or processing
 * instruction, or a character reference. Escaped ones (\\< \\&) are text; <https://…> is a link.
 */
const RAW_HTML = /(?<!\\)<(?!https?:\/\/[^\s<>]*>)[a-zA-Z/!?]|(?<!\\)&#?\w+;/

describe('Markdown, PDF annotations', () => {
  it('lists them after the abstract highlights, in reading order, detached ones apart', () => {
    const [file] = markdownPerPaper([annotated])
    const note = 'NanoFlow%20Towards%20Optimal%20LLM%20GPU%20Serving'
    expect(file!.content).toContain(ANNOTATION_SECTIONS('##', note))
    expect(file!.content.indexOf('## Highlights')).toBeLessThan(
      file!.content.indexOf('## PDF annotations'),
    )
  })

  it('names a picture file beside the note for each area that has one', () => {
    const [file] = markdownPerPaper([annotated])
    expect(file!.attachments).toEqual([
      { path: 'attachments/NanoFlow Towards Optimal LLM GPU Serving-p5-14.png', annotationId: 14 },
      { path: 'attachments/NanoFlow Towards Optimal LLM GPU Serving-p3-16.png', annotationId: 16 },
    ])
    const [digest] = markdownPerDigest([{ date: '2026-08-06', papers: [formula, annotated] }])
    expect(digest!.content).toContain(ANNOTATION_SECTIONS('###', 'Daily%20papers%202026-08-06'))
    expect(digest!.attachments.map((a) => a.path)).toEqual([
      'attachments/Daily papers 2026-08-06-p5-14.png',
      'attachments/Daily papers 2026-08-06-p3-16.png',
    ])
  })

  it('prints a paper’s annotations alone, pictures not embedded', () => {
    const printed = annotationsMarkdown(annotated)
    expect(printed).toMatch(
      /^# NanoFlow: Towards "Optimal" LLM\/GPU Serving\n\n<https:\/\/arxiv\.org\/abs\/2408\.12757>\n\n## Highlights\n\n- “serve LLMs”/,
    )
    const sections = ANNOTATION_SECTIONS('##', 'x').replace(/\n {2}!\[.*\)/g, '')
    expect(printed).toContain(sections.slice(0, sections.lastIndexOf('\n\n## Note')))
    expect(printed).not.toContain('![')
    expect(annotationsMarkdown(formula)).toBe("# =cmd|' /C calc'!A0\n\nNo annotations yet.\n")
  })

  it('holds no HTML, whatever the titles, abstracts, notes, quotes and comments hold', () => {
    // The note is left out: it is the person's own Markdown, exported as they wrote it.
    const hostile: PaperDetail = {
      ...annotated,
      title: HOSTILE,
      abstract: HOSTILE,
      note: null,
      tags: [HOSTILE],
      highlights: [],
      annotations: annotated.annotations.map((a) => ({
        ...a,
        quote: a.quote && HOSTILE,
        comment: HOSTILE,
      })),
    }
    const files = [
      ...markdownPerPaper([...EXPORT_PAPERS, annotated, hostile]),
      ...markdownPerDigest([{ date: '2026-08-06', papers: [...EXPORT_PAPERS, hostile] }]),
      { content: annotationsMarkdown(hostile) },
    ]
    // Front matter is YAML, where the title and tags are quoted strings.
    const markdown = files.map(({ content }) => content.replace(/^---\n[\s\S]*?\n---\n/, ''))
    for (const content of markdown) expect(content).not.toMatch(RAW_HTML)
    expect(markdown.join('\n')).toContain('%26lt;%20x%20%28javascript%20y%29-p5-14.png)')
    expect(`x ${HOSTILE}`).toMatch(RAW_HTML)
  })
})
