import { ApiError } from './api'

/** The one place that turns a failure into a sentence a person can act on. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message
  return `Something went wrong: ${error instanceof Error ? error.message : String(error)}`
}
