import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import { createReadStream, existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Plugin } from 'vite'
import { RENDERER_CSP } from './src/main/security/csp'

/** Puts the production CSP first in the built index.html; the dev server runs without it. */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'margin:content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: RENDERER_CSP },
        injectTo: 'head-prepend',
      },
    ],
  }
}

/**
 * What pdf.js loads on demand, beside the built app under pdfjs/: the standard fonts (PDFs
 * that do not embed Helvetica or Times), the CMaps (CJK text), and the JavaScript decoders of
 * JPEG 2000 and JBIG2 images (the reader runs pdf.js without WebAssembly). Served from
 * node_modules by the dev server.
 */
function pdfjsAssets(): Plugin {
  const root = join(process.cwd(), 'node_modules', 'pdfjs-dist')
  const folders: Record<string, (name: string) => boolean> = {
    standard_fonts: () => true,
    cmaps: () => true,
    wasm: (name) => name.endsWith('_nowasm_fallback.js') || name.startsWith('LICENSE'),
  }
  const files = () =>
    Object.entries(folders).flatMap(([folder, wanted]) =>
      readdirSync(join(root, folder))
        .filter(wanted)
        .map((name) => ({ path: join(root, folder, name), fileName: `pdfjs/${folder}/${name}` })),
    )
  return {
    name: 'margin:pdfjs-assets',
    generateBundle() {
      for (const { path, fileName } of files()) {
        this.emitFile({ type: 'asset', fileName, source: readFileSync(path) })
      }
    },
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        const match = /^\/pdfjs\/(standard_fonts|cmaps|wasm)\/([\w.-]+)$/.exec(request.url ?? '')
        const path = match && join(root, match[1]!, match[2]!)
        if (!match || !folders[match[1]!]!(match[2]!) || !path || !existsSync(path)) return next()
        if (path.endsWith('.js')) response.setHeader('content-type', 'text/javascript')
        createReadStream(path).pipe(response)
      })
    },
  }
}

// Entries follow electron-vite's conventions: src/main/index.ts, src/preload/index.ts and
// src/renderer/index.html, built into out/. Without "type": "module" main and preload are
// CommonJS; package.json's dependencies (better-sqlite3 among them) stay external in main.
export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: join(__dirname, 'src/main/index.ts'),
          // The library update's worker program (db/update/updateWorker.ts loads it from here).
          libraryUpdate: join(__dirname, 'src/main/library/db/update/updateEntry.ts'),
        },
      },
    },
  },
  preload: {
    // One self-contained file: a sandboxed preload can require nothing but electron.
    build: { externalizeDeps: false },
  },
  renderer: {
    plugins: [react(), contentSecurityPolicy(), pdfjsAssets()],
    build: {
      rollupOptions: {
        // pdf.js in a chunk of its own (loaded with the reader), apart from Margin's code:
        // the security scan reads every chunk but this one (see scripts/security/scan.ts).
        output: {
          manualChunks: (id: string) => (id.includes('/node_modules/pdfjs-dist/') ? 'pdfjs' : null),
        },
      },
    },
  },
})
