import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { hasConflictMarkers } from '../../../../shared/noteTextMerge'
import { formatHlc } from '../hlc'
import { editTime, materializeNote, prunableVersions, type NoteVersion } from './noteMerge'

const A = 'aaaaaaaaaaaaaaaa'
const B = 'bbbbbbbbbbbbbbbb'
const C = 'cccccccccccccccc'
const AUG_6 = Date.UTC(2024, 7, 6, 9, 30)
const MINUTE = 60_000

const clock = (minutes: number, device = A, counter = 0) =>
  formatHlc({ wall: AUG_6 + minutes * MINUTE, counter, device })

const version = (
  gid: string,
  parents: string[],
  body: string,
  hlc: string = clock(0),
): NoteVersion => ({ gid, parents, body, hlc })

const lines = (...text: string[]) => text.join('\n')

describe('materializeNote', () => {
  it('is empty without versions, and one head is its body', () => {
    expect(materializeNote([])).toEqual({ body: '', conflict: false, heads: [] })
    const v1 = version(`${A}:1`, [], 'first thoughts', clock(0))
    const v2 = version(`${A}:2`, [`${A}:1`], 'second thoughts', clock(1))
    expect(materializeNote([v2, v1])).toEqual({
      body: 'second thoughts',
      conflict: false,
      heads: [`${A}:2`],
    })
  })

  it('merges edits of different lines silently', () => {
    const base = version(`${A}:1`, [], lines('intro', 'method', 'results'), clock(0))
    const ours = version(`${A}:2`, [`${A}:1`], lines('Intro!', 'method', 'results'), clock(5))
    const theirs = version(
      `${B}:1`,
      [`${A}:1`],
      lines('intro', 'method', 'results', 'see also [3]'),
      clock(6, B),
    )
    const note = materializeNote([base, ours, theirs])
    expect(note).toEqual({
      body: lines('Intro!', 'method', 'results', 'see also [3]'),
      conflict: false,
      heads: [`${A}:2`, `${B}:1`],
    })
  })

  it('keeps both texts of an overlapping edit between markers dated by their clocks', () => {
    const base = version(`${A}:1`, [], lines('title', 'the claim holds', 'end'), clock(0))
    const ours = version(`${A}:2`, [`${A}:1`], lines('title', 'the claim fails', 'end'), clock(3))
    const theirs = version(
      `${B}:7`,
      [`${A}:1`],
      lines('title', 'the claim is open', 'end'),
      clock(64, B),
    )
    const note = materializeNote([theirs, base, ours])
    expect(note.body).toBe(
      lines(
        'title',
        '<<<<<<< edit of 2024-08-06 09:33 UTC',
        'the claim fails',
        '=======',
        'the claim is open',
        '>>>>>>> edit of 2024-08-06 10:34 UTC',
        'end',
      ),
    )
    expect(note.conflict).toBe(true)
  })

  it('folds three heads, each against the latest ancestor common to them', () => {
    const base = version(`${A}:1`, [], lines('a', 'b', 'c', 'd'), clock(0))
    const one = version(`${A}:2`, [`${A}:1`], lines('A', 'b', 'c', 'd'), clock(1))
    const two = version(`${B}:1`, [`${A}:1`], lines('a', 'b', 'C', 'd'), clock(2, B))
    const three = version(`${C}:1`, [`${A}:1`], lines('a', 'b', 'c', 'd', 'e'), clock(3, C))
    expect(materializeNote([three, two, one, base])).toEqual({
      body: lines('A', 'b', 'C', 'd', 'e'),
      conflict: false,
      heads: [`${A}:2`, `${B}:1`, `${C}:1`],
    })
  })

  it('never conflicts over a device that changed nothing', () => {
    const base = version(`${A}:1`, [], lines('one', 'two'), clock(0))
    const edited = version(`${A}:2`, [`${A}:1`], lines('one', 'two', 'three'), clock(1))
    const unchanged = version(`${B}:1`, [`${A}:1`], lines('one', 'two'), clock(2, B))
    const note = materializeNote([base, edited, unchanged])
    expect(note).toMatchObject({ body: lines('one', 'two', 'three'), conflict: false })
  })

  it('takes the same change made on two devices once', () => {
    const base = version(`${A}:1`, [], lines('x', 'y'), clock(0))
    const ours = version(`${A}:2`, [`${A}:1`], lines('x', 'Y'), clock(1))
    const theirs = version(`${B}:1`, [`${A}:1`], lines('x', 'Y'), clock(2, B))
    expect(materializeNote([base, ours, theirs])).toMatchObject({
      body: lines('x', 'Y'),
      conflict: false,
    })
  })

  it('keeps both texts of two notes written apart (no common version)', () => {
    const ours = version(`${A}:1`, [], 'read with [12]', clock(0))
    const theirs = version(`${B}:1`, [], 'weak baseline', clock(1, B))
    const note = materializeNote([ours, theirs])
    expect(note.conflict).toBe(true)
    expect(note.body).toContain('read with [12]')
    expect(note.body).toContain('weak baseline')
  })

  it('reads the merged version once it exists, without markers', () => {
    const ours = version(`${A}:1`, [], 'mine', clock(0))
    const theirs = version(`${B}:1`, [], 'theirs', clock(1, B))
    const resolved = version(`${A}:2`, [`${A}:1`, `${B}:1`], 'both, settled', clock(2))
    expect(materializeNote([ours, resolved, theirs])).toEqual({
      body: 'both, settled',
      conflict: false,
      heads: [`${A}:2`],
    })
  })

  it('survives forged parents: a cycle, itself, unknown versions', () => {
    const one = version(`${A}:1`, [`${A}:2`], 'one', clock(0))
    const two = version(`${A}:2`, [`${A}:1`], 'two', clock(1))
    expect(materializeNote([one, two]).body).toBe('two')
    const self = version(`${B}:1`, [`${B}:1`, `${C}:9`], 'self', clock(2, B))
    expect(materializeNote([self]).body).toBe('self')
  })
})

