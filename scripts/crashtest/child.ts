import { openLibrary } from '../../src/main/library/library'
import { reportFeeding } from './feedingReport'
import { makeChanges } from './syncChanges'

/**
 * What the crash test kills: `import LIB FILE...` imports through the real import path;
 * `backup LIB OUT` writes a backup; `migrate LIB` opens an old library, which backs it up and
 * brings its schema up to date; `sync LIB SEED N` makes about N local changes (syncChanges.ts,
 * committed before the clock starts) and runs one sync pass through the library's folder. It
 * prints "started" when the work begins (for import, backup and sync once the library is open),
 * so the parent's clock starts then, not when tsx has loaded. An import also prints "feeding"
 * and "fed MS" around each slice's feeding of the full-text indexes (feedingReport.ts).
 */
async function main(): Promise<void> {
  const [task, dir, ...rest] = process.argv.slice(2)
  if (task === 'migrate') {
    process.stdout.write('started\n')
    openLibrary(dir!).close()
    process.stdout.write('done\n')
    return
  }
  const library = openLibrary(dir!)
  if (task === 'sync') {
    const history = library.db.prepare<[], number>('SELECT count(*) FROM status_history').pluck()
    const before = history.get()!
    makeChanges(library, Number(rest[0]), Number(rest[1]))
    // The status changes this run made, for the parent's count of what must arrive.
    process.stdout.write(`made ${history.get()! - before}\n`)
  }
  if (task === 'import') reportFeeding(library.db)
  process.stdout.write('started\n')
  if (task === 'import') await library.importFiles(rest)
  else if (task === 'backup') await library.backup(rest[0]!)
  else if (task === 'sync') {
    await library.sync.pass()
    const { problem } = library.sync.status()
    if (problem !== null) process.stdout.write(`problem ${problem}\n`)
  } else throw new Error(`unknown task ${task}`)
  library.close()
  process.stdout.write('done\n')
}

void main()
