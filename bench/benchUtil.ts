/** What the benchmark scripts share: a seeded random source, argument checks, failure exits. */

export type Random = () => number

/** A small seeded PRNG, so every run generates the same corpus and queries. */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function pick<T>(random: Random, items: readonly T[]): T {
  if (items.length === 0) fail('nothing to pick from')
  return items[Math.floor(random() * items.length)]!
}

/** The words of a whitespace-separated list, as the vocabularies are written. */
export function words(list: string): string[] {
  return list.split(/\s+/).filter((word) => word !== '')
}

export function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1)
}

export function positiveInteger(name: string, value: string): number {
  const number = Number(value)
  if (!Number.isSafeInteger(number) || number < 1) fail(`${name} must be a positive integer`)
  return number
}

export function round(value: number, digits: number): number {
  return Number(value.toFixed(digits))
}

/** A correctness check failed: the figures would mean nothing. */
class CheckFailed extends Error {}

export function fail(message: string): never {
  throw new CheckFailed(message)
}

/** Runs a benchmark; a failed check exits 1 with its message, anything else is a crash. */
export function runBenchmark(name: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    if (!(error instanceof CheckFailed)) throw error
    console.error(`${name}: ${error.message}`)
    process.exitCode = 1
  })
}

export interface Percentiles {
  p50: number
  p95: number
}

/** The 50th and 95th percentiles (nearest rank) of some timings. */
export function percentiles(values: readonly number[]): Percentiles {
  if (values.length === 0) fail('no timings to take percentiles of')
  const sorted = [...values].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!
  return { p50: at(0.5), p95: at(0.95) }
}
