// The scanner ships no types; this is the part of its programmatic API the security scan uses.
declare module '@doyensec/electronegativity' {
  interface Level {
    value: number
    name: string
  }
  export interface Finding {
    id: string
    file: string
    location: { line: number; column: number }
    severity: Level
    confidence: Level
    description: string
    sample?: string
  }
  export interface ScanOptions {
    input: string
    isRelative: boolean
    electronVersionOverride: string
    customScan: string[]
    excludeFromScan: string[]
    severitySet: string
    confidenceSet: string
  }
  export default function run(options: ScanOptions): Promise<{
    issues: Finding[]
    errors: { file: string; message: string; tolerable: boolean }[]
  }>
}
