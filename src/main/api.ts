import type {
  Channel,
  EventName,
  IpcEvents,
  LibraryUpdateState,
  RequestOf,
  ResponseOf,
} from '../shared/ipc'
import type { PaperView } from '../shared/ipc'
import { MarginError } from '../shared/errors'
import { annotatedPdfName, exportAnnotatedPdf } from './library/annotations/exportAnnotatedPdf'
import type { Library } from './library/library'
import type { PaperFilter } from './library/repos/papers.repo'
import { isSafeExternalUrl } from './security/externalLinks'

export interface ApiDeps {
  emit: <E extends EventName>(event: E, payload: IpcEvents[E]) => void
  /** Opens a URL in the system browser (Electron's shell.openExternal in the app). */
  openExternal: (url: string) => Promise<void>
  /** The window answered a flush request (flushRequests.ts). */
  flushed: (requestId: number) => void
  /**
   * Where to save a file the person exports from the window (a save dialog offering
   * `defaultName` in the app; a folder of the test's in e2e); null when they cancel.
   */
  chooseExportPath?: (defaultName: string) => Promise<string | null>
  /**
   * Asks for the sync folder (a folder dialog in the app; the test's folder in e2e); null when
   * the person cancels.
   */
  chooseFolder?: () => Promise<string | null>
  /**
   * Where the update of the library's format is (startLibrary's report); a library opened with
   * no update to make says 'none'.
   */
  updateState?: () => LibraryUpdateState
}

export type Api = {
  [C in Channel]: (request: RequestOf<C>) => Promise<ResponseOf<C>> | ResponseOf<C>
}

/** The handler table for the contract: each handler delegates to the library. */
export function createApi(
  library: Library,
  {
    emit,
    openExternal,
    flushed,
    chooseExportPath,
    chooseFolder,
    updateState = () => ({ state: 'none' }),
  }: ApiDeps,
): Api {
  const changed = <T>(reason: IpcEvents['library:changed']['reason'], result: T): T => {
    emit('library:changed', { reason })
    return result
  }

  return {
    'papers:list': ({ view, text, sort }) => library.paperList({ ...filterFor(view), sort }, text),
    'papers:summaries': ({ view, text, ids }) => library.paperSummaries(ids, filterFor(view), text),
    'papers:related': ({ id }) => library.relatedPapers(id),
    'searches:list': () => library.listSavedSearches(),
    'searches:save': ({ name, query }) => library.saveSearch(name, query),
    'searches:delete': ({ id }) => library.deleteSavedSearch(id),
    'searches:setRule': ({ id, rule }) => library.setSearchRule(id, rule),
    'rules:undo': ({ effects }) => {
      library.rules.undo(effects)
      return changed('tags', null)
    },
    'papers:get': ({ id }) => library.getPaper(id),
    'papers:setStatuses': ({ changes }) => changed('status', library.setStatuses(changes)),
    'highlights:create': (request) => changed('highlight', library.createHighlight(request)),
    'highlights:update': ({ id, ...change }) =>
      changed('highlight', library.updateHighlight(id, change)),
    'highlights:delete': ({ id }) => changed('highlight', library.deleteHighlight(id)),
    'highlights:restore': ({ highlight }) =>
      changed('highlight', library.restoreHighlight(highlight)),
    'annotations:create': (request) => changed('highlight', library.annotations.create(request)),
    'annotations:update': ({ id, ...change }) =>
      changed('highlight', library.annotations.update(id, change)),
    'annotations:delete': ({ id }) => changed('highlight', library.annotations.delete(id)),
    'annotations:restore': (request) => changed('highlight', library.annotations.restore(request)),
    'annotations:image': ({ id }) => library.annotations.image(id),
    'annotations:exportPdf': async ({ paperId }) => {
      const paper = library.getPaper(paperId)
      if (paper.files.length === 0) {
        throw new MarginError('NOT_FOUND', 'This paper has no PDF to export; attach one first.')
      }
      if (!chooseExportPath) {
        throw new MarginError('INTERNAL', 'Saving a file needs the desktop app.')
      }
      const path = await chooseExportPath(annotatedPdfName(paper))
      if (path === null) return { path: null }
      const { written, leftOut } = await exportAnnotatedPdf(library, paperId, path)
      return { path, written, leftOut }
    },
    'notes:save': ({ id, body }) => changed('note', library.saveNote(id, body)),
    'tags:add': ({ id, tags }) => changed('tags', library.addTags(id, tags)),
    'tags:remove': ({ id, tags }) => changed('tags', library.removeTags(id, tags)),
    'tags:list': () => library.tagCounts(),
    'tags:rename': ({ from, to }) => changed('tags', library.renameTag(from, to)),
    'tags:delete': ({ name }) => changed('tags', library.deleteTag(name)),
    'stats:get': ({ utcOffsetMinutes }) => library.readingStats(utcOffsetMinutes),
    'digests:list': () => library.listDigests(),
    'digests:import': async ({ files }) => {
      const report = await library.importContents(files, {
        onFile: (done, total, file) =>
          emit('digests:importProgress', { done, total, file: file.file }),
      })
      return changed('import', report)
    },
    'digests:preview': ({ files }) => library.previewContents(files),
    'files:attach': async ({ paperId, file }) =>
      changed('files', await library.pdfs.attach(paperId, file)),
    'files:match': async ({ file }) => ({ paperId: await library.pdfs.match(file) }),
    'files:remove': ({ paperId, sha256 }) => changed('files', library.pdfs.remove(paperId, sha256)),
    'files:usage': () => library.pdfs.usage(),
    'reader:savePosition': ({ paperId, ...position }) => {
      library.pdfs.savePosition(paperId, position)
      return null
    },
    'downloads:enqueue': ({ ids }) => library.downloads.enqueue(ids),
    'downloads:status': () => library.downloads.status(),
    'downloads:pause': ({ paused }) => library.downloads.pause(paused),
    'downloads:cancel': () => library.downloads.cancel(),
    'subscriptions:status': () => library.subscriptions.status(),
    'subscriptions:add': (request) => library.subscriptions.add(request),
    'subscriptions:remove': ({ id }) => library.subscriptions.remove(id),
    'subscriptions:setInterval': ({ hours }) => library.subscriptions.setInterval(hours),
    'subscriptions:fetchNow': ({ ids }) => library.subscriptions.fetchNow(ids),
    'sync:status': () => library.sync.status(),
    'sync:setup': ({ folder, deviceName }) => library.sync.setup(folder, deviceName),
    'sync:rename': ({ deviceName }) => library.sync.rename(deviceName),
    'sync:stop': () => library.sync.stopSyncing(),
    'sync:now': () => library.sync.passNow(),
    'sync:setFileSizeLimit': ({ bytes }) => library.sync.setFileSizeLimit(bytes),
    'sync:chooseFolder': async () => {
      if (!chooseFolder) {
        throw new MarginError('INTERNAL', 'Choosing a folder needs the desktop app; type its path.')
      }
      return { folder: await chooseFolder() }
    },
    'sync:conflicts': () => library.sync.conflicts(),
    'sync:resolveConflict': ({ paperId, body }) =>
      changed('note', library.sync.resolveConflict(paperId, body)),
    'library:counts': () => library.statusCounts(),
    'library:warnings': () => {
      const update = updateState()
      const notice = update.state === 'updated' ? update.notice : null
      return notice ? [notice, ...library.warnings()] : library.warnings()
    },
    'library:update': () => updateState(),
    'app:flushed': ({ requestId }) => {
      flushed(requestId)
      return null
    },
    'app:openExternal': async ({ url }) => {
      if (!isSafeExternalUrl(url)) return { opened: false }
      await openExternal(url)
      return { opened: true }
    },
  }
}

