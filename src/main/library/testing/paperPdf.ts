import {
  PDFArray,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFString,
  StandardFonts,
  degrees,
  grayscale,
  type PDFDict,
  type PDFFont,
  type PDFPage,
  type PDFRef,
} from 'pdf-lib'
import { mulberry32, type Random } from '../../../../bench/benchUtil'

/**
 * Realistic test PDFs: two-column pages in the manner of a LaTeX paper (Times, 10 pt on 12 pt,
 * section headings, paragraph indents, a figure with its caption, page numbers), about 3,000
 * characters of body text a page, with words that do not fit at a line end hyphenated across
 * the line ("interac-" / "tion"), as pdf.js then extracts them. Everything is decided by the
 * seed, bytes included (fixed dates), so the same options give the same SHA-256.
 *
 * Page 1 carries a title block and, when an arXiv id is given, arXiv's stamp in the left margin
 * ("arXiv:2408.01234v1 [cs.LG] 6 Aug 2024"), so a dropped file can be matched by its first page.
 * `pageTexts` is the text drawn on each page in drawing order, words separated by one space and
 * hyphenated words joined: what a correct extraction normalizes to.
 */

/** A word placed in the body of one page (1-based), optionally split across a line end. */
export interface BodyWord {
  word: string
  page: number
  /** Splits the word at a line end ("zyxquor-" / "bance"); it needs at least 5 letters. */
  hyphenate?: boolean
}

export interface PaperPdfOptions {
  pages: number
  seed?: number
  title?: string
  /** Without a version, the stamp says v1. */
  arxivId?: string
  /** A plain string is placed once, unhyphenated, in the body of page 1. */
  bodyWords?: ReadonlyArray<string | BodyWord>
  /** Adds a document outline (bookmarks): one entry per section heading. */
  outline?: boolean
  /** Adds an http(s) link annotation and an internal GoTo link on page 1. */
  links?: boolean
  /**
   * Words beyond the built-in few hundred, letters only: the paper's own terms (4% of body
   * words), and a long tail drawn Zipf-like (8%: term k about 1/k), so that a big library has
   * rare words as real papers do. Without it the text uses the built-in words alone.
   */
  vocabulary?: { topic?: readonly string[]; tail?: readonly string[] }
}

export interface OutlineEntry {
  title: string
  /** 1-based page of the heading. */
  page: number
}

export interface PaperPdfLinks {
  /** The external link's URL (a URI action), drawn as text on page 1. */
  url: string
  /** The page (1-based) that the internal link on page 1 jumps to (GoTo action). */
  gotoPage: number
}

export interface PaperPdf {
  bytes: Uint8Array
  pageTexts: string[]
  title: string
  /** Present when `outline` was asked for. */
  outline?: OutlineEntry[]
  /** Present when `links` was asked for. */
  links?: PaperPdfLinks
}

// US Letter, 1 in margins, two columns of 224 pt.
const PAGE_WIDTH = 612
const PAGE_HEIGHT = 792
const MARGIN_X = 72
const TOP = PAGE_HEIGHT - 72
const BOTTOM = 84
const GAP = 20
const COLUMN_WIDTH = (PAGE_WIDTH - 2 * MARGIN_X - GAP) / 2
const BODY_SIZE = 10
const LEADING = 12
const HEADING_SIZE = 11
const INDENT = 10
const CHARS_PER_PAGE = 2850 // plus the caption and the line that crosses the budget: ~3,000
const MIN_FIGURE_HEIGHT = 90
const HYPHENATE_GAP = 30
const FIXED_DATE = new Date(Date.UTC(2024, 7, 6, 12, 0, 0))

export async function paperPdf(options: PaperPdfOptions): Promise<PaperPdf> {
  return generate(options, true)
}

/**
 * The page texts `paperPdf` would give for these options, without drawing or saving a PDF (about
 * a tenth of the time): for filling a big library's pages where the bytes are not the point.
 */
export async function paperPageTexts(options: PaperPdfOptions): Promise<string[]> {
  return (await generate(options, false)).pageTexts
}

/** Stands in for a page when only the text is wanted. */
const NO_INK = {
  drawText: () => {},
  drawLine: () => {},
  drawRectangle: () => {},
} as unknown as PDFPage

