import {
  closeSync,
  mkdtempSync,
  openSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SYNC_LIMITS } from '../ops'
import { countLines, lastLine, readLines, type LineEvent } from './lineReader'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'margin-lines-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name)
  writeFileSync(path, content)
  return path
}

const all = (path: string, options?: Parameters<typeof readLines>[1]): LineEvent[] => [
  ...readLines(path, options),
]

/** Writes `bytes` bytes of 'a' in a few big writes (fast even for 100 MB). */
function writeRun(fd: number, bytes: number): void {
  const block = Buffer.alloc(16 * 1024 * 1024, 0x61)
  for (let left = bytes; left > 0; left -= block.length) {
    writeSync(fd, block, 0, Math.min(left, block.length))
  }
}

describe('readLines', () => {
  it('gives each complete line with its index, dropping \\r before \\n', () => {
    const path = file('a.jsonl', 'one\r\ntwo\n\nfour\n')
    expect(all(path)).toEqual([
      { kind: 'line', index: 0, text: 'one' },
      { kind: 'line', index: 1, text: 'two' },
      { kind: 'line', index: 2, text: '' },
      { kind: 'line', index: 3, text: 'four' },
    ])
  })

  it('gives nothing for an empty file', () => {
    expect(all(file('empty', ''))).toEqual([])
  })

  it('reports bytes after the last newline as a torn tail, not as a line', () => {
    const path = file('torn.jsonl', 'one\ntwo\n{"half":')
    expect(all(path)).toEqual([
      { kind: 'line', index: 0, text: 'one' },
      { kind: 'line', index: 1, text: 'two' },
      { kind: 'torn', index: 2, bytes: 8 },
    ])
  })

  it('puts lines together across chunk boundaries, multi-byte characters included', () => {
    const lines = ['héllo wörld ✓', '', 'x'.repeat(50), '日本語のテキスト', '🙂🙂']
    const path = file('chunks.jsonl', lines.join('\n') + '\n')
    for (const chunkBytes of [1, 2, 3, 7, 64]) {
      const texts = all(path, { chunkBytes }).map((event) =>
        event.kind === 'line' ? event.text : event.kind,
      )
      expect(texts).toEqual(lines)
    }
  })

  it('passes over a line longer than the limit, reporting its length, and reads on', () => {
    const path = file('long.jsonl', `short\n${'x'.repeat(100)}\nafter\n`)
    for (const chunkBytes of [4, 16, 1024]) {
      expect(all(path, { maxLineBytes: 10, chunkBytes })).toEqual([
        { kind: 'line', index: 0, text: 'short' },
        { kind: 'oversize', index: 1, bytes: 100 },
        { kind: 'line', index: 2, text: 'after' },
      ])
    }
  })

  it('takes a line of exactly the limit, and counts a torn tail past the limit', () => {
    const path = file('edge.jsonl', `${'y'.repeat(10)}\n${'z'.repeat(25)}`)
    expect(all(path, { maxLineBytes: 10, chunkBytes: 4 })).toEqual([
      { kind: 'line', index: 0, text: 'y'.repeat(10) },
      { kind: 'torn', index: 1, bytes: 25 },
    ])
  })

  it('reads through a 100 MB line without holding it, quickly', () => {
    const path = join(dir, 'huge.jsonl')
    const fd = openSync(path, 'w')
    writeSync(fd, 'before\n')
    writeRun(fd, 100 * 1024 * 1024)
    writeSync(fd, '\nafter\n')
    closeSync(fd)

    const started = performance.now()
    const baseline = process.memoryUsage().arrayBuffers
    let peak = 0
    const events: LineEvent[] = []
    for (const event of readLines(path)) {
      peak = Math.max(peak, process.memoryUsage().arrayBuffers - baseline)
      events.push(event)
    }
    expect(events).toEqual([
      { kind: 'line', index: 0, text: 'before' },
      { kind: 'oversize', index: 1, bytes: 100 * 1024 * 1024 },
      { kind: 'line', index: 2, text: 'after' },
    ])
    // Nothing near the line's 100 MB was held (the limit itself is 8 MiB).
    expect(peak).toBeLessThan(SYNC_LIMITS.lineBytes + 4 * 1024 * 1024)
    expect(performance.now() - started).toBeLessThan(3000)
  })

  it('reads a 100 MB file of ordinary lines in order', () => {
    const path = join(dir, 'big.jsonl')
    const line = `{"n":"${'b'.repeat(1000)}"}\n`
    const block = Buffer.from(line.repeat(16 * 1024))
    const fd = openSync(path, 'w')
    const blocks = Math.ceil((100 * 1024 * 1024) / block.length)
    for (let i = 0; i < blocks; i++) writeSync(fd, block)
    closeSync(fd)

    const started = performance.now()
    let count = 0
    let wrong = 0
    for (const event of readLines(path)) {
      if (event.kind !== 'line' || event.index !== count || event.text.length !== line.length - 1)
        wrong += 1
      count += 1
    }
    expect(wrong).toBe(0)
    expect(count).toBe(blocks * 16 * 1024)
    expect(countLines(path)).toEqual({ lines: count, tornBytes: 0 })
    expect(performance.now() - started).toBeLessThan(10_000)
  })

  it('closes the file when the reader stops early', () => {
    const path = file('early.jsonl', 'a\nb\nc\n')
    for (const event of readLines(path)) {
      expect(event.index).toBe(0)
      break
    }
    // On every platform a closed file can be removed and written again.
    rmSync(path)
    expect(all(file('early.jsonl', 'z\n'))).toEqual([{ kind: 'line', index: 0, text: 'z' }])
  })

  it('throws when the file is not there', () => {
    expect(() => all(join(dir, 'missing.jsonl'))).toThrow(/ENOENT/)
  })

  it.skipIf(process.platform === 'win32')('does not follow a link', () => {
    const target = file('target.jsonl', 'secret\n')
    const link = join(dir, 'link.jsonl')
    symlinkSync(target, link)
    expect(() => all(link)).toThrow(/ELOOP|symbolic link/)
    expect(() => countLines(link)).toThrow(/ELOOP|symbolic link/)
  })
})

describe('countLines', () => {
  it('counts complete lines and the bytes after the last', () => {
    expect(countLines(file('a', 'one\ntwo\nthr'), 2)).toEqual({ lines: 2, tornBytes: 3 })
    expect(countLines(file('b', ''))).toEqual({ lines: 0, tornBytes: 0 })
    expect(countLines(file('c', '\n\n'))).toEqual({ lines: 2, tornBytes: 0 })
  })
})

describe('lastLine', () => {
  it('gives the last complete line of a file that ends with a newline', () => {
    expect(lastLine(file('a', 'one\ntwo\r\n'))).toBe('two')
    expect(lastLine(file('b', 'only\n'))).toBe('only')
    expect(lastLine(file('c', '\n'))).toBe('')
  })

  it('gives null while the last line is still arriving, or when it is long', () => {
    expect(lastLine(file('a', 'one\ntw'))).toBeNull()
    expect(lastLine(file('b', ''))).toBeNull()
    expect(lastLine(file('c', `x\n${'y'.repeat(100)}\n`), 50)).toBeNull()
    expect(lastLine(file('d', `${'y'.repeat(100)}\n`), 50)).toBeNull()
    expect(lastLine(file('e', `${'y'.repeat(50)}\n`), 50)).toBe('y'.repeat(50))
  })
})
