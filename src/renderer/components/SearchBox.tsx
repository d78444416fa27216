import { useState } from 'react'
import { ELEMENT_IDS } from '../commands/focus'
import { useStore } from '../store'

export function SearchBox() {
  const searchText = useStore((s) => s.searchText)
  const setSearchText = useStore((s) => s.setSearchText)
  const queryProblem = useStore((s) => s.queryProblem)
  const saveSearch = useStore((s) => s.saveSearch)
  const [naming, setNaming] = useState(false)
  const [name, setName] = useState('')

  return (
    <div className="search" role="search">
      <input
        id={ELEMENT_IDS.search}
        type="search"
        placeholder="Search titles, abstracts, notes and PDFs   /"
        aria-label="Search papers"
        value={searchText}
        onChange={(event) => setSearchText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') document.getElementById(ELEMENT_IDS.list)?.focus()
        }}
      />
      {searchText.trim() !== '' &&
        (naming ? (
          <form
            className="save-search"
            onSubmit={(event) => {
              event.preventDefault()
              if (!name.trim()) return
              void saveSearch(name.trim(), searchText.trim())
              setNaming(false)
              setName('')
            }}
          >
            <input
              aria-label="Name of the saved search"
              placeholder="Name this search"
              value={name}
              maxLength={100}
              autoFocus
              onChange={(event) => setName(event.target.value)}
            />
            <button type="submit">Save</button>
            <button type="button" onClick={() => setNaming(false)}>
              Cancel
            </button>
          </form>
        ) : (
          <button type="button" className="link-button" onClick={() => setNaming(true)}>
            Save this search
          </button>
        ))}
      <p className="query-problem" role="status">
        {queryProblem}
      </p>
    </div>
  )
}
