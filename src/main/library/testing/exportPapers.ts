import type { Highlight, PaperDetail } from '../../../shared/models'

const AT = Date.UTC(2026, 7, 6, 9, 30)

function highlight(
  id: number,
  paperId: number,
  quote: string,
  anchor: Highlight['anchor'],
  comment: string | null,
): Highlight {
  const at = AT + id * 60_000
  return {
    id,
    paperId,
    quote,
    prefix: '',
    suffix: '',
    color: 'yellow',
    comment,
    createdAt: at,
    updatedAt: at,
    anchor,
  }
}

const ABSTRACT_1 =
  'We serve LLMs at 1.9x throughput, see https://github.com/nano_flow/nano_flow. Costs $5 and #1 *fast*, a==b.'

/** Papers with the text that trips up exporters: quotes, commas, newlines, braces, =cmd, unicode. */
export const EXPORT_PAPERS: PaperDetail[] = [
  {
    id: 1,
    title: 'NanoFlow: Towards "Optimal" LLM/GPU Serving',
    abstract: ABSTRACT_1,
    arxivId: '2408.12757',
    links: ['https://github.com/nano_flow/nano_flow'],
    submittedBy: 'akhaliq',
    authorCount: 7,
    upvotes: 42,
    status: 'to-read',
    digests: ['2026-08-06', '2026-08-05'],
    note: '# Why\n\nOverlap, "really" matters.\n',
    noteUpdatedAt: AT,
    tags: ['gpu', 'systems, serving'],
    addedAt: AT,
    statusHistory: [{ from: 'new', to: 'to-read', at: AT + 1000 }],
    highlights: [
      highlight(1, 1, 'serve LLMs', { start: 3, end: 13 }, 'the claim, "1.9x"'),
      highlight(
        2,
        1,
        'fast',
        { start: ABSTRACT_1.indexOf('fast'), end: ABSTRACT_1.indexOf('fast') + 4 },
        null,
      ),
      highlight(3, 1, 'a vanished sentence', null, 'was in v1'),
    ],
  },
  {
    id: 2,
    title: "=cmd|' /C calc'!A0",
    abstract: 'Café naïve — “unicode”, {braces} & 100%\n- a new line',
    arxivId: null,
    links: [],
    submittedBy: null,
    authorCount: null,
    upvotes: null,
    status: 'new',
    digests: ['2026-08-06'],
    note: null,
    noteUpdatedAt: null,
    tags: [],
    addedAt: AT,
    statusHistory: [],
    highlights: [],
  },
  {
    id: 3,
    title: 'Über {Braces} & 100% of T3: A_B #1 ~x^2 \\cmd',
    abstract: 'Plain.',
    arxivId: '2408.00001',
    links: ['https://example.org/a'],
    submittedBy: null,
    authorCount: null,
    upvotes: null,
    status: 'read',
    digests: ['2026-08-05'],
    note: '-2+3, "x"',
    noteUpdatedAt: AT,
    tags: ['=HYPERLINK("x")'],
    addedAt: AT,
    statusHistory: [],
    highlights: [],
  },
  {
    id: 4,
    title: 'nanoflow: towards "optimal" llm/gpu serving',
    abstract: 'A second paper whose file name would be the first one’s.',
    arxivId: null,
    links: ['https://example.org/second'],
    submittedBy: null,
    authorCount: null,
    upvotes: null,
    status: 'not-reading',
    digests: ['2026-08-05'],
    note: null,
    noteUpdatedAt: null,
    tags: [],
    addedAt: AT,
    statusHistory: [],
    highlights: [],
  },
]