async function generate(options: PaperPdfOptions, ink: boolean): Promise<PaperPdf> {
  const pages = options.pages
  if (!Number.isSafeInteger(pages) || pages < 1) throw new Error('pages must be a positive integer')
  const random = mulberry32(options.seed ?? 1)
  const placements = planBodyWords(options.bodyWords ?? [], pages, random)

  const doc = await PDFDocument.create({ updateMetadata: false })
  const fonts: Fonts = {
    body: await doc.embedFont(StandardFonts.TimesRoman),
    bold: await doc.embedFont(StandardFonts.TimesRomanBold),
    italic: await doc.embedFont(StandardFonts.TimesRomanItalic),
  }
  const title = options.title ?? makeTitle(random)
  doc.setTitle(title)
  doc.setAuthor('A. Author, B. Author')
  doc.setProducer('Margin test PDF (pdf-lib)')
  doc.setCreator('LaTeX with hyperref')
  doc.setCreationDate(FIXED_DATE)
  doc.setModificationDate(FIXED_DATE)

  const stream = new TokenStream(random, options.vocabulary)
  const widths = new Map<string, number>()
  const headings: Array<{ title: string; page: number; y: number }> = []
  const pageTexts: string[] = []
  const pdfPages: PDFPage[] = []
  const linkSpots: Array<{ rect: Rect; kind: 'uri' | 'goto' }> = []
  const url = `https://example.org/margin-paper/${options.seed ?? 1}`
  const gotoPage = pages
  let figureNumber = 0

  for (let number = 1; number <= pages; number++) {
    const page = ink ? doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]) : NO_INK
    pdfPages.push(page)
    const text: string[] = []
    const draw = (s: string, x: number, y: number, font: PDFFont, size: number) => {
      page.drawText(s, { x, y, font, size })
      text.push(s)
    }
    let columnTop = TOP
    let footnote: string[] = []

    if (number === 1) {
      if (options.arxivId) {
        const id = /v\d+$/.test(options.arxivId) ? options.arxivId : `${options.arxivId}v1`
        const stamp = `arXiv:${id} [cs.LG] 6 Aug 2024`
        page.drawText(stamp, {
          x: 40,
          y: 220,
          font: fonts.body,
          size: 20,
          rotate: degrees(90),
          color: grayscale(0.5),
        })
        text.push(stamp)
      }
      let y = TOP - 10
      for (const line of wrap(title.split(' '), fonts.bold, 17, PAGE_WIDTH - 2 * MARGIN_X)) {
        const width = fonts.bold.widthOfTextAtSize(line, 17)
        draw(line, (PAGE_WIDTH - width) / 2, y, fonts.bold, 17)
        y -= 21
      }
      y -= 6
      for (const [line, font, size] of [
        ['Ada Author, Ben Builder, Cleo Checker', fonts.body, 11],
        ['Institute of Offline Reading', fonts.italic, 10],
      ] as const) {
        const width = font.widthOfTextAtSize(line, size)
        draw(line, (PAGE_WIDTH - width) / 2, y, font, size)
        y -= 14
      }
      columnTop = y - 16
      stream.startWith('Abstract')
      if (options.links) {
        footnote = [`Code and data: ${url}`, `Proofs are in the appendix on page ${gotoPage}.`]
      }
    }

    const layout = layoutPage({
      number,
      columnTop,
      footnoteLines: footnote.length,
      budget: Math.round(CHARS_PER_PAGE * (0.92 + 0.16 * random())) - sum(text),
      stream,
      placements: placements.get(number) ?? [],
      fonts,
      widths,
    })
    for (const line of layout.lines) {
      const font = line.heading ? fonts.bold : fonts.body
      const size = line.heading ? HEADING_SIZE : BODY_SIZE
      page.drawText(line.text, { x: line.x, y: line.y, font, size })
      if (line.heading) headings.push({ title: line.text, page: number, y: line.y + size })
    }
    text.push(...layout.words)

    if (footnote.length) {
      let y = BOTTOM + (footnote.length - 1) * LEADING
      page.drawLine({
        start: { x: MARGIN_X, y: y + LEADING },
        end: { x: MARGIN_X + 60, y: y + LEADING },
        thickness: 0.4,
      })
      for (const line of footnote) {
        draw(line, MARGIN_X, y, fonts.body, 8)
        y -= LEADING
      }
      const [urlLine, gotoLine] = footnote as [string, string]
      const urlX = MARGIN_X + fonts.body.widthOfTextAtSize(urlLine.slice(0, -url.length), 8)
      linkSpots.push({
        kind: 'uri',
        rect: [
          urlX,
          y + 2 * LEADING - 2,
          urlX + fonts.body.widthOfTextAtSize(url, 8),
          y + 2 * LEADING + 8,
        ],
      })
      const target = `page ${gotoPage}.`
      const gotoX = MARGIN_X + fonts.body.widthOfTextAtSize(gotoLine.slice(0, -target.length), 8)
      linkSpots.push({
        kind: 'goto',
        rect: [
          gotoX,
          y + LEADING - 2,
          gotoX + fonts.body.widthOfTextAtSize(target, 8),
          y + LEADING + 8,
        ],
      })
    }

    const figureSpace = layout.column2Bottom - BOTTOM - LEADING
    if (figureSpace >= MIN_FIGURE_HEIGHT) {
      figureNumber++
      const caption = [`Figure ${figureNumber}:`, ...stream.sentence(10 + Math.floor(random() * 8))]
      const captionLines = wrap(caption, fonts.body, 9, COLUMN_WIDTH)
      const x = MARGIN_X + COLUMN_WIDTH + GAP
      const boxTop = layout.column2Bottom - LEADING
      const boxBottom = BOTTOM + captionLines.length * 11 + 8
      drawFigure(page, random, x, boxBottom, COLUMN_WIDTH, boxTop - boxBottom)
      let y = boxBottom - 14
      for (const line of captionLines) {
        draw(line, x, y, fonts.body, 9)
        y -= 11
      }
    }

    draw(String(number), PAGE_WIDTH / 2 - 3, 50, fonts.body, BODY_SIZE)
    pageTexts.push(text.join(' ').replace(/\s+/g, ' ').trim())
  }

  if (options.links && ink) addLinks(doc, pdfPages, linkSpots, url, gotoPage)
  let outline: OutlineEntry[] | undefined
  if (options.outline) {
    if (ink) addOutline(doc, pdfPages, headings)
    outline = headings.map(({ title: t, page }) => ({ title: t, page }))
  }
  const bytes = ink ? await doc.save({ updateFieldAppearances: false }) : new Uint8Array()
  return {
    bytes,
    pageTexts,
    title,
    ...(outline ? { outline } : {}),
    ...(options.links ? { links: { url, gotoPage } } : {}),
  }
}

