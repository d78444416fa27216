import type { ReadingStatus } from '../shared/models'

export const STATUS_LABELS: Record<ReadingStatus, string> = {
  new: 'New',
  'to-read': 'To read',
  reading: 'Reading',
  read: 'Read',
  'not-reading': 'Not reading',
}
