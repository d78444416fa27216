import type { Compaction } from './compact'
import type { PendingUpdate } from './pendingUpdate'
import type { LibraryUpdateProgress } from './updateEntry'

/** The sentence that opens an update's report (the CLI's stderr). */
export function updateAnnouncement({ from, to }: PendingUpdate): string {
  return `Updating the library to this version's format (schema ${from} to ${to}). A checked copy of it is kept in backups/ first; on a large library this takes a minute.`
}

/** Milliseconds between two progress lines of one phase. */
export const LINE_INTERVAL_MS = 1000

const count = (n: number) => n.toLocaleString('en-US')

/**
 * Turns an update's progress into lines for a terminal: the copy once it is kept, the papers
 * indexed at most once a second (and the last count always), the compaction when it starts,
 * and a compaction that failed. `write` gets whole lines with their newline.
 */
export function createProgressLines(write: (line: string) => void, now: () => number = Date.now) {
  let phase: string | null = null
  let phaseStarted = 0
  let lastLine: number | null = null
  let copying = false

  const enter = (key: string) => {
    if (phase === key) return
    phase = key
    phaseStarted = now()
    lastLine = null
  }
  const line = (text: string) => {
    lastLine = now()
    write(`  ${text}\n`)
  }

  return {
    progress(progress: LibraryUpdateProgress): void {
      if (copying && progress.phase !== 'copy') {
        copying = false
        write('  kept a checked copy in backups/\n')
      }
      switch (progress.phase) {
        case 'copy':
          enter('copy')
          copying = true
          return
        case 'migrate': {
          enter(`migrate ${progress.schema}`)
          // A library without papers has none to count.
          if (progress.total === 0) return
          const last = progress.done >= progress.total
          const due = now() - (lastLine ?? phaseStarted) >= LINE_INTERVAL_MS
          if (last || due)
            line(`indexing papers: ${count(progress.done)} of ${count(progress.total)}`)
          return
        }
        case 'compact':
          enter('compact')
          line('compacting')
          return
      }
    },
    /** After the update: what became of the compaction, when it failed. */
    finished(compaction: Compaction | null): void {
      if (compaction && !compaction.ok) write(`  ${compactionFailed(compaction.reason)}\n`)
    },
  }
}

/** A failed compaction, said to the person: the update itself is whole. */
export function compactionFailed(reason: string): string {
  return `The library was updated but not compacted (${reason}); it works as it is, only larger than it needs to be.`
}
