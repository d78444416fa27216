import { isMarginError } from '../../../shared/errors'
import { decodeDigestBytes } from '../digest/decode'
import type { ParsedDigest } from '../digest/parseDigest'
import { parseHfDailyJson } from '../digest/sources/hfDaily'
import { digestDateOf } from '../digest/sources/sourceText'
import { bytesSource } from '../import/digestSource'
import { HttpFailure, type HttpResponse } from '../net/httpClient'
import { checkAnswer, readAnswer, type Fetcher } from './fetcher'
import { addDays, utcDay } from './subscriptionQuery'

export const DEFAULT_HF_BASE_URL = 'https://huggingface.co'

/** The Hugging Face base URL from the environment (MARGIN_HF_BASE_URL), else huggingface.co. */
export function hfBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return (env.MARGIN_HF_BASE_URL?.trim() || DEFAULT_HF_BASE_URL).replace(/\/+$/, '')
}

/** Days a pass catches up at most: older days missed while offline are left. */
export const MAX_CATCH_UP_DAYS = 14

/**
 * The days to ask for, oldest first: from the day after the last one fetched (or from `since`)
 * to today, at most the last 14. The last day fetched is asked again while it is today or
 * yesterday: a day's list grows through the day, and Hugging Face's day is not UTC's.
 */
export function hfDaysToFetch(
  since: string,
  cursor: string | null,
  today: string,
  maxDays = MAX_CATCH_UP_DAYS,
): string[] {
  const yesterday = addDays(today, -1)
  const first = cursor === null ? since : cursor >= yesterday ? cursor : addDays(cursor, 1)
  const earliest = addDays(today, -(maxDays - 1))
  const days: string[] = []
  for (let day = first < earliest ? earliest : first; day <= today; day = addDays(day, 1)) {
    days.push(day)
  }
  return days
}

/**
 * The hf-daily subscription: one request per day (GET /api/daily_papers?date=YYYY-MM-DD), each
 * answer imported as that day's digest (its bytes the source file); a day with no papers (a
 * weekend's []) is a day done. The cursor moves on with each day, so a failure stops there and
 * the next pass resumes from it. A day the server has no list for (404) does not hold up the
 * days after it; only when no day asked has a list is the 404 the subscription's failure (a
 * wrong address, most likely).
 */
export function createHfDailyFetcher({ baseUrl }: { baseUrl: string }): Fetcher {
  return async (subscription, context) => {
    const days = hfDaysToFetch(subscription.since, subscription.cursor, utcDay(context.now()))
    let noList: HttpFailure | null = null
    let answered = false
    for (const day of days) {
      const what = `the daily papers list of ${day}`
      let response: HttpResponse
      try {
        response = await context.get(`${baseUrl}/api/daily_papers?date=${day}`, 'application/json')
      } catch (error) {
        if (!(error instanceof HttpFailure && error.status === 404)) throw error
        noList ??= error
        continue
      }
      answered = true
      if (!response.notModified) {
        checkAnswer(response, what)
        const digest = readAnswer(what, () => readDay(response.body, day))
        if (digest) {
          const source = bytesSource(`hf-daily-${day}.json`, response.body, () => digest)
          context.importAnswer(source, what)
        }
        response.keepValidators()
      }
      context.advance(day)
    }
    // Days after the last one with a list are asked again next time (today's may not be out yet).
    if (noList && !answered) throw noList
  }
}

/** The answer as one digest of `day`, or null for a day without papers; throws when it is not a list. */
function readDay(body: Uint8Array, day: string): ParsedDigest | null {
  try {
    const digest = parseHfDailyJson(decodeDigestBytes(body))
    return {
      source: digest.source,
      sections: [
        { date: digestDateOf(day), line: 1, papers: digest.sections.flatMap((s) => s.papers) },
      ],
    }
  } catch (error) {
    if (isMarginError(error) && error.code === 'NO_PAPERS') return null
    throw error
  }
}
