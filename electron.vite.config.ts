import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
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

// Entries follow electron-vite's conventions: src/main/index.ts, src/preload/index.ts and
// src/renderer/index.html, built into out/. Without "type": "module" main and preload are
// CommonJS; package.json's dependencies (better-sqlite3 among them) stay external in main.
export default defineConfig({
  main: {},
  preload: {
    // One self-contained file: a sandboxed preload can require nothing but electron.
    build: { externalizeDeps: false },
  },
  renderer: {
    plugins: [react(), contentSecurityPolicy()],
  },
})
