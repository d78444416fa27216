import { MarginError } from '../../../shared/errors'
import type { SubscriptionKind } from '../../../shared/models'

/**
 * What a subscription asks arXiv for: a category (`cs.LG`, `math.AP`, `astro-ph.CO`), an
 * archive (`cs`: every category in it), or a query in the API's own language
 * (https://info.arxiv.org/help/api/user-manual.html#query_details): fields `ti au abs co jr
 * cat rn id all`, each `field:word` or `field:"a phrase"`, joined by AND, OR or ANDNOT, with
 * parentheses. Checked before it is stored, so a typo is refused with the reason rather than
 * failing every few hours.
 */

/**
 * arXiv's archives and the categories in each (https://arxiv.org/category_taxonomy); an archive
 * without categories (hep-th) is a category itself.
 */
const ARXIV_TAXONOMY: Readonly<Record<string, readonly string[]>> = {
  'astro-ph': ['CO', 'EP', 'GA', 'HE', 'IM', 'SR'],
  'cond-mat': [
    'dis-nn',
    'mes-hall',
    'mtrl-sci',
    'other',
    'quant-gas',
    'soft',
    'stat-mech',
    'str-el',
    'supr-con',
  ],
  cs: [
    ...['AI', 'AR', 'CC', 'CE', 'CG', 'CL', 'CR', 'CV', 'CY', 'DB', 'DC', 'DL', 'DM', 'DS'],
    ...['ET', 'FL', 'GL', 'GR', 'GT', 'HC', 'IR', 'IT', 'LG', 'LO', 'MA', 'MM', 'MS', 'NA'],
    ...['NE', 'NI', 'OH', 'OS', 'PF', 'PL', 'RO', 'SC', 'SD', 'SE', 'SI', 'SY'],
  ],
  econ: ['EM', 'GN', 'TH'],
  eess: ['AS', 'IV', 'SP', 'SY'],
  'gr-qc': [],
  'hep-ex': [],
  'hep-lat': [],
  'hep-ph': [],
  'hep-th': [],
  math: [
    ...['AC', 'AG', 'AP', 'AT', 'CA', 'CO', 'CT', 'CV', 'DG', 'DS', 'FA', 'GM', 'GN', 'GR'],
    ...['GT', 'HO', 'IT', 'KT', 'LO', 'MG', 'MP', 'NA', 'NT', 'OA', 'OC', 'PR', 'QA', 'RA'],
    ...['RT', 'SG', 'SP', 'ST'],
  ],
  'math-ph': [],
  nlin: ['AO', 'CD', 'CG', 'PS', 'SI'],
  'nucl-ex': [],
  'nucl-th': [],
  physics: [
    ...['acc-ph', 'ao-ph', 'app-ph', 'atm-clus', 'atom-ph', 'bio-ph', 'chem-ph', 'class-ph'],
    ...['comp-ph', 'data-an', 'ed-ph', 'flu-dyn', 'gen-ph', 'geo-ph', 'hist-ph', 'ins-det'],
    ...['med-ph', 'optics', 'plasm-ph', 'pop-ph', 'soc-ph', 'space-ph'],
  ],
  'q-bio': ['BM', 'CB', 'GN', 'MN', 'NC', 'OT', 'PE', 'QM', 'SC', 'TO'],
  'q-fin': ['CP', 'EC', 'GN', 'MF', 'PM', 'PR', 'RM', 'ST', 'TR'],
  'quant-ph': [],
  stat: ['AP', 'CO', 'ME', 'ML', 'OT', 'TH'],
}

/** arXiv's archives. */
export const ARXIV_ARCHIVES = Object.keys(ARXIV_TAXONOMY)

export const ARXIV_QUERY_FIELDS = ['ti', 'au', 'abs', 'co', 'jr', 'cat', 'rn', 'id', 'all'] as const

export const MAX_QUERY_LENGTH = 500

const FIELDS = new Set<string>(ARXIV_QUERY_FIELDS)
const OPERATORS = new Set(['AND', 'OR', 'ANDNOT'])
const CATEGORY = /^([a-z-]+)(?:\.([A-Za-z][A-Za-z-]*))?$/

/** The archive (and category, if any) `text` names, or null when it is not shaped like one. */
function categoryOf(text: string): { archive: string; category: string | null } | null {
  const match = CATEGORY.exec(text)
  return match ? { archive: match[1]!, category: match[2] ?? null } : null
}

const invalid = (message: string) => new MarginError('INVALID_ARGUMENT', message)

/** The query as stored (trimmed, spaces collapsed); throws MarginError with the reason it is not one arXiv reads. */
export function validArxivQuery(input: string): string {
  const query = input.replace(/\s+/g, ' ').trim()
  if (query === '') {
    throw invalid('Give an arXiv category (such as cs.LG) or a query (such as au:hinton).')
  }
  if (query.length > MAX_QUERY_LENGTH) {
    throw invalid(
      `An arXiv query is at most ${MAX_QUERY_LENGTH} characters; this one has ${query.length}.`,
    )
  }
  const category = categoryOf(query)
  if (category) return knownCategory(category.archive, category.category)
  checkQuery(query)
  return query
}

