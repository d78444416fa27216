import type { ReaderHandle } from '../../store/reader.slice'
import type { Command } from '../types'
import { readerHasKeys } from './readerActive'

type Step = Parameters<ReaderHandle['scroll']>[0]

function scrollCommand(step: Step, label: string, keys: string[]): Command {
  return {
    id: `reader-scroll-${step}`,
    label,
    group: 'PDF',
    keys,
    repeats: true,
    when: readerHasKeys,
    perform: ({ store }) => store.readerHandle?.scroll(step),
  }
}

/** Keyboard scrolling, while the reader has the keyboard (full window, or focus in it). */
export const scrollCommands: Command[] = [
  scrollCommand('line-down', 'Scroll down', ['ArrowDown']),
  scrollCommand('line-up', 'Scroll up', ['ArrowUp']),
  scrollCommand('screen-down', 'A screen down', ['PageDown', ' ']),
  scrollCommand('screen-up', 'A screen up (also Shift+Space)', ['PageUp']),
  scrollCommand('top', 'Start of the PDF', ['Home']),
  scrollCommand('bottom', 'End of the PDF', ['End']),
]
