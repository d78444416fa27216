import { hostname } from 'node:os'
import type { NoteConflict, SyncDevice, SyncPassReport, SyncStatus } from '../../../shared/models'
import { durationText } from '../../library/sync/pass'
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, type Command } from '../context'
import { json, time } from '../format'

const SYNC_USAGE = 'sync [--folder DIR [--name NAME]] [--json] | sync status [--json]'

/**
 * `margin sync`: one pass through the sync folder (this library's new changes written, the other
 * devices' read and applied); with --folder it first sets the library up for that folder (this
 * device named --name, else the computer's name). `margin sync status` says what the last pass
 * saw. With --json, standard output is the report (SyncPassReport) or the status (SyncStatus,
 * plus `conflictNotes`: the papers whose note holds a conflict) alone.
 */
export const syncCommand: Command = {
  name: 'sync',
  usage: SYNC_USAGE,
  summary:
    'sync through a folder Dropbox, iCloud, OneDrive or Syncthing keeps in step: write this library’s changes, apply the other devices’; `sync status` says how it stands',
  options: {
    folder: { type: 'string' },
    name: { type: 'string' },
    json: { type: 'boolean' },
  },
  run({ positionals, values, io, withLibrary }) {
    const asJson = values.json === true
    const usage = () => {
      io.stderr(`usage: margin ${SYNC_USAGE}\n`)
      return EXIT_USAGE
    }
    const folder = values.folder as string | undefined
    const name = values.name as string | undefined
    if (positionals.length === 1 && positionals[0] === 'status') {
      if (folder !== undefined || name !== undefined) return usage()
      return withLibrary((library) => {
        const status = library.sync.status()
        const conflicts = library.sync.conflicts()
        io.stdout(asJson ? json(statusJson(status, conflicts)) : statusText(status, conflicts))
        return EXIT_OK
      })
    }
    if (positionals.length > 0) return usage()
    if (name !== undefined && folder === undefined) return usage()
    return withLibrary(async (library) => {
      const before = library.sync.status()
      let setUp: SyncStatus | null = null
      if (folder !== undefined) {
        if (!library.sync.isSetUpFor(folder)) {
          setUp = await library.sync.setup(folder, name ?? defaultDeviceName(), { pass: false })
        } else if (name !== undefined && name !== before.deviceName) {
          library.sync.rename(name)
        }
      } else if (!before.configured) {
        io.stderr(
          'margin sync: sync is not set up for this library; `margin sync --folder DIR` sets it up (DIR: a folder your sync service keeps in step).\n',
        )
        return EXIT_FAILED
      }
      const report = await library.sync.pass()
      const after = library.sync.status()
      if (asJson) io.stdout(json(report))
      else io.stdout((setUp === null ? '' : setUpSentence(setUp)) + passText(report, after))
      if (after.problem !== null) {
        io.stderr(`margin sync: ${after.problem}\n`)
        return EXIT_FAILED
      }
      if (after.folderWarning !== null && !asJson) io.stderr(`Note: ${after.folderWarning}\n`)
      return EXIT_OK
    })
  },
}

/** `margin devices`: every device that syncs this library through the folder, this one first. */
export const devicesCommand: Command = {
  name: 'devices',
  usage: 'devices [--json]',
  summary: 'the devices syncing this library through the folder, when each last wrote there',
  options: { json: { type: 'boolean' } },
  run({ positionals, values, io, withLibrary }) {
    if (positionals.length > 0) {
      io.stderr('usage: margin devices [--json]\n')
      return EXIT_USAGE
    }
    return withLibrary((library) => {
      const status = library.sync.status()
      if (values.json === true) io.stdout(json(status.devices))
      else if (!status.configured && status.devices.length === 0) io.stdout(`${NOT_SET_UP}\n`)
      else io.stdout(`${status.devices.map(deviceLine).join('\n')}\n`)
      return EXIT_OK
    })
  },
}

const NOT_SET_UP =
  'Sync is not set up for this library; `margin sync --folder DIR` sets it up (DIR: a folder your sync service keeps in step).'

/** This computer's name, as a device name (the schema allows 1–100 characters). */
function defaultDeviceName(): string {
  const name = hostname().trim().slice(0, 100)
  return name === '' ? 'This computer' : name
}

const plural = (count: number, word: string, many = `${word}s`) =>
  `${count} ${count === 1 ? word : many}`

