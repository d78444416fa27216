import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { formatHlc } from '../hlc'
import {
  SYNC_FORMAT_VERSION,
  SYNC_LIMITS,
  type AcksFile,
  type DeviceFile,
  type SnapshotHeader,
} from '../ops'
import { createDeviceWriter } from './deviceWriter'
import { createFolderReader } from './folderReader'
import { deviceDir, filesDir, opsDir, parseSegmentName, snapshotName } from './layout'
import { decodeLine, encodeLine } from './lineCodec'
import { DEVICE_A, DEVICE_B, opBody, opLine, opLines, useTempFolder } from './testOps'

const folder = useTempFolder()

const deviceFile = (overrides: Partial<DeviceFile> = {}): DeviceFile => ({
  format: 'margin-sync-device',
  v: SYNC_FORMAT_VERSION,
  id: DEVICE_A,
  name: 'Laptop',
  createdAt: 1_722_900_000_000,
  lastPassAt: null,
  lastSeq: 0,
  hlc: null,
  ...overrides,
})

const acksFile = (overrides: Partial<AcksFile> = {}): AcksFile => ({
  format: 'margin-sync-acks',
  v: SYNC_FORMAT_VERSION,
  id: DEVICE_A,
  acks: { [DEVICE_B]: 12 },
  at: 1_722_900_000_000,
  ...overrides,
})

const header = (covers: number): SnapshotHeader => ({
  format: 'margin-sync-snapshot',
  v: SYNC_FORMAT_VERSION,
  dev: DEVICE_A,
  covers: { [DEVICE_A]: covers, [DEVICE_B]: 7 },
  hlc: formatHlc({ wall: 1_722_900_000_000, counter: 0, device: DEVICE_A }),
  createdAt: 1_722_900_000_000,
})

const segments = () => readdirSync(opsDir(folder(), DEVICE_A)).sort()
const readerOfB = () => createFolderReader(folder(), { thisDevice: DEVICE_B })

