const URL_CANDIDATE = /\bhttps?:\/\/[^\s<>"'`]+/gi
const TRAILING_PUNCTUATION = /[.,;:!?*]+$/

/** The http(s) links in a piece of text, without the sentence punctuation that follows them. */
export function extractLinks(text: string): string[] {
  const links: string[] = []
  for (const match of text.matchAll(URL_CANDIDATE)) {
    const link = trimUrl(match[0])
    if (link.length > 'https://'.length && !links.includes(link)) links.push(link)
  }
  return links
}

function trimUrl(candidate: string): string {
  let url = candidate
  for (;;) {
    const before = url
    url = url.replace(TRAILING_PUNCTUATION, '')
    for (const [open, close] of [
      ['(', ')'],
      ['[', ']'],
      ['{', '}'],
    ] as const) {
      if (url.endsWith(close) && count(url, close) > count(url, open)) url = url.slice(0, -1)
    }
    if (url === before) return url
  }
}

function count(text: string, char: string): number {
  return text.split(char).length - 1
}
