import { describe, expect, it } from 'vitest'
import { openLibrary } from '../library/library'
import { SEED_DIGEST, useTempDir } from '../library/testing/tempDirs'
import { margin } from './testing/margin'

const tempDir = useTempDir()

/** A library folder holding the seed digest, for the CLI to open. */
function seededEnv() {
  const dir = tempDir()
  expect(margin(['import', SEED_DIGEST], { env: { MARGIN_LIBRARY: dir } }).code).toBe(0)
  return { dir, env: { MARGIN_LIBRARY: dir } }
}

describe('margin highlights', () => {
  it('lists a paper’s highlights in reading order with colour, comment and detached ones last', () => {
    const { dir, env } = seededEnv()
    const library = openLibrary(dir)
    const abstract = library.getPaper(1).abstract
    const at = (quote: string) => abstract.indexOf(quote)
    library.createHighlight({
      paperId: 1,
      start: at('planet-scale'),
      end: at('planet-scale') + 12,
      color: 'yellow',
      comment: 'scale matters\nsecond line',
    })
    library.createHighlight({ paperId: 1, start: 4, end: 14, color: 'blue' })
    library.createHighlight({ paperId: 1, start: at('GPUs'), end: at('GPUs') + 4, color: 'pink' })
    library.db
      .prepare('UPDATE papers SET abstract = replace(abstract, ?, ?) WHERE id = 1')
      .run('GPUs', 'accelerators')
    library.close()

    const text = margin(['highlights', '1'], { env })
    expect(text.code).toBe(0)
    expect(text.stdout).toBe(
      [
        '#1  NanoFlow: Towards Optimal Large Language Model Serving Throughput',
        '',
        'blue: "increasing"',
        '',
        'yellow: "planet-scale"',
        '  scale matters',
        '  second line',
        '',
        'pink (detached): "GPUs"',
        '',
      ].join('\n'),
    )
    const listed = JSON.parse(margin(['highlights', '1', '--json'], { env }).stdout)
    expect(listed.map((h: { quote: string; anchor: unknown }) => [h.quote, h.anchor])).toEqual([
      ['increasing', { start: 4, end: 14 }],
      ['planet-scale', { start: at('planet-scale'), end: at('planet-scale') + 12 }],
      ['GPUs', null],
    ])
    expect(margin(['highlights', '2'], { env }).stdout).toBe('#2 has no highlights.\n')
    expect(margin(['highlights', '999'], { env })).toMatchObject({
      code: 1,
      stderr: 'margin highlights: There is no paper with id 999.\n',
    })
  })
})

describe('margin tags', () => {
  it('lists tags with counts, renames, merges and deletes them', () => {
    const { env } = seededEnv()
    expect(margin(['tags'], { env }).stdout).toBe('No tags yet: `margin tag ID TAG...` adds one.\n')
    margin(['tag', '1', 'serving', 'systems'], { env })
    margin(['tag', '2', 'diffusion'], { env })
    margin(['tag', '3', 'Systems'], { env })
    expect(margin(['tags'], { env }).stdout).toBe(
      '     1  diffusion\n     1  serving\n     2  systems\n',
    )

    expect(margin(['tags', 'rename', 'diffusion', 'generative models'], { env }).stdout).toBe(
      'Renamed "diffusion" to "generative models".\n     1  generative models\n     1  serving\n     2  systems\n',
    )
    expect(
      JSON.parse(margin(['tags', 'rename', 'SYSTEMS', 'Serving', '--json'], { env }).stdout),
    ).toEqual([
      { name: 'generative models', count: 1 },
      { name: 'serving', count: 2 },
    ])
    expect(margin(['tags', 'delete', 'serving'], { env }).stdout).toBe(
      'Deleted the tag "serving".\n     1  generative models\n',
    )
    expect(JSON.parse(margin(['tags', '--json'], { env }).stdout)).toEqual([
      { name: 'generative models', count: 1 },
    ])
    expect(JSON.parse(margin(['show', '3', '--json'], { env }).stdout).tags).toEqual([])
  })

  it('explains a wrong shape or a missing tag', () => {
    const { env } = seededEnv()
    const usage = 'usage: margin tags [rename FROM TO | delete NAME] [--json]\n'
    expect(margin(['tags', 'rename', 'only-one'], { env })).toMatchObject({
      code: 2,
      stderr: usage,
    })
    expect(margin(['tags', 'frobnicate'], { env })).toMatchObject({ code: 2, stderr: usage })
    expect(margin(['tags', 'delete', 'nope'], { env })).toMatchObject({
      code: 1,
      stderr: 'margin tags: There is no tag "nope".\n',
    })
  })
})
