import type { DigestFile } from '../../shared/ipc'
import type { ImportReport } from '../../shared/models'
import { call } from '../api'
import type { SliceCreator } from './types'

export interface ImportProgress {
  done: number
  total: number
  file: string
}

/** Files picked or dropped, and what importing them would do, awaiting the person's yes. */
export interface ImportPreview {
  files: DigestFile[]
  report: ImportReport
}

export interface ImportSlice {
  importProgress: ImportProgress | null
  importPreview: ImportPreview | null
  importReport: ImportReport | null
  /** Reads the files and shows what importing them would add and merge; writes nothing. */
  importFiles: (files: readonly File[]) => Promise<void>
  confirmImport: () => Promise<void>
  cancelImport: () => void
  setImportProgress: (progress: ImportProgress | null) => void
  showImportReport: (report: ImportReport | null) => void
}

export const createImportSlice: SliceCreator<ImportSlice> = (set, get) => ({
  importProgress: null,
  importPreview: null,
  importReport: null,

  importFiles: async (files) => {
    if (files.length === 0) return
    await get().guard(async () => {
      const contents = await Promise.all(
        files.map(async (file) => ({
          name: file.name,
          data: new Uint8Array(await file.arrayBuffer()),
        })),
      )
      set({
        importPreview: {
          files: contents,
          report: await call('digests:preview', { files: contents }),
        },
      })
    })
  },

  confirmImport: async () => {
    const preview = get().importPreview
    if (!preview) return
    set({
      importPreview: null,
      importProgress: { done: 0, total: preview.files.length, file: preview.files[0]!.name },
    })
    await get().guard(async () => {
      get().showImportReport(await call('digests:import', { files: preview.files }))
    })
    set({ importProgress: null })
  },

  cancelImport: () => set({ importPreview: null }),
  setImportProgress: (importProgress) => set({ importProgress }),
  showImportReport: (importReport) => set({ importReport }),
})
