import { useVirtualizer } from '@tanstack/react-virtual'
import { useCallback, useEffect, useLayoutEffect, useRef, type Ref } from 'react'
import type { PaperSummary } from '../../shared/models'
import { ELEMENT_IDS } from '../commands/focus'
import { keyLabel } from '../commands/registry'
import { digestLabel } from '../format'
import { STATUS_LABELS } from '../statusLabels'
import { useStore } from '../store'
import { MarkedText } from './MarkedText'
import { PageMatches } from './PageMatches'
import { annotationHitLabel, leadToMatch, progressLabel } from '../pdfFormat'

/**
 * What a row not yet drawn is taken to need: a two-line title and the meta line. A drawn row is
 * measured and takes its own height, so a title that fits on one line leaves no blank line.
 */
const ROW_HEIGHT = 76
/** Search results carry a snippet line. */
const RESULT_ROW_HEIGHT = 111

interface RowProps {
  paper: PaperSummary
  selected: boolean
  marked: boolean
  index: number
  top: number
  /** The list's measuring ref: the row's height is its content's. */
  measure: Ref<HTMLDivElement>
}

function PaperRow({ paper, selected, marked, index, top, measure }: RowProps) {
  const select = useStore((s) => s.select)
  const toggleMarked = useStore((s) => s.toggleMarked)
  const markRangeTo = useStore((s) => s.markRangeTo)
  return (
    <div
      ref={measure}
      data-index={index}
      id={`paper-${paper.id}`}
      role="option"
      aria-selected={selected}
      className={`paper-row status-${paper.status}${marked ? ' marked' : ''}${paper.match?.pages?.length ? ' with-pages' : ''}`}
      style={{ transform: `translateY(${top}px)` }}
      onClick={(event) => {
        if (event.shiftKey) markRangeTo(paper.id)
        else if (event.ctrlKey || event.metaKey) toggleMarked(paper.id)
        select(paper.id)
        document.getElementById(ELEMENT_IDS.list)?.focus()
      }}
    >
      <span className="paper-title">
        {marked && <span className="pick-mark">✓ Picked </span>}
        {paper.status === 'new' && <span className="new-dot" aria-hidden="true" />}
        {paper.match ? <MarkedText text={paper.match.title} /> : paper.title}
      </span>
      {paper.match?.snippet && (
        <span className="paper-snippet">
          <MarkedText text={paper.match.snippet} />
        </span>
      )}
      {paper.match?.pages && paper.match.pages.length > 0 && (
        <span className="paper-snippet page-snippet">
          <PageMatches paperId={paper.id} match={paper.match} inRow />
          {paper.match.pageSnippet && (
            <>
              {' — '}
              <MarkedText text={leadToMatch(paper.match.pageSnippet)} />
            </>
          )}
        </span>
      )}
      <span className="paper-meta">
        <span className={`status-badge status-${paper.status}`}>{STATUS_LABELS[paper.status]}</span>
        <span>{digestLabel(paper.digest)}</span>
        {paper.hasPdf && (
          <span
            className="row-pdf"
            title={paper.progress ? 'Has a PDF; where you were in it' : 'Has a PDF'}
          >
            PDF{paper.progress && ` ${progressLabel(paper.progress)}`}
          </span>
        )}
        {paper.match?.annotationPages && paper.match.annotationPages.length > 0 && (
          <span className="row-annotation-hit">
            {annotationHitLabel(paper.match.annotationPages)}
          </span>
        )}
        {paper.hasNote && <span title="Has a note">✎ note</span>}
        {paper.tags.length > 0 && (
          <span className="row-tags">{paper.tags.map((t) => `#${t}`).join(' ')}</span>
        )}
      </span>
    </div>
  )
}

/**
 * A row whose summary is still on its way: the size its paper last measured (or the estimate), so
 * little moves when it comes.
 */
function PendingRow({ id, top, height }: { id: number; top: number; height: number }) {
  const selected = useStore((s) => s.selectedId === id)
  return (
    <div
      id={`paper-${id}`}
      role="option"
      aria-selected={selected}
      aria-busy="true"
      className="paper-row pending"
      style={{ transform: `translateY(${top}px)`, height }}
    >
      <span className="paper-title">Loading…</span>
    </div>
  )
}

