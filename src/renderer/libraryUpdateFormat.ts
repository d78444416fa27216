import type { LibraryUpdateStep } from '../shared/ipc'

const count = (n: number) => n.toLocaleString('en-US')

/** The update's steps in their order, as the update screen lists them. */
export const UPDATE_STEPS = ['copy', 'migrate', 'compact'] as const

export type StepState = 'done' | 'current' | 'waiting'

/** Whether `step` of the list is done, under way or still to come, given the current one. */
export function stepState(
  step: (typeof UPDATE_STEPS)[number],
  current: LibraryUpdateStep | null,
): StepState {
  const at = current ? UPDATE_STEPS.indexOf(current.phase) : -1
  const index = UPDATE_STEPS.indexOf(step)
  return index < at ? 'done' : index === at ? 'current' : 'waiting'
}

/** The line of one step in the list: what it does, with its count while it runs. */
export function stepLabel(
  step: (typeof UPDATE_STEPS)[number],
  current: LibraryUpdateStep | null,
): string {
  const state = stepState(step, current)
  switch (step) {
    case 'copy':
      return state === 'done'
        ? 'Checked copy kept in backups/'
        : 'Keeping a checked copy in backups/'
    case 'migrate':
      return current?.phase === 'migrate' && current.total > 0
        ? `Indexing ${count(current.done)} of ${count(current.total)} papers`
        : state === 'done'
          ? 'Papers indexed'
          : 'Indexing papers'
    case 'compact':
      return 'Compacting'
  }
}

/** How full the bar is (0 to 1), or null while the step has no count (the bar then pulses). */
export function barFraction(current: LibraryUpdateStep | null): number | null {
  if (current?.phase === 'migrate') return current.total > 0 ? current.done / current.total : 1
  if (current?.phase === 'compact') return 1
  return null
}

/** What the bar says to a screen reader and under itself. */
export function barText(current: LibraryUpdateStep | null): string {
  if (!current) return 'Starting'
  return stepLabel(current.phase, current)
}
