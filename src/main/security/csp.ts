import { PDF_SCHEME } from '../../shared/ipc'

/**
 * The renderer's Content-Security-Policy in production builds: only Margin's own files load and
 * run; no inline or eval'd script, no plugins, no <base>, no requests elsewhere.
 *
 * It is delivered as a <meta> tag in the built index.html because the window loads it over
 * file://, which has no response headers to carry it. frame-ancestors, report-uri and sandbox
 * are ignored in a <meta> policy, so they are not listed; nothing can frame the window anyway.
 */
export const RENDERER_CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  // An area annotation's picture is shown from an object URL of its PNG bytes.
  'img-src': ["'self'", 'blob:'],
  // The PDF reader's bytes come from the app's pdf protocol (by hash, Range requests).
  'connect-src': ["'self'", `${PDF_SCHEME}:`],
  // pdf.js parses PDFs in a module worker bundled with the app; no blob: workers. It runs
  // without eval and without WebAssembly (useWasm: false), so no 'wasm-unsafe-eval'.
  'worker-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
}

export function serializeCsp(directives: Readonly<Record<string, readonly string[]>>): string {
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ')
}

export const RENDERER_CSP = serializeCsp(RENDERER_CSP_DIRECTIVES)
