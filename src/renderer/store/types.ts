import type { StateCreator } from 'zustand'
import type { Store } from '.'

export type SliceCreator<T> = StateCreator<Store, [], [], T>
