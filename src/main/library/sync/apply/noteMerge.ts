import { hasConflictMarkers, mergeNoteTexts, minuteOf } from '../../../../shared/noteTextMerge'
import { hlcWall } from '../hlc'

/** A version of a paper's note: its text, the versions it was edited from, and its clock. */
export interface NoteVersion {
  gid: string
  parents: readonly string[]
  body: string
  hlc: string
}

/** A note's text as its versions make it. */
export interface MaterializedNote {
  body: string
  /** The text holds both sides of an overlapping edit between markers. */
  conflict: boolean
  /** The versions no other version names as a parent, by (hlc, gid). */
  heads: string[]
}

/** `YYYY-MM-DD HH:MM UTC` of a clock's wall time. */
export const editTime = (hlc: string): string => minuteOf(hlcWall(hlc))

const byClock = (a: NoteVersion, b: NoteVersion): number =>
  a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : a.gid < b.gid ? -1 : a.gid > b.gid ? 1 : 0

interface VersionGraph {
  byGid: Map<string, NoteVersion>
  /** Sorted by (hlc, gid). */
  heads: NoteVersion[]
  ancestorsOf: (version: NoteVersion) => Set<string>
}

/** The versions by gid (one per gid whatever the order), their heads and their ancestry. */
function versionGraph(versions: readonly NoteVersion[]): VersionGraph {
  const byGid = new Map<string, NoteVersion>()
  for (const version of [...versions].sort(byClock)) {
    const other = byGid.get(version.gid)
    // The same gid twice should be the same version; if not, the larger body decides, in any order.
    if (!other || version.body > other.body) byGid.set(version.gid, version)
  }
  const named = new Set<string>()
  for (const version of byGid.values()) {
    for (const parent of version.parents) if (parent !== version.gid) named.add(parent)
  }
  const all = [...byGid.values()].sort(byClock)
  let heads = all.filter((version) => !named.has(version.gid))
  if (heads.length === 0 && all.length > 0) heads = [all.at(-1)!]
  const ancestry = new Map<string, Set<string>>()
  const ancestorsOf = (start: NoteVersion): Set<string> => {
    const known = ancestry.get(start.gid)
    if (known) return known
    const seen = new Set<string>([start.gid])
    const queue = [start]
    while (queue.length > 0) {
      for (const parent of queue.pop()!.parents) {
        const version = byGid.get(parent)
        if (version && !seen.has(parent)) {
          seen.add(parent)
          queue.push(version)
        }
      }
    }
    ancestry.set(start.gid, seen)
    return seen
  }
  return { byGid, heads, ancestorsOf }
}

/** Folds the heads into one text; also says which versions served as merge bases. */
function fold({ byGid, heads, ancestorsOf }: VersionGraph): { body: string; bases: string[] } {
  const first = heads[0]
  if (!first) return { body: '', bases: [] }
  let body = first.body
  let common = ancestorsOf(first)
  const bases: string[] = []
  for (const head of heads.slice(1)) {
    const mine = ancestorsOf(head)
    common = new Set([...common].filter((gid) => mine.has(gid)))
    let base: NoteVersion | null = null
    for (const gid of common) {
      const version = byGid.get(gid)!
      if (base === null || byClock(version, base) > 0) base = version
    }
    if (base) bases.push(base.gid)
    body = mergeNoteTexts(base?.body ?? '', body, head.body, {
      ours: editTime(first.hlc),
      theirs: editTime(head.hlc),
    })
  }
  return { body, bases }
}

/**
 * The note's text as a pure function of the set of its versions (any order, duplicates alike):
 * one head gives its body; more are sorted by (hlc, gid) and folded, each merged into the text
 * so far against the latest (by clock) version that is an ancestor of every head folded so far
 * and of this one ('' when none is). Parents that are not among the versions (pruned, or not
 * arrived yet) are simply unknown. A cycle of parents (forged) leaves no head: the latest version
 * stands alone.
 */
export function materializeNote(versions: readonly NoteVersion[]): MaterializedNote {
  const graph = versionGraph(versions)
  const { body } = fold(graph)
  return { body, conflict: hasConflictMarkers(body), heads: graph.heads.map((head) => head.gid) }
}

/**
 * Which versions a paper may drop, keeping the newest `keep` by (hlc, gid) and everything the
 * text depends on: every head, every merge base and every version on the way from a head to a
 * base. A kept version nothing kept names as parent would become a head of its own, so it goes
 * too. The text of what is kept is the text of all of them. Returns the gids to remove.
 */
export function prunableVersions(versions: readonly NoteVersion[], keep: number): string[] {
  const graph = versionGraph(versions)
  const all = [...graph.byGid.values()].sort(byClock)
  if (all.length <= keep) return []
  const heads = new Set(graph.heads.map((head) => head.gid))
  const kept = new Set([...all.slice(-keep).map((version) => version.gid), ...heads])
  const { bases } = fold(graph)
  for (const base of new Set(bases)) {
    for (const head of graph.heads) {
      const ancestors = graph.ancestorsOf(head)
      if (!ancestors.has(base)) continue
      for (const gid of ancestors) {
        if (graph.ancestorsOf(graph.byGid.get(gid)!).has(base)) kept.add(gid)
      }
    }
  }
  for (let changed = true; changed;) {
    changed = false
    const named = new Set<string>()
    for (const gid of kept) for (const parent of graph.byGid.get(gid)!.parents) named.add(parent)
    for (const gid of kept) {
      if (!heads.has(gid) && !named.has(gid)) {
        kept.delete(gid)
        changed = true
      }
    }
  }
  return all.filter((version) => !kept.has(version.gid)).map((version) => version.gid)
}
