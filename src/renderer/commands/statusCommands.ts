import { READING_STATUSES } from '../../shared/models'
import { STATUS_LABELS } from '../statusLabels'
import type { Command } from './types'

/** One key per status, 1 to 5 in the order of the status control. */
export const statusCommands: Command[] = READING_STATUSES.map((status, index) => ({
  id: `status-${status}`,
  label: `Mark as ${STATUS_LABELS[status].toLowerCase()}`,
  group: 'Status',
  keys: [String(index + 1)],
  perform: ({ store }) =>
    void (store.mode === 'triage'
      ? store.decide(status === 'new' ? null : status)
      : store.setStatusOfTargets(status)),
}))

export function statusKey(status: (typeof READING_STATUSES)[number]): string {
  return String(READING_STATUSES.indexOf(status) + 1)
}
