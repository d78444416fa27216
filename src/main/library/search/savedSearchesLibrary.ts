import { MarginError } from '../../../shared/errors'
import type { SavedSearch, SearchRule } from '../../../shared/models'
import type { SavedSearchesRepo } from '../repos/savedSearches.repo'
import { validTagName } from '../tags/tagName'

/** Saved searches by name, each with the rule it may apply to new fetched papers. */
export function createSavedSearchesLibrary({
  savedSearches,
  now,
}: {
  savedSearches: SavedSearchesRepo
  now: () => number
}) {
  const listSavedSearches = (): SavedSearch[] =>
    savedSearches.list().map((row) => ({
      id: row.id,
      name: row.name,
      query: row.query,
      createdAt: row.created_at,
      rule:
        row.rule_tag === null && !row.rule_to_read && !row.rule_download
          ? null
          : {
              tag: row.rule_tag,
              toRead: row.rule_to_read === 1,
              downloadPdf: row.rule_download === 1,
            },
    }))
  const noSearch = (id: number) =>
    new MarginError('NOT_FOUND', `There is no saved search with id ${id}.`)

  return {
    listSavedSearches,

    /** Saving under a name already used (in any case) replaces that search. */
    saveSearch: (name: string, query: string): SavedSearch[] => {
      savedSearches.save(name.trim(), query, now())
      return listSavedSearches()
    },

    /** Sets (null: removes) what the saved search does to new fetched papers matching it. */
    setSearchRule: (id: number, rule: SearchRule | null): SavedSearch[] => {
      const tag = rule?.tag == null ? null : validTagName(rule.tag)
      const acts = rule !== null && (tag !== null || rule.toRead || rule.downloadPdf)
      const columns = acts ? { tag, toRead: rule.toRead, download: rule.downloadPdf } : null
      if (!savedSearches.setRule(id, columns)) throw noSearch(id)
      return listSavedSearches()
    },

    deleteSavedSearch: (id: number): SavedSearch[] => {
      if (!savedSearches.remove(id)) throw noSearch(id)
      return listSavedSearches()
    },
  }
}
