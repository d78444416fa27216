import { useRef } from 'react'
import { ATTACH_PDF_INPUT_ID } from '../commands/pdfCommands'
import { useStore } from '../store'
import { Dialog } from './Dialog'

/**
 * File › Attach PDF… from the menu: the window may open a file picker only in answer to a
 * click or a key in it, which a menu item is not, so this asks for that one press.
 */
export function AttachPdfPrompt() {
  const open = useStore((s) => s.attachPromptOpen)
  const title = useStore((s) => s.detail?.title)
  const setOpen = useStore((s) => s.setAttachPromptOpen)
  const choose = useRef<HTMLButtonElement>(null)
  if (!open) return null
  return (
    <Dialog title="Attach a PDF" onClose={() => setOpen(false)} initialFocus={choose}>
      <p className="hint">
        {title ? `The PDF is stored with “${title}”.` : 'Select a paper first.'} You can also drop a
        PDF on the reading pane.
      </p>
      <div className="dialog-actions">
        <button
          ref={choose}
          type="button"
          className="primary"
          disabled={!title}
          onClick={() => {
            setOpen(false)
            document.getElementById(ATTACH_PDF_INPUT_ID)?.click()
          }}
        >
          Choose a PDF file…
        </button>
      </div>
    </Dialog>
  )
}
