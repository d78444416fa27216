import { describe, expect, it } from 'vitest'
import type { DownloadStatus } from '../shared/models'
import { MATCH_END, MATCH_START } from '../shared/models'
import {
  annotationHitLabel,
  leadToMatch,
  downloadLine,
  downloadsActive,
  fileSize,
  hasPdfSignature,
  isPdfName,
  originLabel,
  pagesShown,
  progressLabel,
  textStateLabel,
} from './pdfFormat'

const idle: DownloadStatus = {
  paused: false,
  online: true,
  total: 0,
  done: 0,
  waiting: 0,
  current: null,
  failed: [],
}

describe('fileSize', () => {
  it('says bytes, then KB, MB and GB with one decimal below 100', () => {
    expect(fileSize(0)).toBe('0 bytes')
    expect(fileSize(1)).toBe('1 byte')
    expect(fileSize(1023)).toBe('1023 bytes')
    expect(fileSize(1024)).toBe('1 KB')
    expect(fileSize(840 * 1024 + 300)).toBe('840 KB')
    expect(fileSize(3.24 * 1024 * 1024)).toBe('3.2 MB')
    expect(fileSize(250 * 1024 * 1024)).toBe('250 MB')
    expect(fileSize(1.5 * 1024 ** 3)).toBe('1.5 GB')
  })
})

describe('reading progress and matched pages', () => {
  it('shows the page the reader was on out of all', () => {
    expect(progressLabel({ page: 7, pageCount: 24 })).toBe('p. 7/24')
  })

  it('lists the first pages and counts the rest', () => {
    expect(pagesShown([3, 7])).toEqual({ pages: [3, 7], more: 0 })
    expect(pagesShown([1, 2, 3, 4, 5, 6, 9], 5)).toEqual({ pages: [1, 2, 3, 4, 5], more: 2 })
  })

  it('says on which pages a search hit annotations', () => {
    expect(annotationHitLabel([3])).toBe('in an annotation, p. 3')
    expect(annotationHitLabel([3, 3, 7])).toBe('in annotations, p. 3, 7')
    expect(annotationHitLabel([1, 2, 3, 4, 9])).toBe('in annotations, p. 1, 2, 3 +2')
  })
})

describe('originLabel', () => {
  it('names arXiv downloads by id and version', () => {
    expect(originLabel('https://export.arxiv.org/pdf/2408.01234v2')).toBe('arXiv 2408.01234v2')
    expect(originLabel('https://arxiv.org/pdf/2408.01234v1.pdf')).toBe('arXiv 2408.01234v1')
  })

  it('keeps other addresses and attached file names as they are', () => {
    expect(originLabel('http://127.0.0.1:4312/pdf/2408.01234v3')).toBe('arXiv 2408.01234v3')
    expect(originLabel('https://example.org/papers/a.pdf')).toBe(
      'Downloaded from https://example.org/papers/a.pdf',
    )
    expect(originLabel('attention.pdf')).toBe('attention.pdf')
  })
})

describe('textStateLabel', () => {
  it('says whether the text is searchable, and why not', () => {
    expect(textStateLabel({ textState: 'pending', textProblem: null })).toMatch(/reading/)
    expect(textStateLabel({ textState: 'done', textProblem: null })).toBe('text searchable')
    expect(textStateLabel({ textState: 'failed', textProblem: 'It has no text layer.' })).toBe(
      'text not searchable: It has no text layer.',
    )
  })
})

describe('downloadLine', () => {
  it('says nothing for an empty queue', () => {
    expect(downloadLine(idle)).toBeNull()
    expect(downloadsActive(idle)).toBe(false)
    expect(downloadsActive(null)).toBe(false)
  })

  it('counts the paper being downloaded among those of the run', () => {
    const status = {
      ...idle,
      total: 12,
      done: 2,
      waiting: 10,
      current: { paperId: 4, title: 'Attention Is All You Need' },
    }
    expect(downloadLine(status)).toBe('Downloading 3 of 12 — Attention Is All You Need')
    expect(downloadsActive(status)).toBe(true)
    const withFailure = {
      ...status,
      done: 1,
      failed: [{ paperId: 2, title: 'T', problem: 'arXiv has no PDF for this id (404).' }],
    }
    expect(downloadLine(withFailure)).toBe('Downloading 3 of 12 — Attention Is All You Need')
  })

  it('says when the queue waits for the network or is paused', () => {
    const waiting = { ...idle, total: 5, done: 1, waiting: 4 }
    expect(downloadLine({ ...waiting, online: false })).toBe('Offline — waiting to reconnect')
    expect(downloadLine({ ...waiting, paused: true })).toBe(
      'Downloads paused — 1 of 5 downloaded, 4 waiting',
    )
    expect(downloadLine(waiting)).toBe('Waiting to download 4 of 5')
    expect(downloadLine({ ...idle, paused: true })).toBe('Downloads paused')
  })

  it('sums up a finished run with its failures', () => {
    const failed = [{ paperId: 2, title: 'T', problem: 'arXiv refused the request (403).' }]
    expect(downloadLine({ ...idle, total: 3, done: 2, failed })).toBe('Downloaded 2 of 3, 1 failed')
    expect(downloadLine({ ...idle, total: 3, done: 3 })).toBe('Downloaded 3 of 3')
  })
})

describe('telling PDFs from digests', () => {
  it('goes by the name or type first', () => {
    expect(isPdfName({ name: 'Paper.PDF', type: '' })).toBe(true)
    expect(isPdfName({ name: 'download', type: 'application/pdf' })).toBe(true)
    expect(isPdfName({ name: 'daily-papers.txt', type: 'text/plain' })).toBe(false)
  })

  it('then by the bytes every PDF starts with', () => {
    const bytes = (text: string) => new TextEncoder().encode(text)
    expect(hasPdfSignature(bytes('%PDF-1.7\n'))).toBe(true)
    expect(hasPdfSignature(bytes('%PDF'))).toBe(false)
    expect(hasPdfSignature(bytes('Daily Papers\nAug 6'))).toBe(false)
  })
})

describe('leadToMatch', () => {
  const mark = (word: string) => `${MATCH_START}${word}${MATCH_END}`

  it('leaves a snippet whose match comes early as it is', () => {
    const snippet = `…the ${mark('quokka')} economics of small marsupials…`
    expect(leadToMatch(snippet, 40)).toBe(snippet)
  })

  it('cuts the words far before the first match, at a word boundary', () => {
    const snippet = `…${'lorem ipsum dolor sit amet '.repeat(4)}and then ${mark('quokkanomics')} ends`
    const cut = leadToMatch(snippet, 20)
    expect(cut.startsWith('…')).toBe(true)
    expect(cut).toContain(`and then ${mark('quokkanomics')} ends`)
    expect(cut.indexOf(MATCH_START)).toBeLessThanOrEqual(21)
    expect(cut).toMatch(/^…[a-z]/)
  })

  it('keeps a snippet without a match', () => {
    expect(leadToMatch('no match here', 3)).toBe('no match here')
  })
})
