import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach } from 'vitest'
import { formatHlc } from '../hlc'
import { SYNC_FORMAT_VERSION, type OpBody, type OpLine } from '../ops'
import { encodeLine } from './lineCodec'

/** Operations and folders for the folder layer's tests (and other sync tests that want them). */

export const DEVICE_A = 'aaaaaaaaaaaaaaa1'
export const DEVICE_B = 'bbbbbbbbbbbbbbb2'
export const DEVICE_C = 'ccccccccccccccc3'

const paper = { arxivId: '2408.01234', titleKey: 'a paper' }

/** A valid operation body of `device`, numbered `seq` (a tag, a status or a note in turn). */
export function opBody(device: string, seq: number, extra: { body?: string } = {}): OpBody {
  const id = `${device}:${seq}`
  const hlc = formatHlc({ wall: 1_722_900_000_000 + seq, counter: 0, device })
  if (extra.body !== undefined) {
    return { kind: 'note', id, hlc, paper, parents: [], body: extra.body }
  }
  switch (seq % 3) {
    case 0:
      return { kind: 'tag', id, hlc, paper, name: `tag ${seq}`, present: true }
    case 1:
      return { kind: 'status', id, hlc, paper, from: 'new', to: 'read', at: 1_722_900_000_000 }
    default:
      return { kind: 'note', id, hlc, paper, parents: [], body: `note ${seq}` }
  }
}

/** A segment line's object: the operation with its format, device and number. */
export function opLine(device: string, seq: number, extra: { body?: string } = {}): OpLine {
  return { v: SYNC_FORMAT_VERSION, dev: device, seq, ...opBody(device, seq, extra) } as OpLine
}

/** Encoded lines for operations `first`…`last` of `device`. */
export function opLines(device: string, first: number, last: number): string[] {
  const lines: string[] = []
  for (let seq = first; seq <= last; seq++) lines.push(encodeLine(opLine(device, seq)))
  return lines
}

/** A fresh temporary folder, and a function that removes it. */
export function tempFolder(prefix = 'margin-sync-'): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix))
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) }
}

/** A fresh temporary folder for each test of a file (removed after it): the function gives its path. */
export function useTempFolder(prefix?: string): () => string {
  let current: { path: string; remove: () => void } | null = null
  beforeEach(() => {
    current = tempFolder(prefix)
  })
  afterEach(() => {
    current?.remove()
    current = null
  })
  return () => current!.path
}
