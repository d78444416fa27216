import { decodeHTMLAttribute } from 'entities'
import { MarginError } from '../../../../shared/errors'
import type { ParsedDigest } from '../parseDigest'
import { hfDailyEntries } from './hfDaily'

/**
 * A saved huggingface.co/papers page. The page embeds its daily papers list as JSON in the
 * `data-props` attribute of the element that renders it; that JSON is read as text (decoded
 * from the attribute, then JSON.parse). Nothing in the page is run or rendered.
 */
export function parseHfDailyPage(html: string): ParsedDigest {
  for (const match of html.matchAll(/\sdata-props=(?:"([^"]*)"|'([^']*)')/g)) {
    let props: unknown
    try {
      props = JSON.parse(decodeHTMLAttribute(match[1] ?? match[2]!))
    } catch {
      continue
    }
    const entries = (props as { dailyPapers?: unknown } | null)?.dailyPapers
    if (Array.isArray(entries)) return { ...hfDailyEntries(entries), source: 'hf-page' }
  }
  throw new MarginError(
    'MALFORMED_DIGEST',
    'this web page holds no Daily Papers list. Save the huggingface.co/papers page itself (File › Save Page As…) and import that file.',
  )
}
