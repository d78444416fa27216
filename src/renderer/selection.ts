/** The selected part of `container`'s text as offsets into it, or null when nothing is selected there. */
export function selectedRange(
  container: HTMLElement,
): { start: number; end: number; top: number; left: number } | null {
  const selection = window.getSelection()
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null
  const range = selection.getRangeAt(0)
  if (!container.contains(range.startContainer) || !container.contains(range.endContainer))
    return null
  const before = document.createRange()
  before.selectNodeContents(container)
  before.setEnd(range.startContainer, range.startOffset)
  const start = before.toString().length
  const end = start + range.toString().length
  if (range.toString().trim() === '') return null
  const rect = range.getBoundingClientRect()
  return { start, end, top: rect.bottom, left: rect.left }
}
