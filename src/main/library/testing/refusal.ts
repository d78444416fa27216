import { MarginError } from '../../../shared/errors'

/** The MarginError `read` throws; fails the test when it throws nothing or something else. */
export function refusal(read: () => unknown): MarginError {
  try {
    read()
  } catch (error) {
    if (error instanceof MarginError) return error
    throw error
  }
  throw new Error('expected a MarginError, but nothing was thrown')
}
