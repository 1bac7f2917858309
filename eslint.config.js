// Lint keeps the architecture's arrows one way (darkreader / Bitwarden style):
//   core     imports nothing of the project but its message catalog (pure: no
//            browser, no DOM, no Node API)
//   ui       imports only core and shared's types (presentational: props in)
//   background, content, popup, options, devtools, har, cli: never each other
// Checked on resolved paths (import-x/no-restricted-paths), not on import text.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import importX from 'eslint-plugin-import-x';

const parts = ['background', 'content', 'popup', 'options', 'devtools', 'har', 'cli'];
const partZones = parts.map((p) => ({
  target: `./src/${p}`,
  from: parts.filter((q) => q !== p).map((q) => `./src/${q}`),
  message: `${p} must not import another part of the extension; share through core, ui or shared.`,
}));

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      '.tmp/**',
      'bench/results*.json',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      'no-console': ['error', { allow: ['warn', 'error'] }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './src/core',
              from: './src',
              except: ['./core'],
              message: 'core is pure: it imports nothing else of the extension.',
            },
            {
              target: './src/core',
              from: './node_modules',
              message: 'core is pure: no browser API, no UI library, no dependency.',
            },
            {
              target: './src/ui',
              from: parts.map((p) => `./src/${p}`),
              message: 'ui is presentational: props in, no extension part.',
            },
            ...partZones,
          ],
        },
      ],
    },
  },
  {
    files: ['src/core/**'],
    ignores: ['**/*.test.ts', 'src/core/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['node:*'], message: 'core has no Node API (the CLI does).' }] },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'browser', message: 'core has no browser API' },
        { name: 'chrome', message: 'core has no browser API' },
        { name: 'window', message: 'core has no DOM' },
        { name: 'document', message: 'core has no DOM' },
        { name: 'process', message: 'core has no Node API' },
      ],
    },
  },
  {
    files: ['src/ui/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'webextension-polyfill', message: 'ui has no browser API: props in.' }] },
      ],
    },
  },
  {
    files: ['src/background/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'window', message: 'the background is a service worker: no window' },
        { name: 'document', message: 'the background is a service worker: no document' },
        { name: 'localStorage', message: 'state lives in storage.session' },
      ],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**', 'scripts/**', 'bench/**', 'src/cli/**'],
    rules: { 'no-console': 'off' },
  },
  {
    // Test and bench code evaluates functions inside the browser's extension contexts.
    files: ['e2e/**', 'bench/**', 'scripts/**'],
    languageOptions: { globals: { chrome: 'readonly', browser: 'readonly' } },
  },
  {
    // Tests run in Node with vitest and fast-check; the boundaries are for shipped code.
    files: ['**/*.test.ts', '**/*.test.tsx', 'src/core/testing/**'],
    rules: { 'import-x/no-restricted-paths': 'off' },
  },
);
