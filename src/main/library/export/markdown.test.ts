import { describe, expect, it } from 'vitest'
import { EXPORT_PAPERS } from '../testing/exportPapers'
import { markdownPerDigest, markdownPerPaper } from './markdown'
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
