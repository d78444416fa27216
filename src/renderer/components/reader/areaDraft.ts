import { placeOnPage, type PageBox } from './textBoxes'

/** One arrow press moves or sizes an area by this part of the page. */
const KEY_STEP = 0.01
/** An area smaller than this (part of the page) is a click, not a rectangle. */
const MIN_SIDE = 0.01

/**
 * The rectangle of an area being made, on one page, in fractions of the page: drawn with the
 * pointer (Area tool) or placed with `r` and moved with the arrows, sized with Shift+arrows.
 */
export class AreaDraft {
  readonly el: HTMLDivElement
  private origin: { x: number; y: number } | null = null

  constructor(
    readonly page: number,
    public box: PageBox,
    pageEl: HTMLElement,
  ) {
    this.el = document.createElement('div')
    this.el.className = 'pdf-area-draft'
    this.el.setAttribute('role', 'img')
    this.el.setAttribute(
      'aria-label',
      'New area: arrows move it, Shift+arrows size it, Enter makes it, Esc cancels',
    )
    pageEl.append(this.el)
    this.draw()
  }

  /** Started by the pointer at (x, y) in fractions of the page; `dragTo` sizes it. */
  static fromPointer(page: number, pageEl: HTMLElement, x: number, y: number): AreaDraft {
    const draft = new AreaDraft(page, { left: x, top: y, width: 0, height: 0 }, pageEl)
    draft.origin = { x, y }
    return draft
  }

  dragTo(x: number, y: number): void {
    if (!this.origin) return
    const cx = clamp01(x)
    const cy = clamp01(y)
    this.box = {
      left: Math.min(this.origin.x, cx),
      top: Math.min(this.origin.y, cy),
      width: Math.abs(cx - this.origin.x),
      height: Math.abs(cy - this.origin.y),
    }
    this.draw()
  }

  /** Big enough to be an area (not a click). */
  get sized(): boolean {
    return this.box.width >= MIN_SIDE && this.box.height >= MIN_SIDE
  }

  /** Arrows move it, Shift+arrows size it; true when the key was one of them. */
  key(event: Pick<KeyboardEvent, 'key' | 'shiftKey'>): boolean {
    const delta = {
      ArrowLeft: [-KEY_STEP, 0],
      ArrowRight: [KEY_STEP, 0],
      ArrowUp: [0, -KEY_STEP],
      ArrowDown: [0, KEY_STEP],
    }[event.key]
    if (!delta) return false
    const [dx, dy] = delta as [number, number]
    const { left, top, width, height } = this.box
    if (event.shiftKey) {
      this.box = {
        left,
        top,
        width: Math.min(1 - left, Math.max(MIN_SIDE, width + dx)),
        height: Math.min(1 - top, Math.max(MIN_SIDE, height + dy)),
      }
    } else {
      this.box = {
        left: Math.min(1 - width, Math.max(0, left + dx)),
        top: Math.min(1 - height, Math.max(0, top + dy)),
        width,
        height,
      }
    }
    this.draw()
    this.el.scrollIntoView({ block: 'nearest', inline: 'nearest' })
    return true
  }

  remove(): void {
    this.el.remove()
  }

  private draw(): void {
    placeOnPage(this.el, this.box)
  }
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value))
}
