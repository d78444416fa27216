export const ELEMENT_IDS = {
  search: 'search',
  note: 'note-editor',
  list: 'paper-list',
  importInput: 'import-input',
  abstract: 'abstract-text',
} as const

export function focusElement(id: string): void {
  document.getElementById(id)?.focus()
}