// ---------------------------------------------------------------------------------------------
// Layout of one page's two columns

interface Fonts {
  body: PDFFont
  bold: PDFFont
  italic: PDFFont
}

interface DrawnLine {
  text: string
  x: number
  y: number
  heading: boolean
}

interface PageLayout {
  lines: DrawnLine[]
  /** The words as drawn, hyphenated words joined. */
  words: string[]
  /** The baseline below the last line of the right column (its top when it is empty). */
  column2Bottom: number
}

interface Placement {
  word: string
  hyphenate: boolean
  /** The body line (0-based, counted over both columns) before which the word goes. */
  line: number
}

interface LayoutInput {
  number: number
  columnTop: number
  footnoteLines: number
  budget: number
  stream: TokenStream
  placements: Placement[]
  fonts: Fonts
  /** Widths of body words at the body size, by text (the same words recur). */
  widths: Map<string, number>
}

function layoutPage(input: LayoutInput): PageLayout {
  const { stream, fonts } = input
  const columnLines = Math.floor((input.columnTop - BOTTOM) / LEADING) + 1
  const capacity = [
    columnLines - (input.footnoteLines ? input.footnoteLines + 1 : 0),
    columnLines,
  ] as const
  const totalLines = capacity[0] + capacity[1]
  const lines: DrawnLine[] = []
  const words: string[] = []
  const pending = [...input.placements]
  let chars = 0
  let slot = 0 // lines used, over both columns
  let carry: string | null = null // the second half of a word split at the previous line end

  const position = (index: number) => {
    const column = index < capacity[0] ? 0 : 1
    const row = column === 0 ? index : index - capacity[0]
    return { x: MARGIN_X + column * (COLUMN_WIDTH + GAP), y: input.columnTop - row * LEADING }
  }
  const emit = (text: string, heading: boolean, indent = 0) => {
    const { x, y } = position(slot)
    lines.push({ text, x: x + indent, y, heading })
    slot++
  }
  const width = (s: string) => {
    let known = input.widths.get(s)
    if (known === undefined) {
      known = fonts.body.widthOfTextAtSize(s, BODY_SIZE)
      input.widths.set(s, known)
    }
    return known
  }

  while (slot < totalLines) {
    const linesLeft = totalLines - slot
    // Stop at a line boundary once the budget is spent, but never with half a word pending.
    if (carry === null && chars >= input.budget && pending.length === 0) break
    // A column ends: a heading never sits on the last line of one.
    const lastInColumn = slot === capacity[0] - 1 || slot === totalLines - 1

    const next: Token | null = carry === null ? stream.peek() : null
    if (next?.kind === 'heading') {
      if (lastInColumn || linesLeft < 3) {
        if (chars >= input.budget) break
        slot++ // leave the line blank, the heading goes to the next column
        continue
      }
      stream.take()
      if (slot !== 0 && slot !== capacity[0]) slot++ // space above the heading
      if (slot === capacity[0] - 1) slot++ // not alone at a column's foot
      if (slot >= totalLines - 1) break
      emit(next.text, true)
      words.push(next.text)
      chars += next.text.length + 1
      continue
    }

    // One body line.
    const startsParagraph: boolean = next?.kind === 'paragraph'
    if (startsParagraph) stream.take()
    const indent = startsParagraph ? INDENT : 0
    const available = COLUMN_WIDTH - indent
    const parts: string[] = []
    const lineWords: string[] = []
    let usedWidth = 0 // of parts, spaces between them included
    const push = (part: string) => {
      usedWidth += (parts.length ? width(' ') : 0) + width(part)
      parts.push(part)
    }
    if (carry !== null) {
      push(carry.slice(carry.indexOf('\u0000') + 1))
      lineWords.push(carry.replace('\u0000', ''))
      carry = null
    }
    const space = () => (parts.length ? width(' ') : 0)
    const forced = pending[0] && pending[0].line <= slot && !lastInColumn ? pending[0] : null
    if (forced) pending.shift()
    const placeForced = forced && !forced.hyphenate
    if (placeForced && forced) {
      push(forced.word)
      lineWords.push(forced.word)
    }
    const mayHyphenate = slot < totalLines - 1 && !lastInColumn

    for (;;) {
      if (forced?.hyphenate) {
        const remaining: number = available - usedWidth - space()
        const keep = forced.word.length >= 6 ? 3 : 2 // letters kept on each side
        const split: [string, string] | null = splitToFit(forced.word, remaining, width, keep)
        if (width(forced.word) > remaining && split) {
          push(`${split[0]}-`)
          carry = `${split[0]}\u0000${split[1]}`
          break
        }
        // Fill with words until the forced word no longer fits whole but its start does.
        const filler = stream.fillerWords().find((word) => {
          const after = remaining - width(word) - width(' ')
          return after >= width(`${forced.word.slice(0, keep)}-`)
        })
        if (!filler) {
          // This line cannot take it: try again on the next one.
          pending.unshift({ ...forced, line: slot + 1 })
          break
        }
        push(filler)
        lineWords.push(filler)
        continue
      }
      const token = stream.peek()
      if (token.kind !== 'word') break // paragraph end or heading: the line ends here
      const remaining: number = available - usedWidth - space()
      if (width(token.text) <= remaining) {
        stream.take()
        push(token.text)
        lineWords.push(token.text)
        continue
      }
      // Only a line that would otherwise end well short is hyphenated (a few per column).
      const split: [string, string] | null =
        mayHyphenate && remaining >= HYPHENATE_GAP
          ? splitToFit(token.text, remaining, width, 3)
          : null
      if (split) {
        stream.take()
        push(`${split[0]}-`)
        carry = `${split[0]}\u0000${split[1]}`
      }
      break
    }
    if (parts.length === 0) {
      // An empty line (a paragraph mark right after a heading): nothing to draw.
      continue
    }
    emit(parts.join(' '), false, indent)
    words.push(...lineWords)
    chars += lineWords.reduce((total, word) => total + word.length + 1, 0)
  }
  if (carry !== null) {
    // Unreachable by construction (no split on a page's last line), kept as a guard.
    throw new Error('a hyphenated word fell off the page')
  }
  if (pending.length) {
    throw new Error(
      `page ${input.number} has no room for ${pending.map((p) => JSON.stringify(p.word)).join(', ')}`,
    )
  }
  const lastColumn2 = lines.filter((line) => line.x > MARGIN_X + COLUMN_WIDTH).at(-1)
  return {
    lines,
    words,
    column2Bottom: lastColumn2 ? lastColumn2.y : input.columnTop + LEADING,
  }
}

