import type { PdfUpload } from '../../shared/ipc'
import type { DownloadStatus, PaperDetail } from '../../shared/models'
import { call } from '../api'
import { messageOf } from '../errors'
import { count } from '../format'
import { downloadsActive, hasPdfSignature, isPdfName } from '../pdfFormat'
import type { SliceCreator } from './types'

export interface PdfsSlice {
  /** The download queue as the main process last reported it; null before it was asked. */
  downloads: DownloadStatus | null
  /** Disk use of the library's files/ folder. */
  filesUsage: { files: number; bytes: number } | null
  /** Papers whose PDF this window asked for, until it arrives or fails. */
  requestedDownloads: ReadonlySet<number>
  /** PDFs dropped on the list that matched no paper; the first waits for the person to pick one. */
  unmatchedPdfs: PdfUpload[]
  /** File › Attach PDF… cannot open the file picker itself: a button in the window asks. */
  attachPromptOpen: boolean
  loadDownloads: () => Promise<void>
  /** The queue moved on ('downloads:changed'): papers that got their PDF show it. */
  downloadsChanged: (status: DownloadStatus) => void
  loadFilesUsage: () => Promise<void>
  /** Stores these PDFs with the paper; a refused file says why in the message bar. */
  attachPdfs: (paperId: number, files: readonly File[]) => Promise<void>
  /** PDFs dropped on the list: each goes to the paper it names, else Margin asks which. */
  dropPdfsOnList: (files: readonly File[]) => Promise<void>
  /** Attaches the first unmatched PDF to this paper, or (null) leaves it. */
  resolveUnmatched: (paperId: number | null) => Promise<void>
  removePdf: (paperId: number, sha256: string) => Promise<void>
  downloadPdf: (paperId: number) => Promise<void>
  /** Queues the arXiv PDF of every paper of the current list. */
  makeViewOffline: () => Promise<void>
  pauseDownloads: (paused: boolean) => Promise<void>
  cancelDownloads: () => Promise<void>
  setAttachPromptOpen: (open: boolean) => void
  /** Reads the selected paper again (a PDF arrived, its text was read) without other resets. */
  refreshDetail: (id: number) => Promise<void>
  /** A refusal or a problem, in the message bar. */
  showMessage: (text: string) => void
  /** What an action did, in the toast. */
  notify: (text: string) => void
}

/** Splits files into PDFs (by name, type or their first bytes) and the rest (digests). */
export async function splitPdfs(files: readonly File[]): Promise<{ pdfs: File[]; others: File[] }> {
  const pdfs: File[] = []
  const others: File[] = []
  for (const file of files) {
    const isPdf =
      isPdfName(file) || hasPdfSignature(new Uint8Array(await file.slice(0, 5).arrayBuffer()))
    ;(isPdf ? pdfs : others).push(file)
  }
  return { pdfs, others }
}

/**
 * The paper whose download ended between two reports of the queue with its PDF stored: the one
 * that was being downloaded, if it is no longer, did not fail, and one more is done.
 */
export function storedBetween(
  previous: DownloadStatus | null,
  next: DownloadStatus,
): number | null {
  const paperId = previous?.current?.paperId
  if (paperId === undefined || next.current?.paperId === paperId) return null
  if (next.failed.some((failure) => failure.paperId === paperId)) return null
  return next.done > previous!.done ? paperId : null
}

async function upload(file: File): Promise<PdfUpload> {
  return { name: file.name, data: new Uint8Array(await file.arrayBuffer()) }
}

/** How the toast names what was attached: “paper.pdf” to “Title” (12 pages). */
function attachedText(name: string, paper: PaperDetail): string {
  const file = paper.files.at(-1)
  const pages = file ? ` (${count(file.pageCount, 'page')})` : ''
  return `Attached “${name}” to “${paper.title}”${pages}`
}

/** A refusal's sentence, naming the file unless the sentence already does. */
function refusal(name: string, error: unknown): string {
  const sentence = messageOf(error)
  return sentence.includes(name) ? sentence : `“${name}”: ${sentence}`
}

