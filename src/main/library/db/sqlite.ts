import Database from 'better-sqlite3'

let addon: string | undefined

/**
 * The better-sqlite3 addon every connection of this process loads: the desktop app in
 * development (`npm start`) points it at the build for Electron's ABI, kept apart from
 * node_modules' build for Node; everything else leaves node_modules' build.
 */
export function useNativeBinding(path: string | undefined): void {
  addon = path
}

/** The addon set by useNativeBinding, for a worker thread to load the same one. */
export function nativeBinding(): string | undefined {
  return addon
}

/** A connection to the SQLite file at `path`, through the process's addon. */
export function openDatabase(path: string, options: Database.Options = {}): Database.Database {
  return new Database(path, { ...options, nativeBinding: addon })
}