/** The longest start of a letters-only word that fits with a hyphen, keeping `min` letters each side. */
function splitToFit(
  word: string,
  remaining: number,
  width: (s: string) => number,
  min: number,
): [string, string] | null {
  if (!/^[A-Za-z]+$/.test(word) || word.length < 2 * min) return null
  for (let at = word.length - min; at >= min; at--) {
    if (width(`${word.slice(0, at)}-`) <= remaining) return [word.slice(0, at), word.slice(at)]
  }
  return null
}

function wrap(words: readonly string[], font: PDFFont, size: number, maxWidth: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word
    if (line && font.widthOfTextAtSize(candidate, size) > maxWidth) {
      lines.push(line)
      line = word
    } else {
      line = candidate
    }
  }
  if (line) lines.push(line)
  return lines
}

type Rect = [number, number, number, number]

/** A framed plot: axes and a seeded curve, vector graphics only (no text inside). */
function drawFigure(page: PDFPage, random: Random, x: number, y: number, w: number, h: number) {
  page.drawRectangle({ x, y, width: w, height: h, borderWidth: 0.5, borderColor: grayscale(0.3) })
  const left = x + 16
  const bottom = y + 12
  page.drawLine({ start: { x: left, y: bottom }, end: { x: x + w - 8, y: bottom }, thickness: 0.6 })
  page.drawLine({ start: { x: left, y: bottom }, end: { x: left, y: y + h - 8 }, thickness: 0.6 })
  let previous = { x: left, y: bottom + (h - 24) * random() }
  for (let i = 1; i <= 20; i++) {
    const point = { x: left + ((w - 26) * i) / 20, y: bottom + (h - 24) * (0.2 + 0.7 * random()) }
    page.drawLine({ start: previous, end: point, thickness: 0.8, color: grayscale(0.2) })
    previous = point
  }
}

