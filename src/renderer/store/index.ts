import { create } from 'zustand'
import { createLibrarySlice, type LibrarySlice } from './library.slice'
import { createPaperSlice, type PaperSlice } from './paper.slice'
import { createUiSlice, type UiSlice } from './ui.slice'
import { createImportSlice, type ImportSlice } from './import.slice'
import { createSearchSlice, type SearchSlice } from './search.slice'
import { createStatsSlice, type StatsSlice } from './stats.slice'
import { createTagsSlice, type TagsSlice } from './tags.slice'
import { createStatusSlice, type StatusSlice } from './status.slice'
import { createTriageSlice, type TriageSlice } from './triage.slice'
import { createReaderSlice, type ReaderSlice } from './reader.slice'
import { createPdfsSlice, type PdfsSlice } from './pdfs.slice'
import { createUndoSlice, type UndoSlice } from './undo.slice'
import { createAnnotationsSlice, type AnnotationsSlice } from './annotations.slice'
import { createSubscriptionsSlice, type SubscriptionsSlice } from './subscriptions.slice'
import { createSyncSlice, type SyncSlice } from './sync.slice'
import { createLibraryUpdateSlice, type LibraryUpdateSlice } from './libraryUpdate.slice'

export type Store = LibrarySlice &
  PaperSlice &
  UiSlice &
  ImportSlice &
  StatusSlice &
  TriageSlice &
  StatsSlice &
  TagsSlice &
  SearchSlice &
  ReaderSlice &
  PdfsSlice &
  UndoSlice &
  AnnotationsSlice &
  SubscriptionsSlice &
  SyncSlice &
  LibraryUpdateSlice

export const useStore = create<Store>()((...args) => ({
  ...createLibrarySlice(...args),
  ...createPaperSlice(...args),
  ...createUiSlice(...args),
  ...createImportSlice(...args),
  ...createStatusSlice(...args),
  ...createTriageSlice(...args),
  ...createStatsSlice(...args),
  ...createTagsSlice(...args),
  ...createSearchSlice(...args),
  ...createReaderSlice(...args),
  ...createPdfsSlice(...args),
  ...createUndoSlice(...args),
  ...createAnnotationsSlice(...args),
  ...createSubscriptionsSlice(...args),
  ...createSyncSlice(...args),
  ...createLibraryUpdateSlice(...args),
}))
