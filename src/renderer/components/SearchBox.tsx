import { useEffect, useRef } from 'react'
import { ELEMENT_IDS } from '../commands/focus'
import { useStore } from '../store'

const SEARCH_DEBOUNCE_MS = 120

export function SearchBox() {
  const searchText = useStore((s) => s.searchText)
  const setSearchText = useStore((s) => s.setSearchText)

  const mounted = useRef(false)

  useEffect(() => {
    // The app loads the list on start; reload only when the text changes.
    if (!mounted.current) {
      mounted.current = true
      return
    }
    const timer = setTimeout(() => void useStore.getState().loadPapers(), SEARCH_DEBOUNCE_MS)
    return () => clearTimeout(timer)
  }, [searchText])

  return (
    <div className="search" role="search">
      <input
        id={ELEMENT_IDS.search}
        type="search"
        placeholder="Search titles and abstracts   /"
        aria-label="Search papers"
        value={searchText}
        onChange={(event) => setSearchText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') document.getElementById(ELEMENT_IDS.list)?.focus()
        }}
      />
    </div>
  )
}