// ---------------------------------------------------------------------------------------------
// Outline and links (pdf-lib's low-level objects)

function addOutline(
  doc: PDFDocument,
  pages: readonly PDFPage[],
  headings: ReadonlyArray<{ title: string; page: number; y: number }>,
): void {
  if (headings.length === 0) return
  const { context } = doc
  const rootRef = context.nextRef()
  const refs = headings.map(() => context.nextRef())
  headings.forEach((heading, index) => {
    const item = context.obj({}) as PDFDict
    item.set(PDFName.of('Title'), PDFHexString.fromText(heading.title))
    item.set(PDFName.of('Parent'), rootRef)
    if (index > 0) item.set(PDFName.of('Prev'), refs[index - 1]!)
    if (index < refs.length - 1) item.set(PDFName.of('Next'), refs[index + 1]!)
    item.set(PDFName.of('Dest'), destination(doc, pages[heading.page - 1]!, heading.y))
    context.assign(refs[index]!, item)
  })
  const root = context.obj({}) as PDFDict
  root.set(PDFName.of('Type'), PDFName.of('Outlines'))
  root.set(PDFName.of('First'), refs[0]!)
  root.set(PDFName.of('Last'), refs.at(-1)!)
  root.set(PDFName.of('Count'), PDFNumber.of(refs.length))
  context.assign(rootRef, root)
  doc.catalog.set(PDFName.of('Outlines'), rootRef)
}

function destination(doc: PDFDocument, page: PDFPage, top: number): PDFArray {
  const dest = doc.context.obj([]) as PDFArray
  dest.push(page.ref)
  dest.push(PDFName.of('XYZ'))
  dest.push(PDFNumber.of(0))
  dest.push(PDFNumber.of(Math.round(top)))
  dest.push(doc.context.obj(null))
  return dest
}

