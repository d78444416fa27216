import { MarginError } from '../../../shared/errors'
import { MAX_PAPERS_PER_FILE, parseDigest, type ParsedDigest } from './parseDigest'
import { parseArxivAtom } from './sources/arxivAtom'
import { parseArxivEmail } from './sources/arxivEmail'
import { parseHfDailyJson } from './sources/hfDaily'
import { parseHfDailyPage } from './sources/hfDailyPage'

/**
 * Reads any source Margin takes, recognised by its content, never its file name: Hugging Face
 * daily papers JSON, a saved Daily Papers page, an arXiv Atom feed, an arXiv listing email, or
 * the plain-text copy of a Daily Papers page.
 */
export function parseSource(text: string): ParsedDigest {
  const head = text.slice(0, 4096).trimStart()
  if (/^rate exceeded\.?$/i.test(head.trimEnd())) {
    throw new MarginError(
      'SOURCE_ERROR',
      'arXiv answered "Rate exceeded." instead of a feed: it refuses requests sent too quickly. Wait a few seconds, fetch the feed again and import that.',
    )
  }
  if (head.startsWith('[') || head.startsWith('{')) return withinLimit(parseHfDailyJson(text))
  if (head.startsWith('<')) {
    if (/<feed[\s>]/.test(head)) return withinLimit(parseArxivAtom(text))
    if (/<!doctype html|<html[\s>]/i.test(head)) return withinLimit(parseHfDailyPage(text))
    throw new MarginError(
      'MALFORMED_DIGEST',
      'this is markup, but neither an Atom feed (<feed>) nor a web page (<html>).',
    )
  }
  if (/^arXiv:\S+/m.test(text) && /^Title:/m.test(text) && /^\\\\\s*$/m.test(text)) {
    return withinLimit(parseArxivEmail(text))
  }
  return parseDigest(text)
}

function withinLimit(digest: ParsedDigest): ParsedDigest {
  const papers = digest.sections.reduce((sum, section) => sum + section.papers.length, 0)
  if (papers > MAX_PAPERS_PER_FILE) {
    throw new MarginError(
      'TOO_MANY_PAPERS',
      `the file holds ${papers.toLocaleString('en-US')} papers; a file may hold at most ${MAX_PAPERS_PER_FILE.toLocaleString('en-US')}. Split it into smaller ones and import them together.`,
    )
  }
  return digest
}
