import { READING_STATUSES } from '../../shared/models'
import { importDigest, toggleTheme, showShortcuts } from '../commands/appCommands'
import { showStats } from '../commands/triageCommands'
import { keyLabel, runCommand } from '../commands/registry'
import { showSubscriptions } from '../commands/subscriptionCommands'
import { STATUS_LABELS } from '../statusLabels'
import { useStore } from '../store'
import { DigestLinks } from './DigestLinks'
import { DownloadsStatus } from './DownloadsStatus'
import { SubscriptionsPanel } from './subscriptions/SubscriptionsPanel'
import { SyncStatusLine } from './sync/SyncStatusLine'
import { ViewLink } from './ViewLink'

export function Sidebar() {
  const digests = useStore((s) => s.digests)
  const counts = useStore((s) => s.counts)
  const tags = useStore((s) => s.tags)
  const mode = useStore((s) => s.mode)
  const setTagsDialogOpen = useStore((s) => s.setTagsDialogOpen)
  const savedSearches = useStore((s) => s.savedSearches)
  const searchText = useStore((s) => s.searchText)
  const runSavedSearch = useStore((s) => s.runSavedSearch)
  const deleteSearch = useStore((s) => s.deleteSearch)
  const editRule = useStore((s) => s.setRuleSearchId)

  return (
    <nav className="sidebar" aria-label="Library">
      {/* The lists scroll (fetching shows under the digests it fills); the actions and the
          downloads stay in sight below them. */}
      <div className="sidebar-scroll">
        <div className="brand">Margin</div>
        <ul className="views">
          <ViewLink view={{ kind: 'inbox' }} label="Inbox" count={counts?.new} />
        </ul>

        <h2 className="sidebar-heading">Digests</h2>
        <DigestLinks digests={digests} />
        <SubscriptionsPanel />

        <h2 className="sidebar-heading">Reading</h2>
        <ul className="views">
          {READING_STATUSES.filter((s) => s !== 'new').map((status) => (
            <ViewLink
              key={status}
              view={{ kind: 'status', status }}
              label={STATUS_LABELS[status]}
              count={counts?.[status]}
            />
          ))}
          <ViewLink view={{ kind: 'all' }} label="All papers" />
          <li>
            <button
              type="button"
              className="view-link"
              aria-current={mode === 'stats' ? 'page' : undefined}
              onClick={() => runCommand(showStats)}
            >
              <span className="view-label">Reading stats</span>
              <kbd>{keyLabel(showStats.keys[0]!)}</kbd>
            </button>
          </li>
        </ul>

        {savedSearches.length > 0 && (
          <>
            <h2 className="sidebar-heading">Saved searches</h2>
            <ul className="views">
              {savedSearches.map((search) => (
                <li key={search.id} className="saved-search">
                  <button
                    type="button"
                    className="view-link"
                    title={search.query}
                    aria-current={searchText.trim() === search.query ? 'page' : undefined}
                    onClick={() => void runSavedSearch(search)}
                  >
                    <span className="view-label">{search.name}</span>
                  </button>
                  <button
                    type="button"
                    className={`link-button rule-button${search.rule ? ' on' : ''}`}
                    aria-label={`Rule for saved search ${search.name}${search.rule ? ' (on)' : ''}`}
                    title="What this search does to new fetched papers"
                    onClick={() => editRule(search.id)}
                  >
                    {search.rule ? 'Rule ✓' : 'Rule'}
                  </button>
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`Delete saved search ${search.name}`}
                    onClick={() => void deleteSearch(search.id)}
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}

        <div className="sidebar-heading-row">
          <h2 className="sidebar-heading">Tags</h2>
          {tags.length > 0 && (
            <button type="button" className="link-button" onClick={() => setTagsDialogOpen(true)}>
              Manage
            </button>
          )}
        </div>
        {tags.length === 0 ? (
          <p className="sidebar-empty">Tags you add to papers appear here.</p>
        ) : (
          <ul className="views">
            {tags.map((tag) => (
              <ViewLink
                key={tag.name}
                view={{ kind: 'tag', tag: tag.name }}
                label={`#${tag.name}`}
                count={tag.count}
              />
            ))}
          </ul>
        )}
      </div>

      <div className="sidebar-foot">
        <div className="sidebar-actions">
          <button type="button" onClick={() => runCommand(importDigest)}>
            Import digest… <kbd>{keyLabel(importDigest.keys[0]!)}</kbd>
          </button>
          <button type="button" onClick={() => runCommand(showSubscriptions)}>
            Subscriptions… <kbd>{keyLabel(showSubscriptions.keys[0]!)}</kbd>
          </button>
          <button type="button" onClick={() => runCommand(toggleTheme)}>
            Theme <kbd>{keyLabel(toggleTheme.keys[0]!)}</kbd>
          </button>
          <button type="button" onClick={() => runCommand(showShortcuts)}>
            Shortcuts <kbd>?</kbd>
          </button>
        </div>
        <SyncStatusLine />
        <DownloadsStatus />
      </div>
    </nav>
  )
}
