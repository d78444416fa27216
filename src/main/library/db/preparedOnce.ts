import type { Db } from '../db/openLibrary'

/**
 * `build` made at most once per database: the first call for a db builds (prepares its
 * statements, …), later calls get the same value back. Held weakly, so a closed library's
 * statements go with it.
 */
export function preparedOnce<T>(build: (db: Db) => T): (db: Db) => T {
  const built = new WeakMap<Db, T>()
  return (db) => {
    let found = built.get(db)
    if (found === undefined) {
      found = build(db)
      built.set(db, found)
    }
    return found
  }
}