function EmptyList() {
  const view = useStore((s) => s.view)
  const searchText = useStore((s) => s.searchText)
  const loaded = useStore((s) => s.papersLoaded)
  if (!loaded) return <p className="empty-state">Loading…</p>
  if (searchText.trim()) {
    return (
      <p className="empty-state">
        No papers match “{searchText.trim()}”. Press Esc, clear the search, or look in All papers.
      </p>
    )
  }
  if (view.kind === 'inbox') {
    return (
      <p className="empty-state">
        Inbox zero: every paper has a status. Import the next digest with {keyLabel('Mod+o')} or
        drop a file on the window.
      </p>
    )
  }
  return <p className="empty-state">No papers here yet.</p>
}

/** The papers of the current view: a virtualized listbox, so 100,000 rows scroll smoothly. */
export function PaperList() {
  const paperIds = useStore((s) => s.paperIds)
  const summaries = useStore((s) => s.summaries)
  // Rows of a text search carry a snippet line (a search by filters alone has no matches).
  const withMatches = useStore((s) => s.summaries.values().next().value?.match !== undefined)
  const loadSummaries = useStore((s) => s.loadSummaries)
  const selectedId = useStore((s) => s.selectedId)
  const markedIds = useStore((s) => s.markedIds)
  const marked = new Set(markedIds)
  const scrollRef = useRef<HTMLDivElement>(null)
  const rowHeight = withMatches ? RESULT_ROW_HEIGHT : ROW_HEIGHT
  // Heights are kept per paper, so a paper a re-sort moves keeps its measured height.
  const getItemKey = useCallback((index: number) => paperIds[index]!, [paperIds])
  const virtualizer = useVirtualizer({
    count: paperIds.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    getItemKey,
    overscan: 8,
  })

  // Rows change shape between a search and a list: start the heights afresh with the new estimate,
  // and measure again the rows on screen (they stay mounted, so their ref is not called again).
  useLayoutEffect(() => {
    virtualizer.measure()
    scrollRef.current
      ?.querySelectorAll<HTMLElement>('.paper-row[data-index]')
      .forEach((row) => virtualizer.measureElement(row))
  }, [rowHeight, virtualizer])

  const selectedIndex = selectedId === null ? -1 : paperIds.indexOf(selectedId)
  useEffect(() => {
    if (selectedIndex !== -1) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' })
  }, [selectedIndex, virtualizer])

  const rows = virtualizer.getVirtualItems()
  const [firstRow, lastRow] = [rows[0]?.index ?? 0, rows.at(-1)?.index ?? 0]
  useEffect(() => {
    if (paperIds.length > 0) void loadSummaries(firstRow, lastRow)
  }, [firstRow, lastRow, paperIds, loadSummaries])

  if (paperIds.length === 0) {
    return (
      <div id={ELEMENT_IDS.list} className="paper-list" tabIndex={-1}>
        <EmptyList />
      </div>
    )
  }
  return (
    <div
      ref={scrollRef}
      id={ELEMENT_IDS.list}
      className="paper-list"
      role="listbox"
      aria-label="Papers"
      aria-multiselectable={markedIds.length > 0 || undefined}
      tabIndex={0}
      aria-activedescendant={selectedIndex === -1 ? undefined : `paper-${selectedId}`}
    >
      <div className="paper-list-inner" style={{ height: virtualizer.getTotalSize() }}>
        {rows.map((item) => {
          const id = paperIds[item.index]!
          const paper = summaries.get(id)
          if (!paper) return <PendingRow key={id} id={id} top={item.start} height={item.size} />
          return (
            <PaperRow
              key={paper.id}
              paper={paper}
              selected={paper.id === selectedId}
              marked={marked.has(paper.id)}
              index={item.index}
              top={item.start}
              measure={virtualizer.measureElement}
            />
          )
        })}
      </div>
    </div>
  )
}
