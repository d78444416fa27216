/** "1 paper", "2 papers": a count with its noun, for nouns that take an s. */
export function counted(n: number, noun: string): string {
  return `${n} ${n === 1 ? noun : `${noun}s`}`
}