describe('markers', () => {
  it('say the UTC minute of the clock', () => {
    expect(
      editTime(formatHlc({ wall: Date.UTC(2025, 0, 2, 3, 4, 59), counter: 7, device: A })),
    ).toBe('2025-01-02 03:04 UTC')
  })
})

// ---- properties ----

/** A random edit of `text`: lines replaced, inserted, removed; inserted ones are unique. */
const editOf = (text: string, tag: string, seed: number[]): string => {
  const out = text === '' ? [] : text.split('\n')
  seed.forEach((choice, i) => {
    const at = out.length === 0 ? 0 : choice % (out.length + 1)
    switch (choice % 3) {
      case 0:
        out.splice(at, 0, `${tag}-${i}`)
        break
      case 1:
        if (out.length > 0) out.splice(at % out.length, 1)
        break
      default:
        if (out.length > 0) out[at % out.length] = `${tag}-${i}*`
        else out.push(`${tag}-${i}*`)
    }
  })
  return out.join('\n')
}

const DEVICES = [A, B, C]

/**
 * A history of a note on three devices: each step a device edits the text it sees (the versions
 * it has, materialized), naming its heads as parents; devices now and then receive the others'.
 */
const historyArb = fc
  .array(
    fc.record({
      device: fc.integer({ min: 0, max: 2 }),
      edit: fc.array(fc.nat({ max: 50 }), { minLength: 1, maxLength: 4 }),
      receiveFrom: fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }),
    }),
    { minLength: 1, maxLength: 12 },
  )
  .map((steps) => {
    const seen: Array<Map<string, NoteVersion>> = DEVICES.map(() => new Map())
    const all: NoteVersion[] = []
    steps.forEach((step, i) => {
      const mine = seen[step.device]!
      if (step.receiveFrom !== null) {
        for (const v of seen[step.receiveFrom]!.values()) mine.set(v.gid, v)
      }
      const now = materializeNote([...mine.values()])
      const device = DEVICES[step.device]!
      const v: NoteVersion = {
        gid: `${device}:${i + 1}`,
        parents: now.heads,
        body: editOf(now.body, `${'abc'[step.device]}${i}`, step.edit),
        hlc: clock(i, device),
      }
      mine.set(v.gid, v)
      all.push(v)
    })
    return all
  })

describe('materializeNote properties', () => {
  it('gives the same text for the same versions in any order, with duplicates', () => {
    fc.assert(
      fc.property(historyArb, fc.array(fc.nat()), (versions, picks) => {
        const shuffled = [...versions, ...picks.map((p) => versions[p % versions.length]!)]
        picks.forEach((p, i) => {
          const [x, y] = [i % shuffled.length, p % shuffled.length]
          ;[shuffled[x], shuffled[y]] = [shuffled[y]!, shuffled[x]!]
        })
        const reversed = [...versions].reverse()
        const expected = materializeNote(versions)
        expect(materializeNote(shuffled)).toEqual(expected)
        expect(materializeNote(reversed)).toEqual(expected)
      }),
    )
  })

  it('keeps every line each head added to the common base, in the text or between markers', () => {
    const baseArb = fc.array(fc.constantFrom('alpha', 'beta', 'gamma', 'delta', ''), {
      maxLength: 6,
    })
    const headsArb = fc.array(fc.array(fc.nat({ max: 40 }), { minLength: 1, maxLength: 5 }), {
      minLength: 2,
      maxLength: 4,
    })
    fc.assert(
      fc.property(baseArb, headsArb, (baseLines, edits) => {
        const base = version(`${A}:1`, [], baseLines.join('\n'), clock(0))
        const heads = edits.map((edit, i) =>
          version(
            `${DEVICES[i % 3]}:${i + 2}`,
            [base.gid],
            editOf(base.body, `h${i}`, edit),
            clock(i + 1, DEVICES[i % 3]),
          ),
        )
        const note = materializeNote([base, ...heads])
        const out = new Set(note.body.split('\n'))
        for (const head of heads) {
          for (const line of head.body.split('\n')) {
            if (/^h\d+-/.test(line)) expect(out).toContain(line)
          }
        }
        expect(note.conflict).toBe(hasConflictMarkers(note.body))
      }),
    )
  })

  it('reads the same after pruning to the versions it keeps', () => {
    fc.assert(
      fc.property(historyArb, fc.integer({ min: 1, max: 6 }), (versions, keep) => {
        const gone = new Set(prunableVersions(versions, keep))
        const kept = versions.filter((v) => !gone.has(v.gid))
        expect(kept.length).toBeGreaterThanOrEqual(Math.min(keep, versions.length) - gone.size)
        expect(materializeNote(kept)).toEqual(materializeNote(versions))
      }),
    )
  })
})

describe('prunableVersions', () => {
  it('drops the oldest of a long history but keeps a branch point still in use', () => {
    const chain: NoteVersion[] = []
    for (let i = 1; i <= 30; i++) {
      chain.push(version(`${A}:${i}`, i === 1 ? [] : [`${A}:${i - 1}`], `v${i}`, clock(i)))
    }
    const linear = prunableVersions(chain, 20)
    expect(linear).toEqual(chain.slice(0, 10).map((v) => v.gid))

    const branch = version(`${B}:1`, [`${A}:5`], 'v5 then B', clock(40, B))
    const gone = prunableVersions([...chain, branch], 20)
    expect(gone).toEqual(chain.slice(0, 4).map((v) => v.gid))
  })
})