function addLinks(
  doc: PDFDocument,
  pages: readonly PDFPage[],
  spots: ReadonlyArray<{ rect: Rect; kind: 'uri' | 'goto' }>,
  url: string,
  gotoPage: number,
): void {
  const { context } = doc
  const first = pages[0]!
  const annots: PDFRef[] = spots.map(({ rect, kind }) => {
    const action =
      kind === 'uri'
        ? context.obj({ Type: 'Action', S: 'URI', URI: PDFString.of(url) })
        : context.obj({ Type: 'Action', S: 'GoTo' })
    if (kind === 'goto') {
      ;(action as PDFDict).set(PDFName.of('D'), destination(doc, pages[gotoPage - 1]!, TOP))
    }
    const annot = context.obj({
      Type: 'Annot',
      Subtype: 'Link',
      Rect: rect.map((n) => Math.round(n * 100) / 100),
      Border: [0, 0, 0],
      A: action,
    })
    return context.register(annot)
  })
  first.node.set(PDFName.of('Annots'), context.obj(annots))
}

// ---------------------------------------------------------------------------------------------
// Words: a seeded stream of sentences, paragraphs and numbered sections

type Token =
  { kind: 'word'; text: string } | { kind: 'paragraph' } | { kind: 'heading'; text: string }

const SECTIONS = [
  'Introduction',
  'Related Work',
  'Background',
  'Method',
  'Experimental Setup',
  'Results',
  'Ablation Studies',
  'Analysis',
  'Limitations',
  'Discussion',
  'Conclusion',
  'Appendix',
]

// Letters only, none hyphenated or with a hyphen inside: joining a split word is unambiguous.
const VOCABULARY = `
  model models training inference attention transformer representation representations learning
  language vision multimodal benchmark evaluation dataset datasets baseline baselines performance
  accuracy robustness generalization optimization gradient gradients parameter parameters scaling
  distribution distributions retrieval generation reasoning alignment preference reinforcement
  policy reward agent agents environment interaction interactions architecture architectures
  encoder decoder embedding embeddings token tokens sequence sequences context contextual window
  memory efficiency efficient computation computational approximation regularization convergence
  objective objectives likelihood probability probabilistic uncertainty calibration distillation
  quantization compression pruning sparsity sparse dense layer layers network networks neural
  supervised unsupervised pretraining finetuning adaptation transfer domain domains synthetic
  annotation annotations human humans feedback instruction instructions prompting prompt prompts
  diffusion denoising sampling sampler trajectory trajectories planning controller simulation
  theoretical empirical empirically analysis analyses experiment experiments ablation ablations
  improvement improvements substantial significant consistent consistently competitive state
  previous prior existing proposed propose method methods approach approaches framework simple
  effective effectively robust stable unstable scalable hierarchical recursive iterative explicit
  implicit latent variable variables estimator estimators variance bias error errors loss losses
  function functions mapping space spaces manifold geometry structure structured unstructured graph
  graphs node nodes edge edges message passing spectral temporal spatial visual textual acoustic
  speech audio video image images pixel pixels patch patches resolution segmentation detection
  classification regression ranking recommendation translation summarization question answering
  knowledge factual hallucination hallucinations verification consistency coherence fluency
  the a of to in and for with on by from that this these we our is are be as at which while
  each both across through within between under over when where however moreover furthermore
  therefore thus also only more most less than further first second finally large small many
  several different similar same new novel key main general specific standard strong weak high
  low long short fast slow better worse best show shows shown demonstrate demonstrates observe
  find finds achieve achieves outperform outperforms improve improves reduce reduces increase
  increases require requires allow allows enable enables study studies evaluate evaluates
  compare compared measure measured train trained learn learned apply applied use used using`
  .split(/\s+/)
  .filter((word) => word !== '')

const LONG_WORDS = VOCABULARY.filter((word) => word.length >= 8)

class TokenStream {
  private queue: Token[] = []
  private section = 0
  private paragraphsInSection = 0
  private sentencesLeft = 0
  private citation = 1

  constructor(
    private readonly random: Random,
    private readonly vocabulary: PaperPdfOptions['vocabulary'] = {},
  ) {}

  /** The first page opens with the abstract heading and a paragraph. */
  startWith(heading: string): void {
    this.queue.push({ kind: 'heading', text: heading }, { kind: 'paragraph' })
    this.sentencesLeft = 5
    this.paragraphsInSection = 5 // the introduction follows the abstract
  }

  peek(): Token {
    if (this.queue.length === 0) this.refill()
    return this.queue[0]!
  }

  take(): Token {
    const token = this.peek()
    this.queue.shift()
    return token
  }

  /** Short words to pad a line with (a forced hyphenation), shortest last. */
  fillerWords(): string[] {
    const picks = [this.pick(VOCABULARY), this.pick(VOCABULARY), this.pick(VOCABULARY)]
    return [...picks, 'and', 'of', 'a']
  }

