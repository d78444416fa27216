import { openLibrary } from '../../src/main/library/library'

/**
 * What the crash test kills: `import LIB FILE...` imports through the real import path;
 * `backup LIB OUT` writes a backup; `migrate LIB` opens an old library, which backs it up and
 * brings its schema up to date. It prints "started" when the work begins (for import and backup
 * once the library is open), so the parent's clock starts then, not when tsx has loaded.
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
  process.stdout.write('started\n')
  if (task === 'import') await library.importFiles(rest)
  else if (task === 'backup') await library.backup(rest[0]!)
  else throw new Error(`unknown task ${task}`)
  library.close()
  process.stdout.write('done\n')
}

void main()
