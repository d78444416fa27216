import { describe, expect, it } from 'vitest'
import { uniqueFileNames } from './fileNames'

const one = (title: string) => uniqueFileNames([title], '.md')[0]!

describe('file names from titles', () => {
  it('drops characters Windows, macOS, Linux or Obsidian links refuse', () => {
    expect(one('NanoFlow: Towards "Optimal" LLM/GPU Serving?')).toBe(
      'NanoFlow Towards Optimal LLM GPU Serving.md',
    )
    expect(one('a\\b*c<d>e|f#g^h[i]j')).toBe('a b c d e f g h i j.md')
    expect(one('tab\there\nnew\u0000line\u202egnp.exe')).toBe('tab here new line gnp.exe.md')
  })

  it('never ends in a dot or space, never starts hidden, never is empty', () => {
    expect(one('Ends with dots... ')).toBe('Ends with dots.md')
    expect(one('.hidden')).toBe('hidden.md')
    expect(one('/:*?')).toBe('Untitled.md')
  })

  it('steers clear of names Windows reserves for devices', () => {
    expect(uniqueFileNames(['CON', 'nul', 'Com1', 'Console'], '.md')).toEqual([
      'CON_.md',
      'nul_.md',
      'Com1_.md',
      'Console.md',
    ])
  })

  it('keeps 120 characters at most, cut at a whole character, and 200 bytes', () => {
    expect(one('x'.repeat(300))).toBe(`${'x'.repeat(120)}.md`)
    const family = '👨‍👩‍👧'
    const emoji = one(`${'y'.repeat(115)}${family}${family}`)
    expect(emoji).toBe(`${'y'.repeat(115)}.md`)
    const cjk = one('論'.repeat(100))
    expect(Buffer.byteLength(cjk.slice(0, -3))).toBeLessThanOrEqual(200)
    expect(cjk).toBe(`${'論'.repeat(66)}.md`)
  })

  it('tells apart titles that would be one file, ignoring case as macOS and Windows do', () => {
    expect(uniqueFileNames(['Same', 'same', 'SAME', 'Same (2)', 'Other'], '.md')).toEqual([
      'Same.md',
      'same (2).md',
      'SAME (3).md',
      'Same (2) (2).md',
      'Other.md',
    ])
  })

  it('fits the suffix inside the length limit', () => {
    const [first, second] = uniqueFileNames(['z'.repeat(200), 'Z'.repeat(200)], '.md')
    expect(first).toBe(`${'z'.repeat(120)}.md`)
    expect(second).toBe(`${'Z'.repeat(116)} (2).md`)
  })
})
