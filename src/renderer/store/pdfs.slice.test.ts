import { describe, expect, it } from 'vitest'
import type { DownloadStatus } from '../../shared/models'
import { splitPdfs, storedBetween } from './pdfs.slice'

const running = (paperId: number, done: number): DownloadStatus => ({
  paused: false,
  online: true,
  total: 3,
  done,
  waiting: 3 - done,
  current: { paperId, title: `Paper ${paperId}` },
  failed: [],
})

describe('storedBetween', () => {
  it('names the paper whose download ended with one more done', () => {
    expect(storedBetween(running(1, 0), running(2, 1))).toBe(1)
    expect(storedBetween(running(3, 2), { ...running(3, 3), current: null, waiting: 0 })).toBe(3)
  })

  it('names none while the same paper is still downloading, or before anything ran', () => {
    expect(storedBetween(running(1, 0), running(1, 0))).toBeNull()
    expect(storedBetween(null, running(1, 0))).toBeNull()
    expect(storedBetween({ ...running(1, 0), current: null }, running(2, 1))).toBeNull()
  })

  it('names none when the paper failed or was put back (paused, cancelled)', () => {
    const failed = {
      ...running(2, 0),
      failed: [{ paperId: 1, title: 'Paper 1', problem: 'arXiv answered 404 Not Found.' }],
    }
    expect(storedBetween(running(1, 0), failed)).toBeNull()
    expect(
      storedBetween(running(1, 0), { ...running(1, 0), current: null, paused: true }),
    ).toBeNull()
  })
})

describe('splitPdfs', () => {
  const file = (name: string, text: string, type = '') => new File([text], name, { type })

  it('sends PDFs by name, type or first bytes one way and digests the other', async () => {
    const { pdfs, others } = await splitPdfs([
      file('paper.pdf', 'anything'),
      file('download', '%PDF-1.7\n…'),
      file('x', 'bytes', 'application/pdf'),
      file('daily-papers-aug-7.txt', 'Daily Papers\n\nAug 7\n'),
      file('feed.xml', '<feed/>'),
    ])
    expect(pdfs.map((f) => f.name)).toEqual(['paper.pdf', 'download', 'x'])
    expect(others.map((f) => f.name)).toEqual(['daily-papers-aug-7.txt', 'feed.xml'])
  })
})
