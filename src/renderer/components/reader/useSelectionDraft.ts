import { useEffect, useState, type RefObject } from 'react'
import type { ComposerDraft } from './AnnotationComposer'
import type { PdfView } from './pdfView'

/**
 * The annotation composer's draft, following the text selected on the pages: shown once the
 * pointer lets go of a selection (or as the keys extend one), gone when the selection goes or
 * the pages scroll. A comment or a note being written stays until it is saved or cancelled.
 */
export function useSelectionDraft(
  pdfView: PdfView | null,
  scrollerRef: RefObject<HTMLDivElement | null>,
) {
  const [draft, setDraft] = useState<ComposerDraft | null>(null)

  useEffect(() => {
    if (!pdfView) return
    const scroller = scrollerRef.current!
    let pointerDown = false
    let token = 0
    const follow = () => {
      if (pointerDown) return
      const mine = ++token
      void pdfView.tools.measureSelection().then((selected) => {
        if (mine !== token) return
        setDraft((current) => {
          // A comment or a note being written stays until it is saved or cancelled.
          if (current && (current.kind === 'note' || current.commenting)) return current
          return selected ? { kind: 'text', ...selected, commenting: null } : null
        })
      })
    }
    const down = () => (pointerDown = true)
    const up = () => {
      if (!pointerDown) return
      pointerDown = false
      follow()
    }
    scroller.addEventListener('pointerdown', down)
    window.addEventListener('pointerup', up)
    document.addEventListener('selectionchange', follow)
    // The toolbar is placed in the window: it would stay behind when the pages scroll.
    const scrolled = () =>
      setDraft((current) => (current?.kind === 'text' && !current.commenting ? null : current))
    scroller.addEventListener('scroll', scrolled, { passive: true })
    return () => {
      token++
      scroller.removeEventListener('pointerdown', down)
      window.removeEventListener('pointerup', up)
      document.removeEventListener('selectionchange', follow)
      scroller.removeEventListener('scroll', scrolled)
    }
  }, [pdfView, scrollerRef])

  return [draft, setDraft] as const
}
