import { linkTarget, type LinkTarget } from './links'

/** An entry of a PDF's outline, as pdf.js gives it (the fields read here). */
export interface OutlineNode {
  title: string
  dest?: string | unknown[] | null
  url?: string | null
  items: OutlineNode[]
}

interface Props {
  items: OutlineNode[]
  onFollow: (target: LinkTarget) => void
}

/** The PDF's outline (its bookmarks): each entry jumps to its place. */
export function OutlinePanel({ items, onFollow }: Props) {
  return (
    <nav className="pdf-outline" aria-label="Outline">
      <OutlineList items={items} onFollow={onFollow} />
    </nav>
  )
}

function OutlineList({ items, onFollow }: Props) {
  return (
    <ul>
      {items.map((item, index) => {
        const target = linkTarget({
          subtype: 'Link',
          ...(item.url ? { url: item.url } : {}),
          ...(item.dest ? { dest: item.dest } : {}),
        })
        return (
          <li key={index}>
            <button
              type="button"
              disabled={!target}
              onClick={() => target && onFollow(target)}
              title={target?.kind === 'web' ? target.url : undefined}
            >
              {item.title}
            </button>
            {item.items.length > 0 && <OutlineList items={item.items} onFollow={onFollow} />}
          </li>
        )
      })}
    </ul>
  )
}
