import type { ImportReport } from '../../shared/models'
import { call } from '../api'
import type { SliceCreator } from './types'

export interface ImportProgress {
  done: number
  total: number
  file: string
}

export interface ImportSlice {
  importProgress: ImportProgress | null
  importReport: ImportReport | null
  importFiles: (files: readonly File[]) => Promise<void>
  setImportProgress: (progress: ImportProgress | null) => void
  showImportReport: (report: ImportReport | null) => void
}

export const createImportSlice: SliceCreator<ImportSlice> = (set, get) => ({
  importProgress: null,
  importReport: null,

  importFiles: async (files) => {
    if (files.length === 0) return
    set({ importProgress: { done: 0, total: files.length, file: files[0]!.name } })
    await get().guard(async () => {
      const contents = await Promise.all(
        files.map(async (file) => ({
          name: file.name,
          data: new Uint8Array(await file.arrayBuffer()),
        })),
      )
      get().showImportReport(await call('digests:import', { files: contents }))
    })
    set({ importProgress: null })
  },

  setImportProgress: (importProgress) => set({ importProgress }),
  showImportReport: (importReport) => set({ importReport }),
})
