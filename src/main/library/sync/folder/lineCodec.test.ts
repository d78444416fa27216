import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { checksumOf, decodeLine, encodeLine } from './lineCodec'

describe('encodeLine', () => {
  it('appends the first 16 hex digits of the SHA-256 of the JSON as the last key', () => {
    const obj = { id: 'x', n: 1, text: 'ünïcödé ✓ \u2028' }
    const json = JSON.stringify(obj)
    const sum = createHash('sha256').update(json).digest('hex').slice(0, 16)
    expect(encodeLine(obj)).toBe(`${json.slice(0, -1)},"sum":"${sum}"}`)
    expect(JSON.parse(encodeLine(obj))).toEqual({ ...obj, sum })
  })

  it('never puts a newline in a line, whatever the text holds', () => {
    expect(encodeLine({ body: 'one\ntwo\r\nthree' })).not.toMatch(/[\r\n]/)
  })

  it('encodes the empty object', () => {
    const line = encodeLine({})
    expect(line).toBe(`{"sum":"${checksumOf('{}')}"}`)
    expect(decodeLine(line)).toEqual({ ok: true, value: {} })
  })

  it('refuses an object that has a sum already, and arrays', () => {
    expect(() => encodeLine({ sum: 'x' })).toThrow(/"sum"/)
    expect(() => encodeLine([1, 2])).toThrow(/not an array/)
  })
})

describe('decodeLine', () => {
  it('round-trips', () => {
    const obj = { v: 1, dev: 'abcdefgh01234567', seq: 3, nested: { a: [1, null, 'b'] } }
    expect(decodeLine(encodeLine(obj))).toEqual({ ok: true, value: obj })
  })

  it('verifies the text as written, not a re-encoding (other writers may space their JSON)', () => {
    const text = '{ "a" : 1 ,  "b":[1, 2] }'
    const head = text.slice(0, -1).trimEnd()
    const line = `${head},"sum":"${checksumOf(text.slice(0, -1).trimEnd() + '}')}"}`
    expect(decodeLine(line)).toEqual({ ok: true, value: { a: 1, b: [1, 2] } })
  })

  it('says when one character was changed', () => {
    const line = encodeLine({ to: 'read', at: 1 })
    const changed = line.replace('"read"', '"reed"')
    expect(decodeLine(changed)).toEqual({
      ok: false,
      reason: expect.stringMatching(/checksum does not match/),
    })
  })

  it('says when the checksum was changed', () => {
    const line = encodeLine({ a: 1 })
    const flipped = line.replace(/"sum":"(.)/, (_, c: string) => `"sum":"${c === '0' ? '1' : '0'}`)
    expect(decodeLine(flipped)).toMatchObject({ ok: false, reason: /checksum does not match/ })
  })

  it.each([
    ['{"a":1}', /no checksum/],
    ['{"a":1,"sum":"0123"}', /no checksum/],
    ['{"a":1,"sum":"0123456789ABCDEF"}', /16 hex digits/],
    ['{"sum":"0123456789abcdef","a":1}', /no checksum/],
    ['not json at all', /not a JSON object/],
    ['', /not a JSON object/],
    ['[1,2,"sum":"0123456789abcdef"}', /no checksum/],
  ])('refuses %j', (line, reason) => {
    expect(decodeLine(line)).toMatchObject({ ok: false, reason })
  })

  it('refuses JSON that is broken even when its checksum fits the broken text', () => {
    const body = '{"a":[1,}'
    expect(decodeLine(`{"a":[1,,"sum":"${checksumOf(body)}"}`)).toMatchObject({
      ok: false,
      reason: /not valid JSON/,
    })
  })

  it('refuses a line that carries "sum" twice', () => {
    const body = '{"sum":"x"}'
    expect(decodeLine(`{"sum":"x","sum":"${checksumOf(body)}"}`)).toMatchObject({
      ok: false,
      reason: /"sum" twice/,
    })
  })

  it('refuses a line whose checksummed text is not an object', () => {
    // "{" + "}" is the only non-comma body; anything else lacks the comma.
    expect(decodeLine(`"x","sum":"${checksumOf('"x"}')}"}`)).toMatchObject({ ok: false })
  })
})
