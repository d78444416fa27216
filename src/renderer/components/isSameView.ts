import type { PaperView } from '../../shared/ipc'

/** Both name the same list. Cheap: every sidebar link asks on each store change. */
export function isSameView(a: PaperView, b: PaperView): boolean {
  switch (a.kind) {
    case 'inbox':
    case 'all':
      return a.kind === b.kind
    case 'digest':
      return b.kind === 'digest' && a.date === b.date
    case 'status':
      return b.kind === 'status' && a.status === b.status
    case 'tag':
      return b.kind === 'tag' && a.tag === b.tag
  }
}
