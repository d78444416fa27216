import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { capitalize, mulberry32, pick, type Random, words } from './benchUtil'

/**
 * Synthetic Daily Papers digests in the real text format (see seeds/daily-papers-aug-6.txt):
 * header lines, one ISO date line per file, then per paper a title line, a blank line, an
 * abstract paragraph and a blank line. Deterministic for a given seed; every title is unique
 * (it starts with a counter-based system name) and every file has its own date.
 *
 * The vocabulary is shaped like real abstracts: a few hundred common words make up most of the
 * text, and a long tail of technical terms (drawn Zipf-like, so a few are frequent and most are
 * rare) gives each paper the handful of key terms it repeats in its title and abstract.
 */

export interface SyntheticOptions {
  papers: number
  perFile: number
  seed?: number
}

export interface SyntheticCorpus {
  paths: string[]
  papers: number
}

const HEADER = [
  'new',
  'Get trending papers in your email inbox!',
  'Subscribe',
  'Daily Papers',
  'byAK and the research community',
]

const ADJECTIVES = words(`
  large efficient scalable robust multimodal generative sparse dense adaptive hierarchical
  contrastive autoregressive causal diverse compositional latent visual temporal spatial
  semantic optimal lightweight unified interpretable modular distributed parallel hybrid
  self-supervised zero-shot few-shot long-context fine-grained end-to-end open-source
  state-of-the-art novel practical reliable faithful controllable implicit explicit neural
  probabilistic differentiable continual federated personalized structured discrete quantized
  low-rank high-resolution real-time multilingual cross-lingual domain-specific agentic
  instruction-tuned pretrained synthetic noisy unlabeled heterogeneous geometric dynamic static`)

const NOUNS = words(`
  model models language vision transformer transformers diffusion attention network networks
  representation representations embedding embeddings benchmark benchmarks dataset datasets
  agent agents reasoning alignment inference training pretraining distillation retrieval
  generation segmentation detection tracking reconstruction rendering video image images
  audio speech text code policy policies reward rewards planning memory throughput latency
  serving decoding tokenizer tokens token context prompt prompts supervision evaluation
  robustness generalization scaling quantization pruning compression optimization gradient
  gradients parameter parameters adapter adapters layer layers encoder decoder features
  graph graphs scene scenes object objects motion depth point clouds mesh navigation robot
  manipulation control feedback preference preferences hallucination safety privacy fairness
  uncertainty calibration architecture framework pipeline method approach algorithm system
  systems task tasks domain domains knowledge instruction instructions trajectory
  trajectories simulation environment environments search sampling noise latent kernel`)

const VERBS = words(`
  improves enables reduces outperforms achieves leverages introduces proposes demonstrates
  exploits combines learns predicts generates aligns evaluates scales accelerates captures
  preserves transfers adapts bridges mitigates unifies decomposes encodes refines recovers
  estimates optimizes extends surpasses matches integrates selects composes distills`)

const FUNCTION_WORDS = words(`
  the the the a a of of of to to in in and and and for with on by from across through
  within over under between via while which that this these our its their each both`)

const TITLE_LINKS = words(`for with via towards beyond through using from in of and`)

const OPENERS = [
  'We propose',
  'We introduce',
  'We present',
  'In this paper, we study',
  'This work explores',
  'Recent work on',
  'However, existing methods for',
  'To address this, we design',
  'Experiments on',
  'Our analysis shows that',
  'Furthermore,',
  'Consequently,',
  'Extensive experiments demonstrate that',
  'Despite recent progress,',
  'Moreover,',
]

const NAME_PARTS = words(`
  Nano Flow Omni Vista Lumen Quanta Astra Meta Hyper Echo Nova Prism Atlas Sigma Delta Vector
  Kairo Zephyr Orbit Cortex Fusion Pulse Nimbus Helix Spark Tensor Mosaic Lattice Aether Gemma`)

const SYLLABLES = words(`
  ba co da fe gi ka lo mi nu pa ri sa te vo xe zo bri cla dro fla gra kro pla pro stra tri
  vex lum nex or ix ax en an ion ar ul ex om tor mer ral tic lin sor qua phi the gen syn`)
const TAIL_TERMS = 30_000
const TOPIC_TERMS = 4

/** The long tail: distinct made-up technical terms, the same for every run. */
const TAIL = tailVocabulary(TAIL_TERMS)

function tailVocabulary(size: number): string[] {
  const random = mulberry32(0x7a11)
  const terms = new Set<string>()
  while (terms.size < size) {
    const length = 2 + Math.floor(random() * 3)
    terms.add(Array.from({ length }, () => pick(random, SYLLABLES)).join(''))
  }
  return [...terms]
}