describe('writeSegments', () => {
  it('writes closed segments that another device reads back in order', () => {
    const writer = createDeviceWriter(folder(), DEVICE_A)
    expect(writer.exists()).toBe(false)
    expect(writer.writeSegments(opLines(DEVICE_A, 1, 3), 1)).toEqual([
      '000000000001-000000000003.jsonl',
    ])
    expect(writer.writeSegments(opLines(DEVICE_A, 4, 4), 4)).toEqual([
      '000000000004-000000000004.jsonl',
    ])
    expect(writer.exists()).toBe(true)
    const read = readerOfB().readOps(DEVICE_A, 0, 100)
    expect(read.ops).toEqual([1, 2, 3, 4].map((seq) => opLine(DEVICE_A, seq)))
    expect(read).toMatchObject({ consumedThrough: 4, skipped: [], waiting: false, more: false })
    expect(readFileSync(join(opsDir(folder(), DEVICE_A), segments()[0]!), 'utf8')).toBe(
      opLines(DEVICE_A, 1, 3).join('\n') + '\n',
    )
  })

  it('closes a segment at SYNC_LIMITS.segmentOps operations', () => {
    const writer = createDeviceWriter(folder(), DEVICE_A)
    const count = SYNC_LIMITS.segmentOps * 2 + 17
    expect(writer.writeSegments(opLines(DEVICE_A, 1, count), 1)).toEqual([
      `000000000001-${String(SYNC_LIMITS.segmentOps).padStart(12, '0')}.jsonl`,
      `${String(SYNC_LIMITS.segmentOps + 1).padStart(12, '0')}-${String(SYNC_LIMITS.segmentOps * 2).padStart(12, '0')}.jsonl`,
      `${String(SYNC_LIMITS.segmentOps * 2 + 1).padStart(12, '0')}-${String(count).padStart(12, '0')}.jsonl`,
    ])
    expect(writer.lastSeqOnDisk()).toBe(count)
  })

  it('closes a segment before it passes SYNC_LIMITS.segmentBytes', () => {
    const writer = createDeviceWriter(folder(), DEVICE_A)
    const big = (seq: number) => encodeLine(opLine(DEVICE_A, seq, { body: 'x'.repeat(900_000) }))
    const lines = Array.from({ length: 11 }, (_, index) => big(index + 1))
    const names = writer.writeSegments(lines, 1)
    expect(names.length).toBeGreaterThan(2)
    let next = 1
    names.forEach((name, index) => {
      const range = parseSegmentName(name)!
      expect(range.first).toBe(next)
      next = range.last + 1
      const bytes = readFileSync(join(opsDir(folder(), DEVICE_A), name)).length
      expect(bytes).toBeLessThanOrEqual(SYNC_LIMITS.segmentBytes)
      // Each segment but the last is full: one more line would have passed the limit.
      if (index < names.length - 1) {
        expect(bytes + Buffer.byteLength(lines[0]!) + 1).toBeGreaterThan(SYNC_LIMITS.segmentBytes)
      }
    })
    expect(next).toBe(12)
    expect(readerOfB().readOps(DEVICE_A, 0, 100).consumedThrough).toBe(11)
  })

  it('puts a line larger than a segment alone in its segment', () => {
    const writer = createDeviceWriter(folder(), DEVICE_A)
    // Larger than segmentBytes, smaller than lineBytes (the writer checks form, not schema).
    const huge = encodeLine(opLine(DEVICE_A, 2, { body: 'y'.repeat(5_000_000) }))
    expect(Buffer.byteLength(huge)).toBeGreaterThan(SYNC_LIMITS.segmentBytes)
    const lines = [opLines(DEVICE_A, 1, 1)[0]!, huge, opLines(DEVICE_A, 3, 3)[0]!]
    expect(writer.writeSegments(lines, 1)).toEqual([
      '000000000001-000000000001.jsonl',
      '000000000002-000000000002.jsonl',
      '000000000003-000000000003.jsonl',
    ])
  })

  it('leaves out operations already on disk, so a pass that crashed after writing does not write them twice', () => {
    const writer = createDeviceWriter(folder(), DEVICE_A)
    writer.writeSegments(opLines(DEVICE_A, 1, 10), 1)
    expect(writer.writeSegments(opLines(DEVICE_A, 1, 15), 1)).toEqual([
      '000000000011-000000000015.jsonl',
    ])
    expect(writer.writeSegments(opLines(DEVICE_A, 5, 15), 5)).toEqual([])
    expect(segments()).toEqual([
      '000000000001-000000000010.jsonl',
      '000000000011-000000000015.jsonl',
    ])
    expect(
      readerOfB()
        .readOps(DEVICE_A, 0, 100)
        .ops.map((op) => op.seq),
    ).toEqual(Array.from({ length: 15 }, (_, index) => index + 1))
  })

  it('refuses to leave a gap that readers would wait on forever', () => {
    const writer = createDeviceWriter(folder(), DEVICE_A)
    writer.writeSegments(opLines(DEVICE_A, 1, 3), 1)
    expect(() => writer.writeSegments(opLines(DEVICE_A, 5, 6), 5)).toThrow(/through 3.*4–4/)
    expect(() => writer.writeSegments(opLines(DEVICE_A, 0, 1), 0)).toThrow(/numbered from 1/)
    expect(segments()).toEqual(['000000000001-000000000003.jsonl'])
  })

  it('refuses lines that are not this device’s operations at their numbers', () => {
    const writer = createDeviceWriter(folder(), DEVICE_A)
    expect(() => writer.writeSegments(opLines(DEVICE_A, 2, 3), 1)).toThrow(/operation 2 of/)
    expect(() => writer.writeSegments(opLines(DEVICE_B, 1, 2), 1)).toThrow(new RegExp(DEVICE_B))
    const damaged = opLines(DEVICE_A, 1, 1)[0]!.replace('"status"', '"statos"')
    expect(() => writer.writeSegments([damaged], 1)).toThrow(/not well formed/)
    expect(() => writer.writeSegments(['{"a":1}\n'], 1)).toThrow(/line break/)
    expect(writer.exists()).toBe(false)
  })

  it('leaves no temporary file behind', () => {
    const writer = createDeviceWriter(folder(), DEVICE_A)
    writer.writeSegments(opLines(DEVICE_A, 1, 3), 1)
    writer.writeDeviceFile(deviceFile())
    writer.writeAcks(acksFile())
    writer.writeSnapshot(header(3), [opBody(DEVICE_A, 1)])
    const all = [
      ...readdirSync(deviceDir(folder(), DEVICE_A)),
      ...readdirSync(opsDir(folder(), DEVICE_A)),
    ]
    expect(all.filter((name) => name.startsWith('.'))).toEqual([])
  })

  it('writes nothing into a sync folder that is not there', () => {
    const missing = join(folder(), 'unplugged')
    const writer = createDeviceWriter(missing, DEVICE_A)
    expect(() => writer.writeSegments(opLines(DEVICE_A, 1, 1), 1)).toThrow(/is not there/)
    expect(() => writer.writeDeviceFile(deviceFile())).toThrow(/nothing was written/)
    expect(existsSync(missing)).toBe(false)
  })
})

