import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** I/O libraries that only src/main/adapters (and the shells) may import. */
const ioModules = [
  'electron',
  'electron-store',
  'conf',
  'dockerode',
  'docker-modem',
  'ws',
  'net',
  'node:net',
  'dns',
  'node:dns',
  'dns/promises',
  'node:dns/promises',
  'fs',
  'node:fs',
  'fs/promises',
  'node:fs/promises',
  'child_process',
  'node:child_process',
  'http',
  'node:http',
  'pino',
];

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['bin/**/*.js', 'scripts/**/*.js', '.ci/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    files: ['src/main/core/**/*.ts', 'src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ioModules.map((name) => ({
            name,
            message: 'core/ and shared/ stay pure: do I/O through a port implemented in src/main/adapters.',
          })),
          patterns: [
            {
              group: ['**/adapters/**', '**/cli/**', '**/shell/**', '**/ipc/**', '**/tools/**'],
              message: 'core/ must not depend on outer layers.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/adapters/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/app/**', '**/cli/**', '**/shell/**', '**/ipc/**', '**/tools/**', 'electron'],
              message: 'adapters implement ports for core; they never reach up into the app, the shells or the transports.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tools for testing (the agent stub) stand apart from the app: the CLI may start them, they reach into nothing.
    files: ['src/tools/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'tools run under plain Node.' }],
          patterns: [
            {
              // Anything under main/, renderer/ or preload/ but the Logger port (a lookahead: globs cannot re-include).
              regex: '(^|/)(main/(?!core/ports/logger\\.port\\.ts$)|renderer/|preload/)',
              message: 'tools/ use src/shared and the Logger port only, never the app, the CLI, core or the adapters.',
            },
          ],
        },
      ],
    },
  },
  {
    // The CLI reaches every service through the app (src/main/app picks the real adapters), never an adapter.
    files: ['src/main/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/adapters/**'],
              message: 'CLI commands get their services from src/main/app (openApp), the one place that picks real adapters.',
            },
          ],
        },
      ],
    },
  },
  {
    // The Electron face and its shell get every service (and the clock) from the app, like the CLI.
    files: ['src/main/index.ts', 'src/main/shell/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/adapters/**'],
              message: 'The Electron face gets its services from src/main/app (openElectronApp), the one place that picks real adapters.',
            },
            { group: ['**/cli/**'], message: 'The Electron face and the CLI are siblings: share code through src/main/app or ipc.' },
          ],
        },
      ],
    },
  },
  {
    // ipc/ is transport-neutral: the same handlers serve Electron's IPC and serve's WebSocket.
    files: ['src/main/ipc/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'ipc/ serves both transports; Electron wiring lives in src/main/shell/electron-ipc.ts.' }],
          patterns: [
            {
              group: ['**/adapters/**'],
              message: 'ipc/ handlers get everything from the app (AppServices), the one place that picks real adapters.',
            },
            { group: ['**/shell/**', '**/cli/**'], message: 'ipc/ is shared by the faces and never depends on one of them.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ioModules.map((name) => ({ name, message: 'The renderer talks to main only through src/renderer/src/api.' })),
          patterns: [{ group: ['**/main/**', '**/preload/**'], message: 'The renderer only shares src/shared with main.' }],
        },
      ],
    },
  },
);
