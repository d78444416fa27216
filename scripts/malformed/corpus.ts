import { pick, type Random, words } from '../../bench/benchUtil'

/**
 * A generated corpus of malformed and oddly encoded digests, each with what importing it must
 * give: the exact papers per date, an error (with its code when only one is right), or, for
 * files cut or mutated at random, an error or papers the original held.
 */

export interface ExpectedPaper {
  title: string
  abstract: string
}

export interface ExpectedSection {
  date: string
  papers: ExpectedPaper[]
}

export type Expectation =
  | { outcome: 'papers'; sections: ExpectedSection[] }
  | { outcome: 'error'; code?: string }
  /** Cut short: an error, or a prefix of these papers (the last abstract possibly cut too). */
  | { outcome: 'error-or-prefix'; sections: ExpectedSection[] }
  /** Randomly damaged: an error, or an import the library then holds exactly as reported. */
  | { outcome: 'error-or-import' }

export interface CorpusCase {
  kind: string
  name: string
  bytes: () => Uint8Array
  expect: Expectation
}

interface Digest {
  text: string
  sections: ExpectedSection[]
}

const WORDS = words(`model attention diffusion agent retrieval benchmark reasoning video robot
  policy token graph scene memory latent sparse scaling reward alignment decoder encoder dataset`)
/** Words whose characters Windows-1252 holds, each non-ASCII letter followed by ASCII. */
const WINDOWS_1252_WORDS = [
  'café',
  'naïve',
  'Zürich',
  'Gödel',
  'résumé',
  'façade',
  'Ångström',
  'señor',
  'déjà vu',
  '€5',
  '“quoted”',
  '‘single’',
  '–',
  '—',
  '…',
  'Margin™',
]
/** Beyond Latin-1: CJK, Greek, an emoji (a surrogate pair in UTF-16), a combining accent. */
const UNICODE_WORDS = ['注意力', 'Transformer–XL', 'αβ-VAE', '🤗 hub', 'e\u0301tude', 'Łódź']

const utf8 = (text: string) => new TextEncoder().encode(text)
const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((part) => [...part]))

let dayCounter = 0

/** A fresh ISO date for every digest, so each case's papers sit under their own digest. */
function nextDate(): string {
  const date = new Date(Date.UTC(2031, 0, 1) + dayCounter++ * 86_400_000)
  return date.toISOString().slice(0, 10)
}

function sentence(random: Random, words: readonly string[], count: number): string {
  return Array.from({ length: count }, () => pick(random, words)).join(' ')
}

/** A well-formed digest of one or two dates whose titles are unique to this case. */
function digest(random: Random, caseId: string, extraWords: readonly string[] = []): Digest {
  const words = [...WORDS, ...extraWords]
  const sections = Array.from({ length: random() < 0.3 ? 2 : 1 }, (_, s) => ({
    date: nextDate(),
    papers: Array.from({ length: 1 + Math.floor(random() * 6) }, (_, p) => ({
      title: `${caseId} s${s} p${p}: ${sentence(random, words, 4)}`,
      abstract: `${sentence(random, words, 12 + Math.floor(random() * 30))}.`,
    })),
  }))
  const header = 'Daily Papers\n\nbyAK and the research community\n\n'
  const body = sections
    .map((s) => `${s.date}\n\n${s.papers.map((p) => `${p.title}\n\n${p.abstract}`).join('\n\n')}`)
    .join('\n\n')
  return { text: `${header}${body}\n`, sections }
}

function windows1252(text: string): Uint8Array {
  const high: Record<string, number> = {
    '€': 0x80,
    '…': 0x85,
    '‘': 0x91,
    '’': 0x92,
    '“': 0x93,
    '”': 0x94,
    '–': 0x96,
    '—': 0x97,
    '™': 0x99,
  }
  return Uint8Array.from([...text].map((c) => high[c] ?? c.charCodeAt(0)))
}

function utf16(text: string, order: 'le' | 'be', bom: boolean): Uint8Array {
  const bytes = Buffer.from(`${bom ? '\uFEFF' : ''}${text}`, 'utf16le')
  return new Uint8Array(order === 'be' ? bytes.swap16() : bytes)
}

function insertAt(bytes: Uint8Array, index: number, inserted: readonly number[]): Uint8Array {
  return concat(bytes.subarray(0, index), Uint8Array.from(inserted), bytes.subarray(index))
}

