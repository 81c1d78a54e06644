// ESLint flat config: typescript-eslint's recommended rules over the whole repository.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

/** What the math core may not import (issue 11): it runs in the host, the webview, workers and the CLI. */
const CORE_RESTRICTIONS = {
  paths: [
    { name: 'vscode', message: 'The math core runs without the VS Code API.' },
    ...builtinModules.map((name) => ({ name, message: 'The math core uses no Node-only API.' })),
  ],
  patterns: [
    { group: ['node:*'], message: 'The math core uses no Node-only API.' },
    { group: ['**/extension', '**/extension/**', '**/webview', '**/webview/**', '**/cli'], message: 'The math core imports neither the extension, the webview nor the CLI.' },
  ],
};

export default tseslint.config(
  {
    ignores: ['dist/**', 'out/**', 'out-*/**', 'node_modules/**', '.vscode-test/**', 'media/katex/**', 'bench/results/**', '**/*.d.ts'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    // Node-side code: the core, the extension, the CLI, tests, scripts and build files.
    files: ['**/*.{ts,js,mjs,cjs}'],
    ignores: ['src/webview/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['src/webview/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Layers (issue 11): the panel's script runs in a browser iframe and shares with the host only
    // what is in src/shared/ (protocol, view text, KaTeX options); src/shared/ is imported by both,
    // so it imports neither.
    files: ['src/webview/**', 'src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'The webview and src/shared/ run without the VS Code API.' }],
          patterns: [
            { group: ['**/extension', '**/extension/**'], message: 'The webview imports nothing host-side: move what both sides need to src/shared/.' },
            { group: ['node:*'], message: 'The webview and src/shared/ run in a browser.' },
          ],
        },
      ],
    },
  },
  {
    // Layers (issue 11): the core imports nothing outside src/core/ and nothing Node-only (its own
    // tsconfig, src/core/tsconfig.json, also type-checks it without Node or DOM types).
    files: ['src/core/**'],
    rules: { 'no-restricted-imports': ['error', CORE_RESTRICTIONS] },
  },
  {
    // Differentiation knows nothing of how results are written: presentation is in present/.
    files: ['src/core/calculus/**'],
    rules: {
      'no-restricted-imports': ['error', {
        ...CORE_RESTRICTIONS,
        patterns: [...CORE_RESTRICTIONS.patterns, { group: ['**/write', '**/write/**', '**/present', '**/present/**'], message: 'calculus/ does not depend on writing or presentation.' }],
      }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['test/**/*.ts'],
    languageOptions: { globals: { ...globals.mocha } },
  },
);
