import { MarginError } from '../../shared/errors'
import { isReadingStatus, READING_STATUSES, type ReadingStatus } from '../../shared/models'

export function paperId(text: string | undefined): number {
  if (text === undefined || !/^[1-9]\d{0,15}$/.test(text)) {
    throw new MarginError(
      'INVALID_ARGUMENT',
      `"${text ?? ''}" is not a paper id; ids are the numbers \`margin list\` shows.`,
    )
  }
  return Number(text)
}

export function readingStatus(text: string | undefined): ReadingStatus {
  if (text === undefined || !isReadingStatus(text)) {
    throw new MarginError(
      'INVALID_ARGUMENT',
      `"${text ?? ''}" is not a reading status; use one of ${READING_STATUSES.join(', ')}.`,
    )
  }
  return text
}

export function isoDate(text: string | undefined): string | undefined {
  if (text === undefined) return undefined
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    throw new MarginError('INVALID_ARGUMENT', `"${text}" is not a date; write it as YYYY-MM-DD.`)
  }
  return text
}

export function year(text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  if (!/^\d{4}$/.test(text)) {
    throw new MarginError('INVALID_ARGUMENT', `"${text}" is not a year; write it as YYYY.`)
  }
  return Number(text)
}

export function oneOf<T extends string>(
  option: string,
  text: string | undefined,
  choices: readonly T[],
): T {
  if (text === undefined || !(choices as readonly string[]).includes(text)) {
    throw new MarginError(
      'INVALID_ARGUMENT',
      `${text === undefined ? `${option} is missing` : `"${text}" is not a ${option} value`}; use one of ${choices.join(', ')}.`,
    )
  }
  return text as T
}

export function limit(text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  if (!/^[1-9]\d{0,6}$/.test(text)) {
    throw new MarginError(
      'INVALID_ARGUMENT',
      `"${text}" is not a limit; write a whole number from 1 to 9999999.`,
    )
  }
  return Number(text)
}