/** A position inside the papers (past the header), where damage cannot be mistaken for it. */
function bodyOffset(random: Random, bytes: Uint8Array): number {
  const start = Math.floor(bytes.length / 3)
  return start + Math.floor(random() * (bytes.length - start))
}

function repeat<T>(count: number, make: (i: number) => T): T[] {
  return Array.from({ length: count }, (_, i) => make(i))
}

const papersOf = (d: Digest): Expectation => ({ outcome: 'papers', sections: d.sections })

const randomBytes = (random: Random, length: number) =>
  Uint8Array.from(repeat(length, () => Math.floor(random() * 256)))

function binaryCases(random: Random): CorpusCase[] {
  const formats = [
    [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], // PNG
    [0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a, 0x25, 0xe2, 0xe3, 0xcf, 0xd3], // PDF
    [0x50, 0x4b, 0x03, 0x04], // ZIP
    [0x1f, 0x8b, 0x08, 0x00], // gzip
  ]
  return repeat(100, (i) => ({
    kind: 'binary',
    name: `binary-${i}.txt`,
    bytes: () =>
      concat(
        Uint8Array.from(i < 40 ? formats[i % formats.length]! : []),
        randomBytes(random, 1 + Math.floor(random() * 65_536)),
      ),
    expect: { outcome: 'error' },
  }))
}

function nulCases(random: Random): CorpusCase[] {
  return repeat(100, (i) => {
    let bytes: Uint8Array = utf8(digest(random, `nul${i}`).text)
    for (let n = 0; n <= i % 5; n++) bytes = insertAt(bytes, bodyOffset(random, bytes), [0])
    return { kind: 'nul', name: `nul-${i}.txt`, bytes: () => bytes, expect: { outcome: 'error' } }
  })
}

function controlCharacterCases(random: Random): CorpusCase[] {
  const controls = [1, 2, 3, 4, 5, 6, 7, 8, 0x0b, 0x0e, 0x10, 0x1a, 0x1b, 0x1f]
  return repeat(50, (i) => {
    const bytes = utf8(digest(random, `ctl${i}`).text)
    return {
      kind: 'control characters',
      name: `control-${i}.txt`,
      bytes: () => insertAt(bytes, bodyOffset(random, bytes), [controls[i % controls.length]!]),
      expect: { outcome: 'error', code: 'BINARY_FILE' },
    }
  })
}

function loneSurrogateCases(random: Random): CorpusCase[] {
  const shapes = [
    // UTF-8 that encodes a surrogate in three bytes (CESU-8, WTF-8)
    (text: string) => {
      const bytes = utf8(text)
      return insertAt(bytes, bodyOffset(random, bytes), [0xed, (0xa0 + random() * 32) | 0, 0x80])
    },
    // a JavaScript string with a lone surrogate written by TextEncoder: U+FFFD in the file
    (text: string) => utf8(`${text.slice(0, -40)}\uD83D${text.slice(-40)}`),
    (text: string) => utf16(`${text.slice(0, -40)}\uDC00${text.slice(-40)}`, 'le', true),
    (text: string) => utf16(`${text.slice(0, -40)}\uD800${text.slice(-40)}`, 'be', true),
  ]
  return repeat(100, (i) => {
    const bytes = shapes[i % shapes.length]!(digest(random, `sur${i}`).text)
    return {
      kind: 'lone surrogates',
      name: `surrogate-${i}.txt`,
      bytes: () => bytes,
      expect: { outcome: 'error', code: 'BAD_ENCODING' },
    }
  })
}

function lineEndingCases(random: Random): CorpusCase[] {
  const endings = ['\n', '\r\n', '\r', '\u0085', '\u2028', '\u2029', 'mixed']
  const mixed = ['\r\n', '\n', '\r', '\u2028', '\u0085']
  return repeat(140, (i) => {
    const d = digest(random, `eol${i}`, UNICODE_WORDS)
    const ending = endings[i % endings.length]!
    let k = 0
    const text = d.text.replace(/\n/g, () =>
      ending === 'mixed' ? mixed[k++ % mixed.length]! : ending,
    )
    return {
      kind: 'line endings',
      name: `eol-${i}.txt`,
      bytes: () => utf8(text),
      expect: papersOf(d),
    }
  })
}

