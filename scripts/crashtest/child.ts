import { openLibrary } from '../../src/main/library/library'

/**
 * What the crash test kills: `import LIB FILE...` imports through the real import path;
 * `backup LIB OUT` writes a backup. It prints "started" once the library is open, so the
 * parent's clock starts when the work does, not when tsx has loaded.
 */
async function main(): Promise<void> {
  const [task, dir, ...rest] = process.argv.slice(2)
  const library = openLibrary(dir!)
  process.stdout.write('started\n')
  if (task === 'import') await library.importFiles(rest)
  else if (task === 'backup') await library.backup(rest[0]!)
  else throw new Error(`unknown task ${task}`)
  library.close()
  process.stdout.write('done\n')
}

void main()
