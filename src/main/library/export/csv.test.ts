import { describe, expect, it } from 'vitest'
import { EXPORT_PAPERS } from '../testing/exportPapers'
import { papersCsv } from './csv'

describe('CSV', () => {
  const csv = papersCsv(EXPORT_PAPERS)

  it('writes one RFC 4180 row per paper, UTF-8 with a byte-order mark for Excel', () => {
    expect(csv).toBe(
      '\uFEFFid,title,arxiv_id,authors,categories,published,upvotes,status,digests,tags,has_note,note,link,added_at\r\n' +
        '1,"NanoFlow: Towards ""Optimal"" LLM/GPU Serving",2408.12757,,,,42,to-read,2026-08-06;2026-08-05,' +
        '"gpu;systems, serving",yes,"# Why\n\nOverlap, ""really"" matters.\n",' +
        'https://arxiv.org/abs/2408.12757,2026-08-06T09:30:00.000Z\r\n' +
        "2,'=cmd|' /C calc'!A0,,,,,,new,2026-08-06,,no,,,2026-08-06T09:30:00.000Z\r\n" +
        '3,Über {Braces} & 100% of T3: A_B #1 ~x^2 \\cmd,2408.00001,,,,,read,2026-08-05,' +
        `"'=HYPERLINK(""x"")",yes,"'-2+3, ""x""",https://arxiv.org/abs/2408.00001,2026-08-06T09:30:00.000Z\r\n` +
        '4,"nanoflow: towards ""optimal"" llm/gpu serving",,,,,,not-reading,2026-08-05,,no,,' +
        'https://example.org/second,2026-08-06T09:30:00.000Z\r\n',
    )
  })

  it('lists authors and categories with ";" and gives the publication day and upvotes', () => {
    const paper = {
      ...EXPORT_PAPERS[0]!,
      authors: ['Kan Zhu', 'Yilong Zhao'],
      categories: ['cs.DC', 'cs.LG'],
      publishedAt: '2024-08-22',
    }
    expect(papersCsv([paper]).split('\r\n')[1]).toMatch(
      /^1,[^,]+,2408\.12757,Kan Zhu;Yilong Zhao,cs\.DC;cs\.LG,2024-08-22,42,to-read,/,
    )
  })

  it('defuses every cell a spreadsheet would run as a formula', () => {
    const cells = ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'].map(
      (title) =>
        papersCsv([{ ...EXPORT_PAPERS[1]!, title }])
          .split('\r\n')[1]!
          .split(',')[1],
    )
    expect(cells).toEqual(["'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tx", '"\'\rx"'])
  })

  it('is only the header for no papers', () => {
    expect(papersCsv([])).toBe(
      '\uFEFFid,title,arxiv_id,authors,categories,published,upvotes,status,digests,tags,has_note,note,link,added_at\r\n',
    )
  })
})