/**
 * What a pass did, in a sentence: "Wrote 12 changes; applied 40 from 1 device (38 papers added);
 * 1 note conflict: `margin sync status` lists it."
 */
export function passSentence(report: SyncPassReport & { devicesApplied?: number }): string {
  const parts: string[] = []
  parts.push(
    report.wrote === 0 ? 'Nothing new to write' : `Wrote ${plural(report.wrote, 'change')}`,
  )
  if (report.applied === 0) parts.push('nothing new from other devices')
  else {
    const from =
      report.devicesApplied === undefined ? '' : ` from ${plural(report.devicesApplied, 'device')}`
    const details = [
      report.papersAdded > 0 && `${plural(report.papersAdded, 'paper')} added`,
      report.notesMerged > 0 && `${plural(report.notesMerged, 'note')} merged`,
    ].filter((part) => part !== false)
    parts.push(
      `applied ${report.applied}${from}${details.length > 0 ? ` (${details.join(', ')})` : ''}`,
    )
  }
  if (report.filesFetched > 0) parts.push(`${plural(report.filesFetched, 'PDF')} fetched`)
  if (report.skipped > 0) parts.push(`${plural(report.skipped, 'damaged line')} skipped`)
  let sentence = parts.join('; ')
  if (report.conflicts > 0) {
    sentence += `; ${plural(report.conflicts, 'note conflict')}: \`margin sync status\` lists ${report.conflicts === 1 ? 'it' : 'them'}`
  }
  return `${sentence}.`
}

/** What setting up did, before the first pass's sentence. */
function setUpSentence(status: SyncStatus): string {
  return `This library syncs through ${status.folder} as ${status.deviceName} (${status.deviceId}); its whole library is written there for your other computers to join.\n`
}

function passText(report: SyncPassReport, status: SyncStatus): string {
  const lines = [passSentence(report), ...report.notices]
  if (status.conflicts > report.conflicts) {
    lines.push(
      `${plural(status.conflicts, 'note holds', 'notes hold')} a conflict to resolve: \`margin sync status\` lists ${status.conflicts === 1 ? 'it' : 'them'}.`,
    )
  }
  return `${lines.join('\n')}\n`
}

function deviceLine(device: SyncDevice): string {
  const who = device.thisDevice ? `${device.name} (this device)` : device.name
  const when =
    device.lastPassAt === null ? 'has not synced yet' : `last synced ${time(device.lastPassAt)}`
  const ahead =
    device.clockAheadMs === null ? '' : `; its clock is ${durationText(device.clockAheadMs)} ahead`
  return `${device.id}  ${who}  ${when}${ahead}`
}

/** `margin sync status --json`: the status as the window gets it, with the conflicted papers. */
function statusJson(status: SyncStatus, conflicts: NoteConflict[]) {
  return { ...status, conflictNotes: conflicts }
}

function statusText(status: SyncStatus, conflicts: NoteConflict[]): string {
  if (!status.configured) {
    const lines = [NOT_SET_UP]
    if (status.deviceId !== null) {
      lines.push(`This library synced before as ${status.deviceName} (${status.deviceId}).`)
    }
    return `${lines.join('\n')}\n`
  }
  const lines = [
    `Folder:    ${status.folder}`,
    `Device:    ${status.deviceName} (${status.deviceId})`,
    `Last sync: ${status.lastSyncAt === null ? 'never' : time(status.lastSyncAt)}${status.syncing ? ' (syncing now)' : ''}`,
    `Pending:   ${plural(status.pending, 'local change')} not yet written`,
  ]
  if (status.filesWaiting > 0) {
    lines.push(`Files:     ${plural(status.filesWaiting, 'PDF')} announced, not here yet`)
  }
  lines.push(`Devices (${status.devices.length}):`)
  for (const device of status.devices) lines.push(`  ${deviceLine(device)}`)
  lines.push(
    conflicts.length === 0
      ? 'Conflicts: none'
      : `Conflicts: ${plural(conflicts.length, 'note holds', 'notes hold')} both texts of overlapping edits (edit the note to resolve):`,
  )
  for (const conflict of conflicts) {
    lines.push(`  #${conflict.paperId}  ${conflict.title}  (since ${time(conflict.since)})`)
  }
  for (const notice of status.notices) lines.push(`Notice:    ${notice}`)
  if (status.folderWarning !== null) lines.push(`Warning:   ${status.folderWarning}`)
  if (status.problem !== null) lines.push(`Problem:   ${status.problem}`)
  return `${lines.join('\n')}\n`
}
