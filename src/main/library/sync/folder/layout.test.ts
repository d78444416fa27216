import { describe, expect, it } from 'vitest'
import { join } from 'node:path'
import {
  classifyName,
  deviceDir,
  filesDir,
  opsDir,
  parsePdfName,
  parseSegmentName,
  parseSnapshotName,
  pdfName,
  segmentName,
  snapshotName,
  syncRoot,
  temporaryName,
} from './layout'

const DEV = 'abcdefgh01234567'
const SHA = 'a'.repeat(64)

describe('paths', () => {
  it('puts everything under <folder>/margin/v1/devices/<id>', () => {
    expect(syncRoot('/s')).toBe(join('/s', 'margin', 'v1'))
    expect(deviceDir('/s', DEV)).toBe(join('/s', 'margin', 'v1', 'devices', DEV))
    expect(opsDir('/s', DEV)).toBe(join('/s', 'margin', 'v1', 'devices', DEV, 'ops'))
    expect(filesDir('/s', DEV)).toBe(join('/s', 'margin', 'v1', 'devices', DEV, 'files'))
  })

  it('refuses a device id that could climb out of devices/', () => {
    expect(() => deviceDir('/s', '../../etc')).toThrow(/not a device id/)
    expect(() => opsDir('/s', 'ABCDEFGH01234567')).toThrow(/not a device id/)
  })
})

describe('names', () => {
  it('names segments by their first and last operation in 12 digits', () => {
    expect(segmentName(1, 5000)).toBe('000000000001-000000005000.jsonl')
    expect(parseSegmentName('000000000001-000000005000.jsonl')).toEqual({ first: 1, last: 5000 })
    expect(() => segmentName(0, 3)).toThrow(/1 ≤ first ≤ last/)
    expect(() => segmentName(5, 4)).toThrow(/1 ≤ first ≤ last/)
    expect(() => segmentName(1, 1e12)).toThrow(/cannot|not an operation number/)
  })

  it('does not take a segment name whose range is empty or starts at zero', () => {
    expect(parseSegmentName('000000000005-000000000004.jsonl')).toBeNull()
    expect(parseSegmentName('000000000000-000000000004.jsonl')).toBeNull()
    expect(parseSegmentName('1-4.jsonl')).toBeNull()
    expect(parseSegmentName('000000000001-000000000004.jsonl.tmp')).toBeNull()
  })

  it('names snapshots and PDFs', () => {
    expect(snapshotName(42)).toBe('snapshot-000000000042.jsonl')
    expect(parseSnapshotName('snapshot-000000000042.jsonl')).toBe(42)
    expect(parseSnapshotName('snapshot-42.jsonl')).toBeNull()
    expect(pdfName(SHA)).toBe(`${SHA}.pdf`)
    expect(parsePdfName(`${SHA}.pdf`)).toBe(SHA)
    expect(parsePdfName(`${SHA.toUpperCase()}.pdf`)).toBeNull()
    expect(() => pdfName('../x')).toThrow(/not a SHA-256/)
  })

  it('writes temporary files under a dot name that readers recognise as temporary', () => {
    const name = temporaryName('device.json')
    expect(name).toMatch(/^\.device\.json\.tmp-[0-9a-f]{12}$/)
    expect(classifyName(name)).toBe('temporary')
    expect(temporaryName('acks.json')).not.toBe(temporaryName('acks.json'))
  })
})

describe('classifyName', () => {
  it.each([
    ['000000000001-000000000010.jsonl', 'segment'],
    ['snapshot-000000000010.jsonl', 'snapshot'],
    ['device.json', 'device'],
    ['acks.json', 'acks'],
    [`${SHA}.pdf`, 'file'],
    ['.000000000001-000000000010.jsonl.tmp-0123456789ab', 'temporary'],
  ])('%s is Margin’s own %s', (name, kind) => {
    expect(classifyName(name)).toBe(kind)
  })

  it.each([
    // Dropbox
    ['000000000001-000000000010 (conflicted copy 2024-05-01).jsonl'],
    ["device (Anna's conflicted copy 2024-05-01).json"],
    ['acks (Case Conflict).json'],
    ['acks (Case Conflict 1).json'],
    ['device (Selective Sync Conflict).json'],
    // Nextcloud
    ['device (conflicted copy 2024-05-01 101010).json'],
    // Syncthing
    ['000000000001-000000000010.sync-conflict-20240501-101010-ABCDEFG.jsonl'],
    ['device.sync-conflict-20240501-101010-ABCDEFG.json'],
    // Google Drive, Windows copies
    ['device (1).json'],
    ['snapshot-000000000010 (2).jsonl'],
    // iCloud duplicates
    ['acks 2.json'],
    [`${SHA} 2.pdf`],
    // OneDrive keeps both with the computer's name
    ['device-DESKTOP-4F2K.json'],
    ['000000000001-000000000010-LAPTOP.jsonl'],
    ['acks-LAPTOP-2.json'],
    // Resilio, Seafile
    ['device.Conflict.json'],
    ['device (SFConflict anna 2024-05-01-10-10-10).json'],
  ])('%s is a conflict copy', (name) => {
    expect(classifyName(name)).toBe('conflict-copy')
  })

  it.each([['.device.json.icloud'], ['.000000000001-000000000010.jsonl.icloud']])(
    '%s is an iCloud placeholder',
    (name) => {
      expect(classifyName(name)).toBe('placeholder')
    },
  )

  it.each([
    ['.syncthing.000000000001-000000000010.jsonl.tmp'],
    ['~syncthing~device.json.tmp'],
    ['device.json.!sync'],
    ['.device.json.~1a2b3c'],
    ['~$device.json'],
    ['.~lock.device.json#'],
    ['000000000001-000000000010.jsonl.partial'],
    [`${SHA}.pdf.crdownload`],
    ['device.json.tmp'],
    ['acks.json.part'],
    ['000000000001-000000000010.jsonl.tmp.drivedownload'],
  ])('%s is a partial download', (name) => {
    expect(classifyName(name)).toBe('partial')
  })

  it.each([['.stfolder'], ['.DS_Store'], ['desktop.ini'], ['._device.json'], ['.dropbox']])(
    '%s is an engine’s or system’s own file',
    (name) => {
      expect(classifyName(name)).toBe('system')
    },
  )

  it.each([
    ['notes.txt'],
    ['000000000001-000000000010.json'],
    ['00000000001-000000000010.jsonl'],
    ['000000000010-000000000001.jsonl'],
    ['Device.json'],
    ['snapshot.jsonl'],
    [`${SHA.slice(1)}.pdf`],
    ['paper.pdf'],
    ['device-.json'],
  ])('%s is unknown', (name) => {
    expect(classifyName(name)).toBe('unknown')
  })
})
