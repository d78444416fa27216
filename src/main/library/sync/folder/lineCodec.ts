import { createHash } from 'node:crypto'

/**
 * One line of a sync file: the JSON of an object with its checksum appended as the last key,
 * `"sum"`: the first 16 hex digits of the SHA-256 of the line's text without `,"sum":"…"`. A
 * reader verifies the text it read (strip the suffix, hash), so a writer in another language
 * may format its JSON as it likes; a line damaged in transit or edited by hand fails.
 */

const SUM = /^[0-9a-f]{16}$/
/** `"sum":"<16 hex>"}` at the very end of a line. */
const SUFFIX_LENGTH = '"sum":"'.length + 16 + '"}'.length

export function checksumOf(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16)
}

/** The line of `obj` (no newline): its JSON with `"sum"` appended. */
export function encodeLine(obj: object): string {
  if (Array.isArray(obj)) throw new Error('A sync line holds an object, not an array.')
  if (Object.hasOwn(obj, 'sum')) {
    throw new Error('A sync line’s object cannot have its own "sum": the checksum goes there.')
  }
  const json = JSON.stringify(obj)
  if (typeof json !== 'string' || !json.startsWith('{') || !json.endsWith('}')) {
    throw new Error('A sync line holds an object whose JSON is an object.')
  }
  const sum = `"sum":"${checksumOf(json)}"}`
  return json === '{}' ? `{${sum}` : `${json.slice(0, -1)},${sum}`
}

export type DecodedLine = { ok: true; value: unknown } | { ok: false; reason: string }

/**
 * The object a line holds, without its `"sum"`, once the checksum matches the text; or why
 * not, as a sentence. `text` is the line without its newline.
 */
export function decodeLine(text: string): DecodedLine {
  const sumAt = text.length - SUFFIX_LENGTH
  if (sumAt < 1 || !text.endsWith('"}') || text.slice(sumAt, sumAt + 7) !== '"sum":"') {
    return bad(
      text.trimStart().startsWith('{')
        ? 'it has no checksum ("sum" is not its last key)'
        : 'it is not a JSON object',
    )
  }
  const sum = text.slice(sumAt + 7, sumAt + 23)
  if (!SUM.test(sum)) return bad('its checksum is not 16 hex digits')
  const head = text.slice(0, sumAt)
  let body: string
  if (head.endsWith(',')) body = `${head.slice(0, -1)}}`
  else if (head.trimEnd() === '{') body = `${head}}`
  else return bad('it has no checksum ("sum" is not its last key)')
  if (checksumOf(body) !== sum) {
    return bad('its checksum does not match its text (the line was damaged or changed)')
  }
  let value: unknown
  try {
    value = JSON.parse(body)
  } catch (error) {
    return bad(`it is not valid JSON (${(error as Error).message})`)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return bad('it is not a JSON object')
  }
  if (Object.hasOwn(value, 'sum')) return bad('it has "sum" twice')
  return { ok: true, value }
}

const bad = (reason: string): DecodedLine => ({ ok: false, reason })
