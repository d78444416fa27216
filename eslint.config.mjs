import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import prettier from 'eslint-config-prettier'
import { builtinModules } from 'node:module'

// Keeps each room of the architecture (GUIDE.md) to its own imports.
const nodeAndNativeImports = {
  paths: [
    {
      name: 'electron',
      message: 'Only src/main (outside library/) and src/preload talk to Electron.',
    },
    { name: 'better-sqlite3', message: 'The database lives in src/main/library.' },
    ...builtinModules.map((name) => ({ name, message: 'Node modules stay in src/main.' })),
  ],
  patterns: [{ group: ['node:*'], message: 'Node modules stay in src/main.' }],
}

const noHtmlFromStrings = [
  {
    selector: 'AssignmentExpression[left.property.name=/^(innerHTML|outerHTML)$/]',
    message: 'Untrusted text is rendered as text, never as HTML.',
  },
  {
    selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
    message: 'Untrusted text is rendered as text, never as HTML.',
  },
]

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'e2e/artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      'no-restricted-syntax': ['error', ...noHtmlFromStrings],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/renderer/**', 'src/shared/**'],
    rules: { 'no-restricted-imports': ['error', nodeAndNativeImports] },
  },
  {
    files: ['src/main/library/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'The library runs in plain Node.' }] },
      ],
    },
  },
  {
    // One module talks to the network, politely (GUIDE.md, library/net/); proxyFetch.ts only
    // builds the CLI's fetch (a proxy as dispatcher) that the client is given.
    files: ['src/main/**'],
    ignores: [
      'src/main/library/net/httpClient.ts',
      'src/main/library/net/proxyFetch.ts',
      '**/*.test.ts',
      'src/main/**/testing/**',
    ],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'Only library/net/httpClient.ts calls fetch: use its client.' },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'globalThis',
          property: 'fetch',
          message: 'Only library/net/httpClient.ts calls fetch: use its client.',
        },
      ],
    },
  },
)