/** A tail term, term k with probability about proportional to 1/k. */
function tailTerm(random: Random): string {
  return TAIL[Math.floor(Math.pow(TAIL.length + 1, random())) - 1]!
}

/** One day of synthetic papers: its date (one per day from 2020-01-01) and its papers. */
export interface SyntheticDay {
  date: string
  papers: Array<{ title: string; abstract: string }>
}

/** `papers` papers, `perFile` to a day, in date order; the same for a given seed. */
export function* syntheticDays(options: SyntheticOptions): Generator<SyntheticDay> {
  const { papers, perFile, seed = 1 } = options
  const random = mulberry32(seed)
  const start = Date.UTC(2020, 0, 1)
  for (let written = 0, day = 0; written < papers; day++) {
    const count = Math.min(perFile, papers - written)
    const date = new Date(start + day * 86_400_000).toISOString().slice(0, 10)
    const dayPapers = Array.from({ length: count }, (_, i) => {
      const topic = Array.from({ length: TOPIC_TERMS }, () => tailTerm(random))
      return {
        title: syntheticTitle(random, written + i, topic),
        abstract: syntheticAbstract(random, topic),
      }
    })
    yield { date, papers: dayPapers }
    written += count
  }
}

/** Writes `papers` papers, `perFile` to a file, into `dir`; returns the paths in date order. */
export function writeSyntheticDigests(dir: string, options: SyntheticOptions): SyntheticCorpus {
  mkdirSync(dir, { recursive: true })
  const paths: string[] = []
  for (const { date, papers } of syntheticDays(options)) {
    const blocks = [...HEADER, date, ...papers.flatMap((paper) => [paper.title, paper.abstract])]
    const path = join(dir, `daily-papers-${date}.txt`)
    writeFileSync(path, `${blocks.join('\n\n')}\n`)
    paths.push(path)
  }
  return { paths, papers: options.papers }
}

/**
 * 6 to 14 words; the first is a system name built from `index`, so no two titles share a key.
 * About one word in four is one of the paper's `topic` terms.
 */
function syntheticTitle(random: Random, index: number, topic: readonly string[]): string {
  const name = `${pick(random, NAME_PARTS)}${pick(random, NAME_PARTS)}-${index.toString(36)}:`
  const length = 6 + Math.floor(random() * 9)
  const title = [name]
  while (title.length < length) {
    title.push(
      title.length > 2 && random() < 0.2
        ? pick(random, TITLE_LINKS)
        : capitalize(titleWord(random, topic)),
    )
  }
  return title.join(' ')
}

function titleWord(random: Random, topic: readonly string[]): string {
  const roll = random()
  if (roll < 0.25) return pick(random, topic)
  return pick(random, roll < 0.55 ? ADJECTIVES : NOUNS)
}

/** About 1,500 characters on average (500 to 2,500); one in twenty ends a sentence with a link. */
function syntheticAbstract(random: Random, topic: readonly string[]): string {
  const target = 500 + Math.floor(((random() + random()) / 2) * 1800)
  const linkAt = random() < 0.05 ? Math.floor(random() * 6) : -1
  const sentences: string[] = []
  let length = 0
  while (length < target) {
    const sentence =
      sentences.length === linkAt ? linkSentence(random) : syntheticSentence(random, topic)
    sentences.push(sentence)
    length += sentence.length + 1
  }
  if (linkAt >= sentences.length) sentences.push(linkSentence(random))
  return sentences.join(' ')
}

function syntheticSentence(random: Random, topic: readonly string[]): string {
  const opener = pick(random, OPENERS)
  const length = 10 + Math.floor(random() * 22)
  const parts: string[] = [opener]
  for (let i = 0; i < length; i++) {
    const roll = random()
    if (roll < 0.3) parts.push(pick(random, FUNCTION_WORDS))
    else if (roll < 0.4) parts.push(pick(random, topic))
    else if (roll < 0.45) parts.push(tailTerm(random))
    else if (roll < 0.58) parts.push(pick(random, ADJECTIVES))
    else if (roll < 0.65) parts.push(pick(random, VERBS))
    else if (roll < 0.67) parts.push(`${(1 + random() * 40).toFixed(1)}%`)
    else parts.push(pick(random, NOUNS))
    if (i > 3 && i < length - 3 && random() < 0.06) parts[parts.length - 1] += ','
  }
  return `${parts.join(' ')}.`
}

function linkSentence(random: Random): string {
  const owner = `${pick(random, NAME_PARTS).toLowerCase()}-${pick(random, NOUNS)}`
  const repo = `${pick(random, NAME_PARTS)}${pick(random, NAME_PARTS)}`
  const host = random() < 0.7 ? 'https://github.com' : 'https://huggingface.co'
  return `Code and models are available at ${host}/${owner}/${repo}.`
}