describe('device.json and acks.json', () => {
  it('writes one checksummed line each, which readers list', () => {
    const writer = createDeviceWriter(folder(), DEVICE_A)
    writer.writeDeviceFile(deviceFile({ lastSeq: 4 }))
    writer.writeAcks(acksFile())
    const text = readFileSync(join(deviceDir(folder(), DEVICE_A), 'device.json'), 'utf8')
    expect(text.endsWith('\n')).toBe(true)
    expect(decodeLine(text.slice(0, -1))).toEqual({ ok: true, value: deviceFile({ lastSeq: 4 }) })
    expect(readerOfB().listDevices()).toEqual([
      { id: DEVICE_A, device: deviceFile({ lastSeq: 4 }), acks: acksFile(), problems: [] },
    ])
    writer.writeDeviceFile(deviceFile({ lastSeq: 9, name: 'Desk' }))
    expect(readerOfB().listDevices()[0]!.device).toMatchObject({ lastSeq: 9, name: 'Desk' })
  })

  it('refuses files that are not valid or name another device', () => {
    const writer = createDeviceWriter(folder(), DEVICE_A)
    expect(() => writer.writeDeviceFile(deviceFile({ id: DEVICE_B }))).toThrow(/another device/)
    expect(() => writer.writeDeviceFile(deviceFile({ name: '' }))).toThrow(/name/)
    expect(() => writer.writeAcks(acksFile({ acks: { nope: 1 } }))).toThrow(/acks/)
    expect(writer.exists()).toBe(false)
  })
})

describe('writeSnapshot', () => {
  it('streams the header, the entries and the end line; readers stream them back', () => {
    const writer = createDeviceWriter(folder(), DEVICE_A)
    let produced = 0
    function* entries() {
      for (let seq = 1; seq <= 2_000; seq++) {
        produced += 1
        yield opBody(DEVICE_A, seq)
      }
    }
    expect(writer.writeSnapshot(header(2_000), entries())).toEqual({
      name: snapshotName(2_000),
      count: 2_000,
    })
    expect(produced).toBe(2_000)
    expect(writer.lastSeqOnDisk()).toBe(2_000)
    const snapshot = readerOfB().readSnapshot(DEVICE_A)!
    expect(snapshot).toMatchObject({ seq: 2_000, count: 2_000, header: header(2_000) })
    const read = [...snapshot.entries()]
    expect(read).toHaveLength(2_000)
    expect(read[0]).toEqual({ ok: true, op: opBody(DEVICE_A, 1) })
    expect(read.every((entry) => entry.ok)).toBe(true)
  })

  it('lets the event loop turn while it writes, when asked to', async () => {
    const writer = createDeviceWriter(folder(), DEVICE_A)
    let turns = 0
    let turnsSeenByEntries = 0
    const tick = () => {
      turns += 1
      if (turns < 1_000) setImmediate(tick)
    }
    setImmediate(tick)
    function* entries() {
      for (let seq = 1; seq <= 50; seq++) {
        turnsSeenByEntries = turns
        yield opBody(DEVICE_A, seq)
      }
    }
    expect(await writer.writeSnapshotInTurns(header(50), entries(), 0)).toEqual({
      name: snapshotName(50),
      count: 50,
    })
    expect(turnsSeenByEntries).toBeGreaterThan(10)
    const snapshot = readerOfB().readSnapshot(DEVICE_A)!
    expect([...snapshot.entries()].filter((entry) => entry.ok)).toHaveLength(50)
  })

  it('removes older own snapshots once the new one is in place', () => {
    const writer = createDeviceWriter(folder(), DEVICE_A)
    writer.writeSnapshot(header(5), [opBody(DEVICE_A, 1)])
    writer.writeSnapshot(header(9), [opBody(DEVICE_A, 2)])
    expect(readdirSync(deviceDir(folder(), DEVICE_A)).filter((n) => n.startsWith('snap'))).toEqual([
      snapshotName(9),
    ])
  })

  it('leaves the older snapshot alone when writing the new one fails midway', () => {
    const writer = createDeviceWriter(folder(), DEVICE_A)
    writer.writeSnapshot(header(5), [opBody(DEVICE_A, 1)])
    function* failing() {
      yield opBody(DEVICE_A, 1)
      throw new Error('the database went away')
    }
    expect(() => writer.writeSnapshot(header(9), failing())).toThrow(/database went away/)
    expect(readdirSync(deviceDir(folder(), DEVICE_A))).toEqual([snapshotName(5)])
    expect(readerOfB().readSnapshot(DEVICE_A)!.seq).toBe(5)
  })

  it('refuses an entry longer than readers take, and a header of another device', () => {
    const writer = createDeviceWriter(folder(), DEVICE_A)
    const huge = { ...opBody(DEVICE_A, 1), body: 'z'.repeat(SYNC_LIMITS.lineBytes) }
    expect(() => writer.writeSnapshot(header(1), [huge])).toThrow(/longer than readers take/)
    expect(() => writer.writeSnapshot({ ...header(1), dev: DEVICE_B }, [])).toThrow(/another/)
    expect(readerOfB().readSnapshot(DEVICE_A)).toBeNull()
  })
})

