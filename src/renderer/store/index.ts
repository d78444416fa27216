import { create } from 'zustand'
import { createLibrarySlice, type LibrarySlice } from './library.slice'
import { createPaperSlice, type PaperSlice } from './paper.slice'
import { createUiSlice, type UiSlice } from './ui.slice'
import { createImportSlice, type ImportSlice } from './import.slice'

export type Store = LibrarySlice & PaperSlice & UiSlice & ImportSlice

export const useStore = create<Store>()((...args) => ({
  ...createLibrarySlice(...args),
  ...createPaperSlice(...args),
  ...createUiSlice(...args),
  ...createImportSlice(...args),
}))
