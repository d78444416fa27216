import {
  appendFileSync,
  closeSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { formatHlc } from '../hlc'
import { SYNC_FORMAT_VERSION, SYNC_LIMITS, type DeviceFile, type SnapshotHeader } from '../ops'
import { createDeviceWriter } from './deviceWriter'
import { createFolderReader } from './folderReader'
import { deviceDir, devicesDir, syncRoot } from './layout'
import { checksumOf, encodeLine } from './lineCodec'
import {
  DEVICE_A,
  DEVICE_B,
  DEVICE_C,
  opBody,
  opLine,
  opLines,
  tempFolder,
  useTempFolder,
} from './testOps'

const folder = useTempFolder()

const posixOnly = it.skipIf(process.platform === 'win32')

/** Writes `content` at `relative` inside DEVICE_A's folder (or `device`'s). */
function put(relative: string, content: string | Buffer, device = DEVICE_A): string {
  const path = join(deviceDir(folder(), device), relative)
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, content)
  return path
}

const lines = (...texts: string[]) => texts.map((text) => text + '\n').join('')
const reader = () => createFolderReader(folder(), { thisDevice: DEVICE_B })
const seqs = (read: { ops: Array<{ seq: number }> }) => read.ops.map((op) => op.seq)

const deviceFile = (id = DEVICE_A, overrides: Partial<DeviceFile> = {}): DeviceFile => ({
  format: 'margin-sync-device',
  v: SYNC_FORMAT_VERSION,
  id,
  name: 'Laptop',
  createdAt: 1_722_900_000_000,
  lastPassAt: 1_722_900_100_000,
  lastSeq: 0,
  hlc: null,
  ...overrides,
})

const header = (covers: number, overrides: Partial<SnapshotHeader> = {}): SnapshotHeader => ({
  format: 'margin-sync-snapshot',
  v: SYNC_FORMAT_VERSION,
  dev: DEVICE_A,
  covers: { [DEVICE_A]: covers },
  hlc: formatHlc({ wall: 1_722_900_000_000, counter: 0, device: DEVICE_A }),
  createdAt: 1_722_900_000_000,
  ...overrides,
})