function bomCases(random: Random): CorpusCase[] {
  const shapes: ((d: Digest, other: Digest) => { bytes: Uint8Array; expect: Expectation })[] = [
    (d) => ({ bytes: utf8(`\uFEFF${d.text}`), expect: papersOf(d) }),
    (d) => ({ bytes: utf8(`\uFEFF\uFEFF${d.text}`), expect: papersOf(d) }),
    (d) => ({ bytes: utf16(d.text, 'le', true), expect: papersOf(d) }),
    (d) => ({ bytes: utf16(d.text, 'be', true), expect: papersOf(d) }),
    (d, other) => ({
      bytes: utf8(`\uFEFF${d.text}\n\uFEFF${other.text}`),
      expect: { outcome: 'papers', sections: [...d.sections, ...other.sections] },
    }),
    (d) => ({
      bytes: concat(Uint8Array.from([0xff, 0xfe, 0, 0]), utf32le(d.text)),
      expect: { outcome: 'error', code: 'BAD_ENCODING' },
    }),
  ]
  return repeat(120, (i) => {
    const made = shapes[i % shapes.length]!(
      digest(random, `bom${i}`, UNICODE_WORDS),
      digest(random, `bom${i}b`),
    )
    return {
      kind: 'byte order marks',
      name: `bom-${i}.txt`,
      bytes: () => made.bytes,
      expect: made.expect,
    }
  })
}

function utf32le(text: string): Uint8Array {
  const codePoints = [...text].map((c) => c.codePointAt(0)!)
  const bytes = new Uint8Array(codePoints.length * 4)
  const view = new DataView(bytes.buffer)
  codePoints.forEach((cp, i) => view.setUint32(i * 4, cp, true))
  return bytes
}

function windows1252Cases(random: Random): CorpusCase[] {
  return repeat(100, (i) => {
    const d = digest(random, `cp${i}`, WINDOWS_1252_WORDS)
    return {
      kind: 'Windows-1252',
      name: `cp1252-${i}.txt`,
      bytes: () => windows1252(d.text),
      expect: papersOf(d),
    }
  })
}

function utf16Cases(random: Random): CorpusCase[] {
  return repeat(120, (i) => {
    const shape = i % 5
    // Without a BOM only mostly-ASCII text shows its byte order; with one, anything goes.
    const d = digest(random, `u16-${i}`, shape < 2 ? UNICODE_WORDS : [])
    const bytes =
      shape === 0
        ? utf16(d.text, 'le', true)
        : shape === 1
          ? utf16(d.text, 'be', true)
          : shape === 2
            ? utf16(d.text, 'le', false)
            : shape === 3
              ? utf16(d.text, 'be', false)
              : utf16(d.text, 'le', true).subarray(0, -1)
    return {
      kind: 'UTF-16',
      name: `utf16-${i}.txt`,
      bytes: () => bytes,
      expect: shape === 4 ? { outcome: 'error', code: 'BAD_ENCODING' } : papersOf(d),
    }
  })
}

function truncatedCases(random: Random): CorpusCase[] {
  return repeat(150, (i) => {
    const d = digest(random, `cut${i}`, UNICODE_WORDS)
    const bytes = utf8(d.text)
    const cut = bytes.subarray(0, 1 + Math.floor(random() * (bytes.length - 1)))
    return {
      kind: 'truncated',
      name: `truncated-${i}.txt`,
      bytes: () => cut,
      expect: { outcome: 'error-or-prefix', sections: d.sections },
    }
  })
}

function mutatedCases(random: Random): CorpusCase[] {
  return repeat(100, (i) => {
    let bytes: Uint8Array = utf8(digest(random, `mut${i}`, UNICODE_WORDS).text)
    for (let n = 0; n < 1 + (i % 10); n++) {
      const at = Math.floor(random() * bytes.length)
      const edit = Math.floor(random() * 3)
      if (edit === 0) bytes = insertAt(bytes, at, [Math.floor(random() * 256)])
      else if (edit === 1) bytes = concat(bytes.subarray(0, at), bytes.subarray(at + 1))
      else bytes[at] = Math.floor(random() * 256)
    }
    return {
      kind: 'mutated',
      name: `mutated-${i}.txt`,
      bytes: () => bytes,
      expect: { outcome: 'error-or-import' },
    }
  })
}

