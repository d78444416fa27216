import type { Command } from '../types'
import { annotateCommands } from './annotate'
import { annotationsPanel } from './annotationsPanel'
import { darkPages } from './darkPages'
import { drawArea } from './drawArea'
import { findInDocument } from './findInDocument'
import { fitPage } from './fitPage'
import { fitWidth } from './fitWidth'
import { fullWindow } from './fullWindow'
import { goToPage } from './goToPage'
import { leaveFullWindow } from './leaveFullWindow'
import { outline } from './outline'
import { pinNote } from './pinNote'
import { scrollCommands } from './scrollCommands'
import { toggleReader } from './toggleReader'
import { zoomIn } from './zoomIn'
import { zoomOut } from './zoomOut'

export { toggleReader }

/** The reader's keys, in the order the ? overlay lists them. */
export const READER_COMMANDS: readonly Command[] = [
  toggleReader,
  fullWindow,
  leaveFullWindow,
  goToPage,
  findInDocument,
  zoomIn,
  zoomOut,
  fitWidth,
  fitPage,
  darkPages,
  outline,
  annotateCommands.highlight,
  annotateCommands.underline,
  annotateCommands.comment,
  pinNote,
  drawArea,
  annotationsPanel,
  ...scrollCommands,
]