describe('listDevices', () => {
  it('lists other devices by their folders, not this one, and not names that are not ids', () => {
    createDeviceWriter(folder(), DEVICE_A).writeDeviceFile(deviceFile(DEVICE_A))
    createDeviceWriter(folder(), DEVICE_B).writeDeviceFile(deviceFile(DEVICE_B))
    mkdirSync(deviceDir(folder(), DEVICE_C))
    mkdirSync(join(devicesDir(folder()), 'not-a-device'))
    mkdirSync(join(devicesDir(folder()), `${DEVICE_A} (conflicted copy 2024-05-01)`))
    writeFileSync(join(devicesDir(folder()), 'README.txt'), 'hello')
    const folderReader = reader()
    expect(folderReader.listDevices()).toEqual([
      { id: DEVICE_A, device: deviceFile(DEVICE_A), acks: null, problems: [] },
      { id: DEVICE_C, device: null, acks: null, problems: [] },
    ])
    expect(folderReader.ignored()).toMatchObject({ 'conflict-copy': 1, unknown: 2 })
  })

  it('gives an empty list for a folder Margin has not written in, or one that is gone', () => {
    expect(reader().listDevices()).toEqual([])
    expect(
      createFolderReader(join(folder(), 'gone'), { thisDevice: DEVICE_B }).listDevices(),
    ).toEqual([])
  })

  it('says why a device.json is not used, and uses nothing of it', () => {
    const device = encodeLine(deviceFile(DEVICE_A))
    const cases: Array<[string, RegExp]> = [
      [device.replace('Laptop', 'Lapdog'), /checksum does not match/],
      [encodeLine(deviceFile(DEVICE_C)), /says it is ccccccccccccccc3's/],
      [encodeLine({ ...deviceFile(DEVICE_A), name: '' }), /name/],
      [encodeLine({ ...deviceFile(DEVICE_A), extra: 1 }), /extra|Unrecognized/i],
      [`${device}\n${device}`, /2 lines, not one/],
      [encodeLine({ ...deviceFile(DEVICE_A), v: 2 }), /version 2; this Margin reads version 1/],
      ['\u0000\u0001binary', /not a JSON object/],
    ]
    for (const [text, problem] of cases) {
      put('device.json', text + '\n')
      const [listed] = reader().listDevices()
      expect(listed!.device).toBeNull()
      expect(listed!.problems).toEqual([expect.stringMatching(problem)])
    }
  })

  it('does not read a device.json or acks.json larger than 1 MiB', () => {
    put('device.json', 'x'.repeat(1024 * 1024 + 1))
    put('acks.json', Buffer.alloc(5 * 1024 * 1024))
    const [listed] = reader().listDevices()
    expect(listed).toMatchObject({ device: null, acks: null })
    expect(listed!.problems).toEqual([
      expect.stringMatching(/^device\.json of aaaaaaaaaaaaaaa1 is 1048577 bytes, more than/),
      expect.stringMatching(/^acks\.json of aaaaaaaaaaaaaaa1 is 5242880 bytes/),
    ])
  })

  it('counts what engines and people left beside Margin’s files, by kind', () => {
    const writer = createDeviceWriter(folder(), DEVICE_A)
    writer.writeSegments(opLines(DEVICE_A, 1, 2), 1)
    put('ops/000000000001-000000000002 (conflicted copy 2024-05-01).jsonl', 'x')
    put('ops/000000000001-000000000002.sync-conflict-20240501-101010-ABCDEFG.jsonl', 'x')
    put('device (Case Conflict).json', 'x')
    put('.acks.json.icloud', 'x')
    put('ops/.000000000003-000000000004.jsonl.icloud', 'x')
    put('ops/.syncthing.000000000003-000000000004.jsonl.tmp', 'x')
    put('ops/~syncthing~000000000005-000000000006.jsonl.tmp', 'x')
    put('.device.json.tmp-0123456789ab', 'x')
    put('.DS_Store', 'x')
    put('files/notes.txt', 'x')
    put('ops/000000000001-000000000002.json', 'x')
    put('snapshot-000000000001.jsonl', 'x', DEVICE_C)
    put('ops/device.json', 'x', DEVICE_C)
    const folderReader = reader()
    folderReader.listDevices()
    expect(folderReader.ignored()).toEqual({
      'conflict-copy': 3,
      placeholder: 2,
      partial: 2,
      temporary: 1,
      system: 1,
      unknown: 3,
    })
    // Reading them again in the same listing counts each once.
    folderReader.readOps(DEVICE_A, 0, 10)
    expect(folderReader.ignored()['conflict-copy']).toBe(3)
    expect(seqs(folderReader.readOps(DEVICE_A, 0, 10))).toEqual([1, 2])
  })

  it('says when a newer Margin writes a newer format beside v1', () => {
    mkdirSync(join(folder(), 'margin', 'v2', 'devices'), { recursive: true })
    mkdirSync(join(folder(), 'margin', 'v1'), { recursive: true })
    const folderReader = reader()
    folderReader.listDevices()
    expect(folderReader.newerVersions()).toEqual([2])
  })
})

describe('readOps', () => {
  it('reads in order from after a seq, a slice at a time', () => {
    const writer = createDeviceWriter(folder(), DEVICE_A)
    writer.writeSegments(opLines(DEVICE_A, 1, 5), 1)
    writer.writeSegments(opLines(DEVICE_A, 6, 9), 6)
    const folderReader = reader()
    const first = folderReader.readOps(DEVICE_A, 0, 4)
    expect(first).toMatchObject({ consumedThrough: 4, more: true, waiting: false })
    expect(first.ops).toEqual([1, 2, 3, 4].map((seq) => opLine(DEVICE_A, seq)))
    const second = folderReader.readOps(DEVICE_A, 4, 4)
    expect(seqs(second)).toEqual([5, 6, 7, 8])
    const third = folderReader.readOps(DEVICE_A, 8, 4)
    expect(third).toMatchObject({ consumedThrough: 9, more: false, waiting: false })
    expect(seqs(third)).toEqual([9])
    expect(folderReader.readOps(DEVICE_A, 9, 4)).toEqual({
      ops: [],
      consumedThrough: 9,
      skipped: [],
      waiting: false,
      stoppedBecause: null,
      more: false,
    })
  })

  it('skips each malformed line of a whole segment by its place, and reads the rest', () => {
    const good = opLines(DEVICE_A, 1, 11)
    const line = (seq: number, change: (obj: Record<string, unknown>) => object) =>
      encodeLine(change({ ...opLine(DEVICE_A, seq) }))
    put(
      'ops/000000000001-000000000011.jsonl',
      lines(
        good[0]!,
        '{"v":1,"dev":"aaaaaaaaaaaaaaa1","seq":2', // not JSON, no checksum
        good[2]!.replace('"tag 3"', '"tag 4"'), // changed in transit
        line(4, (obj) => ({ ...obj, dev: DEVICE_C, id: `${DEVICE_C}:4` })), // forged
        line(5, (obj) => ({ ...obj, seq: 50 })), // wrong place
        line(6, (obj) => ({ ...obj, kind: 'launch-missiles' })), // no such operation
        line(7, (obj) => ({ ...obj, paper: { arxivId: null, titleKey: '' } })), // bad field
        '',
        line(9, (obj) => ({ ...obj, extra: 'smuggled' })), // a key no operation has
        line(10, (obj) => ({ ...obj, v: 0 })), // an older or missing format
        good[10]!,
      ),
    )
    const read = reader().readOps(DEVICE_A, 0, 100)
    expect(seqs(read)).toEqual([1, 11])
    expect(read.consumedThrough).toBe(11)
    expect(read.waiting).toBe(false)
    expect(read.skipped).toEqual([
      { seq: 2, reason: expect.stringMatching(/no checksum/) },
      { seq: 3, reason: expect.stringMatching(/checksum does not match/) },
      { seq: 4, reason: expect.stringMatching(/names device "ccccccccccccccc3".*forged/) },
      { seq: 5, reason: expect.stringMatching(/operation 50 but stands at 5/) },
      { seq: 6, reason: expect.stringMatching(/not a valid operation: kind/) },
      { seq: 7, reason: expect.stringMatching(/not a valid operation: paper\.titleKey/) },
      { seq: 8, reason: expect.stringMatching(/not a JSON object/) },
      { seq: 9, reason: expect.stringMatching(/not a valid operation: .*extra/) },
      { seq: 10, reason: expect.stringMatching(/format version "v" is 0, not 1/) },
    ])
  })

  it('skips a 100 MB line without reading it into memory', () => {
    const good = opLines(DEVICE_A, 1, 3)
    const path = put('ops/000000000001-000000000003.jsonl', good[0]! + '\n')
    const fd = openSync(path, 'a')
    const block = Buffer.alloc(16 * 1024 * 1024, 0x7b)
    for (let left = 100 * 1024 * 1024; left > 0; left -= block.length) {
      writeSync(fd, block, 0, Math.min(left, block.length))
    }
    writeSync(fd, '\n' + good[2]! + '\n')
    closeSync(fd)
    const started = performance.now()
    const read = reader().readOps(DEVICE_A, 0, 100)
    expect(seqs(read)).toEqual([1, 3])
    expect(read.skipped).toEqual([
      { seq: 2, reason: expect.stringMatching(/104857600 bytes, longer than the 8388608/) },
    ])
    expect(performance.now() - started).toBeLessThan(3000)
  })

  it('waits at a torn tail, then reads on when the rest of the segment arrives', () => {
    const good = opLines(DEVICE_A, 1, 3)
    const path = put('ops/000000000001-000000000003.jsonl', good[0]! + '\n' + good[1]!.slice(0, 40))
    const folderReader = reader()
    const first = folderReader.readOps(DEVICE_A, 0, 100)
    expect(first).toMatchObject({ consumedThrough: 1, waiting: true, skipped: [] })
    expect(first.stoppedBecause).toMatch(/still arriving \(operation 2 is not whole yet\)/)
    appendFileSync(path, good[1]!.slice(40) + '\n')
    const second = folderReader.readOps(DEVICE_A, 1, 100)
    expect(second).toMatchObject({ consumedThrough: 2, waiting: true })
    expect(second.stoppedBecause).toMatch(/only through 2 so far/)
    appendFileSync(path, good[2]! + '\n')
    const third = folderReader.readOps(DEVICE_A, 2, 100)
    expect(third).toMatchObject({ consumedThrough: 3, waiting: false, stoppedBecause: null })
    expect(seqs(third)).toEqual([3])
  })

  it('waits on a bad line while its segment is still arriving (it may be a piece), skips it once whole', () => {
    const good = opLines(DEVICE_A, 1, 3)
    const path = put('ops/000000000001-000000000003.jsonl', lines(good[0]!, 'garbage'))
    const folderReader = reader()
    const first = folderReader.readOps(DEVICE_A, 0, 100)
    expect(first).toMatchObject({ consumedThrough: 1, waiting: true, skipped: [] })
    appendFileSync(path, good[2]! + '\n')
    const second = folderReader.readOps(DEVICE_A, 1, 100)
    expect(second).toMatchObject({ consumedThrough: 3, waiting: false })
    expect(second.skipped).toEqual([{ seq: 2, reason: expect.stringMatching(/not a JSON object/) }])
    expect(seqs(second)).toEqual([3])
  })

  it('waits for a segment that arrives after a later one, then reads both', () => {
    const writer = createDeviceWriter(folder(), DEVICE_A)
    writer.writeSegments(opLines(DEVICE_A, 1, 2), 1)
    writer.writeSegments(opLines(DEVICE_A, 3, 4), 3)
    writer.writeSegments(opLines(DEVICE_A, 5, 6), 5)
    const late = join(deviceDir(folder(), DEVICE_A), 'ops', '000000000003-000000000004.jsonl')
    const away = join(folder(), 'away.jsonl')
    renameSync(late, away)
    const folderReader = reader()
    const first = folderReader.readOps(DEVICE_A, 0, 100)
    expect(seqs(first)).toEqual([1, 2])
    expect(first).toMatchObject({ consumedThrough: 2, waiting: true })
    expect(first.stoppedBecause).toMatch(/operations 3–4 have not arrived/)
    renameSync(away, late)
    const second = folderReader.readOps(DEVICE_A, 2, 100)
    expect(seqs(second)).toEqual([3, 4, 5, 6])
    expect(second.waiting).toBe(false)
  })

  it('waits for operations device.json names that have not arrived', () => {
    const writer = createDeviceWriter(folder(), DEVICE_A)
    writer.writeSegments(opLines(DEVICE_A, 1, 2), 1)
    writer.writeDeviceFile(deviceFile(DEVICE_A, { lastSeq: 5 }))
    const read = reader().readOps(DEVICE_A, 0, 100)
    expect(read).toMatchObject({ consumedThrough: 2, waiting: true })
    expect(read.stoppedBecause).toMatch(/operations 3–5 have not arrived yet/)
  })

  it('reads a segment that holds more lines than its name only as far as its name says', () => {
    put('ops/000000000001-000000000002.jsonl', lines(...opLines(DEVICE_A, 1, 4)))
    const read = reader().readOps(DEVICE_A, 0, 100)
    expect(seqs(read)).toEqual([1, 2])
    expect(read.consumedThrough).toBe(2)
  })

  it('stops, without consuming, at an operation in a newer format', () => {
    const newer = encodeLine({ ...opLine(DEVICE_A, 2), v: 2, shiny: true })
    put('ops/000000000001-000000000003.jsonl', lines(opLines(DEVICE_A, 1, 1)[0]!, newer, 'x'))
    const read = reader().readOps(DEVICE_A, 0, 100)
    expect(read).toMatchObject({ consumedThrough: 1, waiting: true, skipped: [] })
    expect(read.stoppedBecause).toMatch(/version 2; this Margin reads version 1: update Margin/)
  })

  it('treats a device folder that vanished as absent this time', () => {
    const writer = createDeviceWriter(folder(), DEVICE_A)
    writer.writeSegments(opLines(DEVICE_A, 1, 2), 1)
    const folderReader = reader()
    expect(folderReader.listDevices().map((device) => device.id)).toEqual([DEVICE_A])
    rmSync(deviceDir(folder(), DEVICE_A), { recursive: true })
    expect(folderReader.readOps(DEVICE_A, 0, 100)).toMatchObject({
      ops: [],
      consumedThrough: 0,
      waiting: false,
    })
    expect(folderReader.readSnapshot(DEVICE_A)).toBeNull()
    expect(folderReader.listDevices()).toEqual([])
    rmSync(syncRoot(folder()), { recursive: true })
    expect(folderReader.readOps(DEVICE_A, 0, 100).ops).toEqual([])
  })

  it('refuses a device id that is not one (a caller’s mistake)', () => {
    expect(() => reader().readOps('../../../etc', 0, 1)).toThrow(/not a device id/)
  })
})

describe('links', () => {
  posixOnly('does not follow a linked device folder, segment, device.json or sync root', () => {
    const outside = join(folder(), 'outside')
    mkdirSync(outside)
    const other = createDeviceWriter(outside, DEVICE_C)
    other.writeSegments(opLines(DEVICE_C, 1, 2), 1)
    other.writeDeviceFile(deviceFile(DEVICE_C))
    mkdirSync(devicesDir(folder()), { recursive: true })
    symlinkSync(deviceDir(outside, DEVICE_C), deviceDir(folder(), DEVICE_C))

    mkdirSync(join(deviceDir(folder(), DEVICE_A), 'ops'), { recursive: true })
    symlinkSync(
      join(deviceDir(outside, DEVICE_C), 'ops', '000000000001-000000000002.jsonl'),
      join(deviceDir(folder(), DEVICE_A), 'ops', '000000000001-000000000002.jsonl'),
    )
    symlinkSync(
      join(deviceDir(outside, DEVICE_C), 'device.json'),
      join(deviceDir(folder(), DEVICE_A), 'device.json'),
    )
    const folderReader = reader()
    const listed = folderReader.listDevices()
    expect(listed.map((device) => device.id)).toEqual([DEVICE_A])
    expect(listed[0]!.device).toBeNull()
    expect(folderReader.readOps(DEVICE_A, 0, 10).ops).toEqual([])
    expect(folderReader.readOps(DEVICE_C, 0, 10).ops).toEqual([])
    expect(folderReader.ignored().unknown).toBe(3)

    const elsewhere = tempFolder()
    try {
      createDeviceWriter(elsewhere.path, DEVICE_A).writeSegments(opLines(DEVICE_A, 1, 1), 1)
      const linked = join(folder(), 'linked')
      mkdirSync(join(linked, 'margin'), { recursive: true })
      symlinkSync(syncRoot(elsewhere.path), syncRoot(linked))
      const linkedReader = createFolderReader(linked, { thisDevice: DEVICE_B })
      expect(linkedReader.listDevices()).toEqual([])
      expect(linkedReader.problems()).toEqual([expect.stringMatching(/is a link/)])
      expect(linkedReader.readOps(DEVICE_A, 0, 10).ops).toEqual([])
    } finally {
      elsewhere.remove()
    }
  })

  posixOnly('does not give a linked PDF', () => {
    const sha = 'b'.repeat(64)
    const target = join(folder(), 'secret.pdf')
    writeFileSync(target, 'secret')
    mkdirSync(join(deviceDir(folder(), DEVICE_A), 'files'), { recursive: true })
    symlinkSync(target, join(deviceDir(folder(), DEVICE_A), 'files', `${sha}.pdf`))
    expect(reader().findFile(sha)).toBeNull()
  })
})

describe('readSnapshot', () => {
  const snapshotText = (covers: number, entries: object[], end = true) =>
    lines(
      encodeLine(header(covers)),
      ...entries.map((entry) => encodeLine(entry)),
      ...(end ? [encodeLine({ end: true, count: entries.length })] : []),
    )

  it('takes no snapshot that lacks its end line (still arriving), and an older whole one instead', () => {
    put('snapshot-000000000009.jsonl', snapshotText(9, [opBody(DEVICE_A, 1)], false))
    expect(reader().readSnapshot(DEVICE_A)).toBeNull()
    put('snapshot-000000000005.jsonl', snapshotText(5, [opBody(DEVICE_A, 2)]))
    const snapshot = reader().readSnapshot(DEVICE_A)!
    expect(snapshot).toMatchObject({ seq: 5, count: 1, name: 'snapshot-000000000005.jsonl' })
    expect([...snapshot.entries()]).toEqual([{ ok: true, op: opBody(DEVICE_A, 2) }])
  })

  it('takes no snapshot cut in the middle of its end line', () => {
    const text = snapshotText(3, [opBody(DEVICE_A, 1)])
    put('snapshot-000000000003.jsonl', text.slice(0, -10))
    expect(reader().readSnapshot(DEVICE_A)).toBeNull()
  })

  it('streams entries, each checked: a bad one costs that entry', () => {
    const entries = [
      opBody(DEVICE_A, 1),
      { ...opBody(DEVICE_A, 2), kind: 'nope' },
      opBody(DEVICE_A, 3),
    ]
    const text = snapshotText(3, entries).replace('"tag 3"', '"tag 33"')
    put('snapshot-000000000003.jsonl', text)
    const read = [...reader().readSnapshot(DEVICE_A)!.entries()]
    expect(read).toEqual([
      { ok: true, op: opBody(DEVICE_A, 1) },
      { ok: false, reason: expect.stringMatching(/entry 2 is not a valid operation: kind/) },
      { ok: false, reason: expect.stringMatching(/entry 3: its checksum does not match/) },
    ])
  })

  it('says when the entries are not as many as the end line says', () => {
    const text = lines(
      encodeLine(header(2)),
      encodeLine(opBody(DEVICE_A, 1)),
      encodeLine({ end: true, count: 2 }),
    )
    put('snapshot-000000000002.jsonl', text)
    const read = [...reader().readSnapshot(DEVICE_A)!.entries()]
    expect(read.at(-1)).toEqual({
      ok: false,
      reason: 'the snapshot holds 1 entries where its end line says 2',
      incomplete: true,
    })
  })

  it('says the snapshot is incomplete when it vanishes before its entries are read', () => {
    const path = put('snapshot-000000000002.jsonl', snapshotText(2, [opBody(DEVICE_A, 1)]))
    const snapshot = reader().readSnapshot(DEVICE_A)!
    rmSync(path)
    expect([...snapshot.entries()]).toEqual([
      {
        ok: false,
        reason: expect.stringMatching(/could not be read to its end/),
        incomplete: true,
      },
    ])
  })

  it('does not use a snapshot whose header is bad, forged or misnamed, and says so', () => {
    const folderReader = reader()
    folderReader.listDevices()
    const cases: Array<[string, RegExp]> = [
      [encodeLine({ ...header(4), dev: DEVICE_C }), /says it is ccccccccccccccc3's/],
      [encodeLine(header(3)), /covers aaaaaaaaaaaaaaa1's operations through 3, not 4/],
      [encodeLine({ ...header(4), format: 'other' }), /bad header: format/],
      [encodeLine({ ...header(4), v: 3 }), /version 3; this Margin reads version 1/],
      ['{"broken', /bad first line/],
    ]
    for (const [first, problem] of cases) {
      const end = encodeLine({ end: true, count: 0 })
      put('snapshot-000000000004.jsonl', lines(first, end))
      expect(folderReader.readSnapshot(DEVICE_A)).toBeNull()
      expect(folderReader.problems().at(-1)).toMatch(problem)
    }
  })

  it('skips an entry line longer than the limit unread', () => {
    const path = put('snapshot-000000000001.jsonl', encodeLine(header(1)) + '\n')
    appendFileSync(path, 'z'.repeat(SYNC_LIMITS.lineBytes + 1) + '\n')
    appendFileSync(path, encodeLine({ end: true, count: 1 }) + '\n')
    expect([...reader().readSnapshot(DEVICE_A)!.entries()]).toEqual([
      { ok: false, reason: expect.stringMatching(/entry 1's line is 8388609 bytes/) },
    ])
  })
})

describe('findFile', () => {
  it('finds a PDF by its hash in any device’s files/, others before this one', () => {
    const sha = 'c'.repeat(64)
    expect(reader().findFile(sha)).toBeNull()
    put(`files/${sha}.pdf`, 'mine', DEVICE_B)
    expect(reader().findFile(sha)).toBe(join(deviceDir(folder(), DEVICE_B), 'files', `${sha}.pdf`))
    put(`files/${sha}.pdf`, 'theirs', DEVICE_C)
    expect(reader().findFile(sha)).toBe(join(deviceDir(folder(), DEVICE_C), 'files', `${sha}.pdf`))
    expect(reader().findFile('../../etc/passwd')).toBeNull()
    expect(reader().findFile('C'.repeat(64))).toBeNull()
  })

  it('does not take a folder or a differently named file', () => {
    const sha = 'd'.repeat(64)
    mkdirSync(join(deviceDir(folder(), DEVICE_A), 'files', `${sha}.pdf`), { recursive: true })
    put(`files/${sha}.PDF`, 'x', DEVICE_C)
    put(`files/${sha} (1).pdf`, 'x', DEVICE_C)
    expect(reader().findFile(sha)).toBeNull()
  })
})

describe('checksums stay textual', () => {
  it('reads a line another writer spaced differently', () => {
    const body = JSON.stringify(opLine(DEVICE_A, 1), null, 0).replace(/,"/g, ', "')
    const line = `${body.slice(0, -1)}, "sum":"${checksumOf(body)}"}`.replace(`, "sum"`, `,"sum"`)
    put('ops/000000000001-000000000001.jsonl', line + '\n')
    expect(reader().readOps(DEVICE_A, 0, 10).ops).toEqual([opLine(DEVICE_A, 1)])
  })
})
