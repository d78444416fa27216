/** How big an annotation may be: enough for any real one, bounded against a hostile request. */
export const ANNOTATION_LIMITS = {
  /** One rectangle per line: a selection over two full pages of small print. */
  rects: 500,
  quoteChars: 20_000,
  /** The text kept around a quote (32 characters; room for a wide character at each end). */
  contextChars: 64,
  commentChars: 20_000,
  imageBytes: 4 * 1024 * 1024,
  /** Largest page index a sort key holds (5 digits). */
  pageIndex: 99_999,
  /** Where a quote starts in its page's text (a page keeps at most 100,000 characters). */
  offset: 999_999,
  /**
   * Farthest a coordinate lies from the origin: a PDF page is at most 14,400 points (200 inches)
   * wide, and its box may start away from 0.
   */
  coordinate: 2 * 14_400,
} as const