export const createPdfsSlice: SliceCreator<PdfsSlice> = (set, get) => {
  /** Shows a paper's new set of files in the reading pane, the list and the disk use. */
  const showFiles = (paper: PaperDetail) => {
    if (get().detail?.id === paper.id) set({ detail: paper })
    const summary = get().summaries.get(paper.id)
    if (summary) {
      const progress =
        paper.files.length > 0 && paper.position
          ? { page: paper.position.page, pageCount: paper.position.pageCount }
          : null
      const summaries = new Map(get().summaries)
      summaries.set(paper.id, { ...summary, hasPdf: paper.files.length > 0, progress })
      set({ summaries })
    }
    void get().loadFilesUsage()
  }
  const toast = (text: string) => get().notify(text)
  const withoutRequest = (ids: number[]) => {
    const requested = new Set(get().requestedDownloads)
    ids.forEach((id) => requested.delete(id))
    return requested
  }
  /** Attaches each file, gathering what was attached and why others were refused. */
  const attachAll = async (items: ReadonlyArray<{ paperId: number; file: PdfUpload }>) => {
    const attached: string[] = []
    const refused: string[] = []
    for (const { paperId, file } of items) {
      try {
        const paper = await call('files:attach', { paperId, file })
        showFiles(paper)
        attached.push(attachedText(file.name, paper))
      } catch (error) {
        refused.push(refusal(file.name, error))
      }
    }
    if (attached.length === 1) toast(attached[0]!)
    else if (attached.length > 1) toast(`Attached ${count(attached.length, 'PDF')}`)
    if (refused.length > 0) set({ message: refused.join(' ') })
  }

  return {
    downloads: null,
    filesUsage: null,
    requestedDownloads: new Set(),
    unmatchedPdfs: [],
    attachPromptOpen: false,

    loadDownloads: () =>
      get().guard(async () => get().downloadsChanged(await call('downloads:status', {}))),

    downloadsChanged: (status) => {
      const previous = get().downloads
      const failedIds = status.failed.map((f) => f.paperId)
      const finished = storedBetween(previous, status)
      set({
        downloads: status,
        // Nothing waits any more (done, failed, cancelled here or elsewhere): none is requested.
        requestedDownloads: downloadsActive(status)
          ? withoutRequest(finished === null ? failedIds : [finished, ...failedIds])
          : new Set(),
      })
      if (status.done === (previous?.done ?? 0)) return
      void get().loadFilesUsage()
      const selected = get().selectedId
      if (finished !== null) {
        const summary = get().summaries.get(finished)
        if (summary && !summary.hasPdf) {
          set({ summaries: new Map(get().summaries).set(finished, { ...summary, hasPdf: true }) })
        }
      }
      // Also when the event naming the finished paper was missed: the pane shows no PDF yet.
      if (selected !== null && (selected === finished || get().detail?.files.length === 0)) {
        void get().refreshDetail(selected)
      }
    },

    loadFilesUsage: () =>
      get().guard(async () => set({ filesUsage: await call('files:usage', {}) })),

    attachPdfs: async (paperId, files) => {
      if (files.length === 0) return
      await get().guard(async () => {
        const uploads = await Promise.all(files.map(upload))
        await attachAll(uploads.map((file) => ({ paperId, file })))
      })
    },

    dropPdfsOnList: async (files) => {
      if (files.length === 0) return
      await get().guard(async () => {
        const matched: Array<{ paperId: number; file: PdfUpload }> = []
        const unmatched: PdfUpload[] = []
        const refused: string[] = []
        for (const file of files) {
          const pdf = await upload(file)
          try {
            const { paperId } = await call('files:match', { file: pdf })
            if (paperId === null) unmatched.push(pdf)
            else matched.push({ paperId, file: pdf })
          } catch (error) {
            refused.push(refusal(file.name, error))
          }
        }
        if (refused.length > 0) set({ message: refused.join(' ') })
        await attachAll(matched)
        if (unmatched.length > 0) set({ unmatchedPdfs: [...get().unmatchedPdfs, ...unmatched] })
      })
    },

    resolveUnmatched: async (paperId) => {
      const [first, ...rest] = get().unmatchedPdfs
      set({ unmatchedPdfs: rest })
      if (first && paperId !== null) await attachAll([{ paperId, file: first }])
    },

    removePdf: (paperId, sha256) =>
      get().guard(async () => {
        const paper = await call('files:remove', { paperId, sha256 })
        showFiles(paper)
        toast(`Removed the PDF from “${paper.title}”`)
      }),

    downloadPdf: (paperId) =>
      get().guard(async () => {
        set({ requestedDownloads: new Set(get().requestedDownloads).add(paperId) })
        try {
          get().downloadsChanged(await call('downloads:enqueue', { ids: [paperId] }))
        } catch (error) {
          set({ requestedDownloads: withoutRequest([paperId]) })
          throw error
        }
      }),

    makeViewOffline: () =>
      get().guard(async () => {
        const ids = get().paperIds
        const before = get().downloads
        // The panes of those queued say so (those skipped never offer a download anyway).
        set({ requestedDownloads: new Set([...get().requestedDownloads, ...ids]) })
        const waitingBefore = before && (before.waiting > 0 || before.current) ? before.waiting : 0
        const status = await call('downloads:enqueue', { ids })
        get().downloadsChanged(status)
        const added = Math.max(0, status.waiting - waitingBefore)
        const view = get().viewTitle()
        toast(
          added > 0
            ? `Making ${view} available offline: ${count(added, 'PDF')} to download`
            : `Nothing to download in ${view}: each paper has its PDF, is queued, or has no arXiv id`,
        )
      }),

    pauseDownloads: (paused) =>
      get().guard(async () => get().downloadsChanged(await call('downloads:pause', { paused }))),

    cancelDownloads: () =>
      get().guard(async () => {
        const status = await call('downloads:cancel', {})
        set({ requestedDownloads: new Set() })
        get().downloadsChanged(status)
      }),

    setAttachPromptOpen: (attachPromptOpen) => set({ attachPromptOpen }),
    showMessage: (message) => set({ message }),
    notify: (text) => set({ toast: { text, canUndo: false } }),

    refreshDetail: (id) =>
      get().guard(async () => {
        const paper = await call('papers:get', { id })
        if (get().selectedId === id && get().detail?.id === id) showFiles(paper)
      }),
  }
}
