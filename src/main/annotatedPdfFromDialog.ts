import type { BrowserWindow } from 'electron'
import { saveDialog } from './dialogs'

/**
 * File › Export PDF with Annotations…: where to save the annotated copy, offering `defaultName`;
 * null when the person cancels. The window asks (it knows which paper is shown).
 */
export async function chooseAnnotatedPdfPath(
  parent: BrowserWindow | undefined,
  defaultName: string,
): Promise<string | null> {
  const { canceled, filePath } = await saveDialog(parent, {
    title: 'Export PDF with Annotations',
    buttonLabel: 'Export',
    defaultPath: defaultName,
    filters: [{ name: 'PDF', extensions: ['pdf'] }],
  })
  return canceled || !filePath ? null : filePath
}