function structureCases(random: Random): CorpusCase[] {
  const d = () => digest(random, `st${dayCounter}`)
  const shapes: (() => { text: string; code: string })[] = [
    () => ({ text: '', code: 'EMPTY_FILE' }),
    () => ({ text: ' \n\t\r\n\u00a0\n', code: 'EMPTY_FILE' }),
    () => ({ text: 'A title\n\nAn abstract without any date.\n', code: 'NO_DATE' }),
    () => ({ text: `${nextDate()}\n`, code: 'NO_PAPERS' }),
    () => ({ text: 'Daily Papers\n\nSubscribe\n\nnew\n', code: 'NO_PAPERS' }),
    () => ({ text: `${nextDate()}\n\nA lone title\n`, code: 'TRUNCATED' }),
    () => ({ text: `${d().text}\n${nextDate()}\n\nTitle only\n`, code: 'TRUNCATED' }),
    () => ({
      text: `${nextDate()}\n\nT\n\nAbstract.\n\n${'word '.repeat(200)}\n`,
      code: 'MALFORMED_DIGEST',
    }),
    () => ({ text: d().text.replace(/^\d{4}-\d\d-\d\d$/m, 'Febtember 40'), code: 'NO_DATE' }),
  ]
  return repeat(63, (i) => {
    const { text, code } = shapes[i % shapes.length]!()
    return {
      kind: 'structure',
      name: `structure-${i}.txt`,
      bytes: () => utf8(text),
      expect: { outcome: 'error', code },
    }
  })
}

/** The large ones, generated only when their turn comes (tens of megabytes each). */
function largeCases(random: Random): CorpusCase[] {
  const date = nextDate()
  const fullDigest = digest(random, 'max')
  const maxDate = nextDate()
  const maxPapers = repeat(2_000, (p) => ({
    title: `max p${p}: ${sentence(random, WORDS, 5)}`,
    abstract: `${sentence(random, WORDS, 60)}.`,
  }))
  return [
    {
      kind: 'large',
      name: 'fifty-megabytes.txt',
      bytes: () => repeatToSize(fullDigest.text, 50 * 1024 * 1024),
      expect: { outcome: 'error', code: 'FILE_TOO_LARGE' },
    },
    {
      kind: 'large',
      name: 'ten-megabyte-line.txt',
      bytes: () => utf8(`${date}\n\nA title\n\n${'abstract '.repeat((10 * 1024 * 1024) / 9)}\n`),
      expect: { outcome: 'error', code: 'LINE_TOO_LONG' },
    },
    {
      kind: 'large',
      name: 'million-tiny-entries.txt',
      bytes: () => utf8(`${date}\n\n${repeat(1_000_000, (e) => `T${e}\n\nA.`).join('\n\n')}\n`),
      expect: { outcome: 'error', code: 'TOO_MANY_PAPERS' },
    },
    {
      kind: 'large',
      name: 'sixteen-megabytes-of-blank-lines.txt',
      bytes: () => utf8(`${date}\n${'\n'.repeat(16 * 1024 * 1024 - 12)}`),
      expect: { outcome: 'error', code: 'NO_PAPERS' },
    },
    {
      kind: 'large',
      name: 'two-thousand-papers.txt',
      bytes: () =>
        utf8(`${maxDate}\n\n${maxPapers.map((p) => `${p.title}\n\n${p.abstract}`).join('\n\n')}\n`),
      expect: { outcome: 'papers', sections: [{ date: maxDate, papers: maxPapers }] },
    },
  ]
}

function repeatToSize(text: string, size: number): Uint8Array {
  const unit = utf8(text)
  const bytes = new Uint8Array(size)
  for (let at = 0; at < size; at += unit.length) bytes.set(unit.subarray(0, size - at), at)
  return bytes
}

export function malformedCorpus(random: Random): CorpusCase[] {
  dayCounter = 0
  return [
    ...binaryCases(random),
    ...nulCases(random),
    ...controlCharacterCases(random),
    ...loneSurrogateCases(random),
    ...lineEndingCases(random),
    ...bomCases(random),
    ...windows1252Cases(random),
    ...utf16Cases(random),
    ...truncatedCases(random),
    ...mutatedCases(random),
    ...structureCases(random),
    ...largeCases(random),
  ]
}