/**
 * Passes what the library does on its own (not in answer to a call) on to the window: the
 * download queue's status, each PDF whose text extraction ended, so the reading pane shows
 * "text searchable" (or why not) without asking again and again, annotations placed on a
 * paper's new PDF, what fetching subscriptions does (progress, each pass's report), and what
 * sync does (its status; another device's changes applied). The app (main/index.ts) and the
 * e2e harness both call it. Returns the function that stops it.
 */
export function forwardLibraryEvents(library: Library, emit: ApiDeps['emit']): () => void {
  const stops = [
    library.downloads.onChange((status) => emit('downloads:changed', status)),
    library.pdfs.onTextDone((done) => emit('files:textDone', done)),
    // Annotations moved to a paper's new PDF: the paper and its list show them there.
    library.pdfs.onPlaced(() => emit('library:changed', { reason: 'highlight' })),
    library.subscriptions.onChange((status) => emit('subscriptions:changed', status)),
    library.subscriptions.onFetched((report) => {
      emit('subscriptions:fetched', report)
      // New digests and papers (and what rules did): the sidebar and the lists show them.
      if (report.subscriptions.some((one) => one.digests.length > 0)) {
        emit('library:changed', { reason: 'import' })
      }
    }),
    library.sync.onChange((status) => emit('sync:changed', status)),
    // Another device's changes (or PDFs) arrived: the sidebar, the lists and the paper shown
    // follow.
    library.sync.onApplied((report) => {
      if (report.applied > 0 || report.filesFetched > 0) {
        emit('library:changed', { reason: 'sync' })
      }
    }),
  ]
  return () => stops.forEach((stop) => stop())
}

function filterFor(view: PaperView): PaperFilter {
  switch (view.kind) {
    case 'inbox':
      return { status: 'new' }
    case 'all':
      return {}
    case 'digest':
      return { digest: view.date }
    case 'status':
      return { status: view.status }
    case 'tag':
      return { tag: view.tag }
  }
}