/** The category as arXiv spells it (cs.lg → cs.LG); refused with the archive's categories when arXiv has no such one. */
function knownCategory(archive: string, category: string | null): string {
  const categories = ARXIV_TAXONOMY[archive]
  if (!categories) {
    const word = category === null ? ` To search for the word, write all:${archive}.` : ''
    throw invalid(
      `"${archive}" is not an arXiv archive; use one of ${ARXIV_ARCHIVES.join(', ')} (for example cs.LG or math.AP).${word}`,
    )
  }
  if (category === null) return archive
  const known = categories.find((name) => name.toLowerCase() === category.toLowerCase())
  if (!known) {
    throw invalid(
      categories.length === 0
        ? `${archive} has no categories; follow ${archive} itself.`
        : `${archive}.${category} is not an arXiv category; ${archive} has ${categories.map((name) => `${archive}.${name}`).join(', ')}.`,
    )
  }
  return `${archive}.${known}`
}

function checkQuery(query: string): void {
  if ((query.match(/"/g)?.length ?? 0) % 2 === 1) {
    throw invalid(`The query has an opening quote without its closing one: ${query}`)
  }
  // Terms (field:word, field:"a phrase"), operators and parentheses, in order.
  const tokens = query.match(/[()]|[^\s()"]+:"[^"]*"|"[^"]*"|[^\s()"]+/g) ?? []
  let depth = 0
  let expectTerm = true
  for (const token of tokens) {
    if (token === '(') {
      if (!expectTerm) throw missingOperator(token)
      depth++
    } else if (token === ')') {
      if (expectTerm || depth === 0) throw invalid(`The query's parentheses do not match: ${query}`)
      depth--
    } else if (OPERATORS.has(token)) {
      if (expectTerm) throw invalid(`"${token}" needs a term on each side: ${query}`)
      expectTerm = true
    } else {
      if (!expectTerm) throw missingOperator(token)
      checkTerm(token)
      expectTerm = false
    }
  }
  if (expectTerm) throw invalid(`The query ends without a term after its last operator: ${query}`)
  if (depth !== 0) throw invalid(`The query's parentheses do not match: ${query}`)
}

function checkTerm(term: string): void {
  const colon = term.indexOf(':')
  const field = colon > 0 ? term.slice(0, colon) : null
  const value = colon > 0 ? term.slice(colon + 1).replace(/^"|"$/g, '') : ''
  if (field === null || !FIELDS.has(field)) {
    throw invalid(
      `"${term}" has no field arXiv knows: write each term as field:word or field:"a phrase", the field one of ${ARXIV_QUERY_FIELDS.join(', ')} (all: searches everything).`,
    )
  }
  if (value.trim() === '') throw invalid(`"${term}" has nothing to look for after "${field}:".`)
}

const missingOperator = (token: string) =>
  invalid(
    `Join the terms with AND, OR or ANDNOT (before "${token}"); arXiv reads no other way of combining them.`,
  )

/** The API's search_query for a stored query: a category or archive becomes cat:…, a query stays as given. */
export function searchQueryOf(query: string): string {
  const category = categoryOf(query)
  if (!category) return query
  return category.category === null && ARXIV_TAXONOMY[category.archive]?.length
    ? `cat:${category.archive}.*`
    : `cat:${query}`
}

/** How people call a subscription: "Hugging Face Daily Papers", "arXiv cs.LG", "arXiv au:hinton". */
export function subscriptionLabel(kind: SubscriptionKind, query: string | null): string {
  return kind === 'hf-daily' ? 'Hugging Face Daily Papers' : `arXiv ${query ?? ''}`
}

const DAY_MS = 86_400_000

/** The UTC day of `at` as YYYY-MM-DD. */
export function utcDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10)
}

/** The day `days` after `day` (before, when negative). */
export function addDays(day: string, days: number): string {
  return utcDay(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS)
}

/** How many days back a subscription starts when no day is given. */
export const DEFAULT_SINCE_DAYS = 3

/** The first day to fetch: `since` checked (a real day, not after today), else 3 days ago. */
export function validSince(since: string | undefined, now: number): string {
  const today = utcDay(now)
  if (since === undefined || since.trim() === '') return addDays(today, -DEFAULT_SINCE_DAYS)
  const day = since.trim()
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || utcDay(Date.parse(`${day}T00:00:00Z`) || 0) !== day) {
    throw invalid(`"${since}" is not a day: write it YYYY-MM-DD, such as ${today}.`)
  }
  if (day > today)
    throw invalid(`${day} is in the future; a subscription starts today (${today}) or earlier.`)
  return day
}
