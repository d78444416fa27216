import type { LibraryUpdateState } from '../../shared/ipc'
import { ApiError, call, onEvent } from '../api'
import type { SliceCreator } from './types'

export interface LibraryUpdateSlice {
  /** Where the update of the library's format is; null until the window has asked. */
  libraryUpdate: LibraryUpdateState | null
  /** Listens to the update as it moves on and asks once where it is; returns the unsubscribe. */
  followLibraryUpdate: () => () => void
}

/** A library that is open (or failed to) never goes back to updating: later news is stale. */
function settled(state: LibraryUpdateState | null): boolean {
  return state !== null && state.state !== 'updating'
}

export const createLibraryUpdateSlice: SliceCreator<LibraryUpdateSlice> = (set, get) => {
  const apply = (next: LibraryUpdateState) => {
    if (next.state === 'updating' && settled(get().libraryUpdate)) return
    set({ libraryUpdate: next })
  }
  return {
    libraryUpdate: null,
    followLibraryUpdate: () => {
      // Listening first, so no step between the answer and the listening is missed.
      const stop = onEvent('library:updating', apply)
      call('library:update', {}).then(apply, (error: unknown) =>
        apply({
          state: 'failed',
          code: error instanceof ApiError ? error.code : 'INTERNAL',
          message: (error as Error).message,
        }),
      )
      return stop
    },
  }
}
