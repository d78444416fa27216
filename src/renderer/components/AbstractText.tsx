import { useStore } from '../store'

/** Splits text at the given links, in order of appearance. */
function segments(text: string, links: readonly string[]): Array<{ text: string; link: boolean }> {
  const parts: Array<{ text: string; link: boolean }> = []
  let rest = text
  for (;;) {
    const found = links
      .map((link) => ({ link, at: rest.indexOf(link) }))
      .filter((f) => f.at !== -1)
      .sort((a, b) => a.at - b.at || b.link.length - a.link.length)[0]
    if (!found) break
    if (found.at > 0) parts.push({ text: rest.slice(0, found.at), link: false })
    parts.push({ text: found.link, link: true })
    rest = rest.slice(found.at + found.link.length)
  }
  if (rest) parts.push({ text: rest, link: false })
  return parts
}

/** The abstract as plain text, its links as links that open in the system browser. */
export function AbstractText({ text, links }: { text: string; links: string[] }) {
  const openLink = useStore((s) => s.openLink)
  return (
    <p className="abstract">
      {segments(text, links).map((part, index) =>
        part.link ? (
          <a
            key={index}
            href={part.text}
            onClick={(event) => {
              event.preventDefault()
              void openLink(part.text)
            }}
          >
            {part.text}
          </a>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </p>
  )
}
