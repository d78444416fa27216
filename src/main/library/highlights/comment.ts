/** An empty (or all-white-space) comment is no comment. */
export function commentOrNull(comment: string | null | undefined): string | null {
  return comment?.trim() ? comment : null
}
