import type { Library } from '../library/library'

export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  readStdin: () => Promise<string>
  env: NodeJS.ProcessEnv
}

export type OptionSpec = Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>

export interface CommandContext {
  positionals: string[]
  values: Record<string, string | boolean | undefined>
  io: CliIo
  /** The library's folder: --library, else MARGIN_LIBRARY, else the app's folder. */
  libraryDir: string
  /** Runs `use` on the library in `libraryDir`, closing it afterwards whatever happens. */
  withLibrary: <T>(use: (library: Library) => T | Promise<T>) => Promise<T>
}

export interface Command {
  name: string
  usage: string
  summary: string
  options: OptionSpec
  run: (context: CommandContext) => Promise<number> | number
}

export const EXIT_OK = 0
export const EXIT_FAILED = 1
export const EXIT_USAGE = 2
