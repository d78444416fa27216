export type ErrorCode =
  | 'FILE_UNREADABLE'
  | 'FILE_TOO_LARGE'
  | 'EMPTY_FILE'
  | 'BINARY_FILE'
  | 'BAD_ENCODING'
  | 'LINE_TOO_LONG'
  | 'TOO_MANY_PAPERS'
  | 'SOURCE_ERROR'
  | 'NO_DATE'
  | 'NO_PAPERS'
  | 'TRUNCATED'
  | 'MALFORMED_DIGEST'
  | 'WRITE_FAILED'
  | 'LIBRARY_TOO_NEW'
  | 'LIBRARY_UNREADABLE'
  | 'LIBRARY_DAMAGED'
  | 'NOT_FOUND'
  | 'EXPORT_FAILED'
  | 'NOT_A_MARGIN_EXPORT'
  | 'EXPORT_TOO_NEW'
  | 'LIBRARY_NOT_EMPTY'
  | 'INVALID_ARGUMENT'
  | 'BACKUP_FAILED'
  | 'BACKUP_INVALID'
  | 'LIBRARY_IN_USE'
  | 'NOT_A_PDF'
  | 'PDF_ENCRYPTED'
  | 'PDF_TOO_LARGE'
  | 'DOWNLOAD_FAILED'
  | 'NO_ARXIV_ID'
  | 'INTERNAL'

/** An error a person can act on: a stable code plus a sentence that says what to do. */
export class MarginError extends Error {
  readonly code: ErrorCode

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'MarginError'
    this.code = code
  }
}

export function isMarginError(error: unknown): error is MarginError {
  return error instanceof MarginError
}