  /** A sentence's words (for captions), not taken from the body stream. */
  sentence(length: number): string[] {
    return this.sentenceWords(length)
  }

  private refill(): void {
    if (this.sentencesLeft === 0) {
      this.paragraphsInSection++
      if (this.paragraphsInSection > 3 + Math.floor(this.random() * 5)) {
        this.paragraphsInSection = 0
        const name = SECTIONS[this.section % SECTIONS.length]!
        this.section++
        this.queue.push({ kind: 'heading', text: `${this.section} ${name}` })
      }
      this.queue.push({ kind: 'paragraph' })
      this.sentencesLeft = 3 + Math.floor(this.random() * 5)
    }
    this.sentencesLeft--
    const words = this.sentenceWords(8 + Math.floor(this.random() * 18))
    for (const text of words) this.queue.push({ kind: 'word', text })
  }

  private sentenceWords(length: number): string[] {
    const words: string[] = []
    for (let i = 0; i < length; i++) {
      let word = this.word()
      if (i === 0) word = word.charAt(0).toUpperCase() + word.slice(1)
      const roll = this.random()
      if (i > 2 && i < length - 1 && roll < 0.06) word += ','
      else if (i === length - 1 && roll < 0.25) {
        word += ` [${this.citation}]`
        this.citation = (this.citation % 60) + 1
      } else if (i > 2 && roll < 0.09) {
        word = `${(this.random() * 100).toFixed(1)}%`
      }
      words.push(...word.split(' '))
    }
    words[words.length - 1] += '.'
    return words
  }

  private word(): string {
    const { topic, tail } = this.vocabulary ?? {}
    if (topic?.length || tail?.length) {
      const roll = this.random()
      if (topic?.length && roll < 0.04) return this.pick(topic)
      // Term k of the tail with probability about proportional to 1/k.
      if (tail?.length && roll < 0.12) {
        return tail[Math.floor(Math.pow(tail.length + 1, this.random())) - 1]!
      }
    }
    // Long words are common in papers; they make line-end hyphenation frequent.
    return this.random() < 0.3 ? this.pick(LONG_WORDS) : this.pick(VOCABULARY)
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!
  }
}

function makeTitle(random: Random): string {
  const pick = (items: readonly string[]) => items[Math.floor(random() * items.length)]!
  const cap = (word: string) => word.charAt(0).toUpperCase() + word.slice(1)
  const words = Array.from({ length: 4 + Math.floor(random() * 5) }, () => cap(pick(LONG_WORDS)))
  return `${words.slice(0, 2).join(' ')}: ${words.slice(2).join(' ')}`
}

// ---------------------------------------------------------------------------------------------
// Body words and the seeded random source

/** Where each asked-for word goes: a line in the middle of a column of its page. */
function planBodyWords(
  words: ReadonlyArray<string | BodyWord>,
  pages: number,
  random: Random,
): Map<number, Placement[]> {
  const byPage = new Map<number, Placement[]>()
  for (const entry of words) {
    const word: BodyWord = typeof entry === 'string' ? { word: entry, page: 1 } : entry
    if (!Number.isSafeInteger(word.page) || word.page < 1 || word.page > pages) {
      throw new Error(
        `body word ${JSON.stringify(word.word)}: page ${word.page} is not in 1..${pages}`,
      )
    }
    if (!/^[A-Za-z]+$/.test(word.word)) {
      throw new Error(`body word ${JSON.stringify(word.word)}: letters only, so it stays one word`)
    }
    if (word.hyphenate && word.word.length < 5) {
      throw new Error(`body word ${JSON.stringify(word.word)}: a hyphenated word needs 5 letters`)
    }
    const list = byPage.get(word.page) ?? []
    list.push({ word: word.word, hyphenate: word.hyphenate ?? false, line: 0 })
    byPage.set(word.page, list)
  }
  for (const list of byPage.values()) {
    // Lines 8..34 sit in the left column of every page (page 1's title block included).
    const start = 8 + Math.floor(random() * 6)
    const step = Math.max(2, Math.floor(24 / Math.max(1, list.length)))
    list.forEach((placement, index) => (placement.line = start + index * step))
  }
  return byPage
}

function sum(texts: readonly string[]): number {
  return texts.reduce((total, text) => total + text.length + 1, 0)
}