describe('removeSegmentsThrough', () => {
  it('removes only segments whose last operation is at or below the seq', () => {
    const writer = createDeviceWriter(folder(), DEVICE_A)
    writer.writeSegments(opLines(DEVICE_A, 1, 3), 1)
    writer.writeSegments(opLines(DEVICE_A, 4, 6), 4)
    writer.writeSegments(opLines(DEVICE_A, 7, 9), 7)
    expect(writer.removeSegmentsThrough(5)).toEqual(['000000000001-000000000003.jsonl'])
    expect(writer.removeSegmentsThrough(6)).toEqual(['000000000004-000000000006.jsonl'])
    expect(segments()).toEqual(['000000000007-000000000009.jsonl'])
    expect(writer.lastSeqOnDisk()).toBe(9)
  })

  it('keeps lastSeqOnDisk by the snapshot once every segment is gone', () => {
    const writer = createDeviceWriter(folder(), DEVICE_A)
    writer.writeSegments(opLines(DEVICE_A, 1, 3), 1)
    writer.writeSnapshot(header(3), [])
    writer.removeSegmentsThrough(3)
    expect(segments()).toEqual([])
    expect(writer.lastSeqOnDisk()).toBe(3)
    expect(writer.writeSegments(opLines(DEVICE_A, 4, 4), 4)).toHaveLength(1)
  })
})

describe('copyFile', () => {
  it('copies a PDF by its hash once, and readers find it', async () => {
    const bytes = Buffer.from('%PDF-1.4\n' + 'q'.repeat(3 * 1024 * 1024) + '\n%%EOF\n')
    const sha = createHash('sha256').update(bytes).digest('hex')
    const source = join(folder(), 'source.pdf')
    writeFileSync(source, bytes)
    const writer = createDeviceWriter(folder(), DEVICE_A)
    expect(await writer.copyFile(sha, source)).toBe('copied')
    expect(await writer.copyFile(sha, source)).toBe('present')
    const found = readerOfB().findFile(sha)
    expect(found).toBe(join(filesDir(folder(), DEVICE_A), `${sha}.pdf`))
    expect(readFileSync(found!).equals(bytes)).toBe(true)
  })

  it('refuses bytes that do not have the hash, leaving nothing', async () => {
    const source = join(folder(), 'source.pdf')
    writeFileSync(source, '%PDF-1.4 something else')
    const writer = createDeviceWriter(folder(), DEVICE_A)
    await expect(writer.copyFile('0'.repeat(64), source)).rejects.toThrow(/has SHA-256/)
    expect(readdirSync(filesDir(folder(), DEVICE_A))).toEqual([])
    await expect(writer.copyFile('../../x', source)).rejects.toThrow(/not a SHA-256/)
  })
})

describe('clearTemporary', () => {
  it('removes own temporary files an interrupted write left, once they are old', () => {
    const writer = createDeviceWriter(folder(), DEVICE_A)
    writer.writeSegments(opLines(DEVICE_A, 1, 1), 1)
    const old = join(
      opsDir(folder(), DEVICE_A),
      '.000000000002-000000000002.jsonl.tmp-0123456789ab',
    )
    const fresh = join(deviceDir(folder(), DEVICE_A), '.device.json.tmp-ba9876543210')
    writeFileSync(old, 'half')
    writeFileSync(fresh, 'half')
    const now = Date.now()
    utimesSync(old, new Date(now - 2 * 3600_000), new Date(now - 2 * 3600_000))
    expect(writer.clearTemporary(now)).toBe(1)
    expect(existsSync(old)).toBe(false)
    expect(existsSync(fresh)).toBe(true)
  })
})
