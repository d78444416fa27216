import type { Database } from 'better-sqlite3'

/** How far a long migration is: `done` of `total` (papers, say), reported as it goes. */
export type MigrationProgress = (done: number, total: number) => void

/** A migration: a function of the db, told how far it is when it has long work to do. */
export type Migration = (db: Database, progress: MigrationProgress) => void
