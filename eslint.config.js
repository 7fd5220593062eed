// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

/** Imports that would tie the pure domain core to a platform, a UI or a database. */
const coreForbiddenImports = [
  'electron',
  'electron/*',
  'react',
  'react-dom',
  'react/*',
  'react-dom/*',
  'node:*',
  ...builtinModules,
  ...builtinModules.map((m) => `${m}/*`),
  'pg',
  'pg-*',
  '@electric-sql/*',
  'dexie',
  'rxdb',
  'rxdb/*',
  'better-sqlite3',
  'idb',
  '@comanda/printing',
  '@comanda/printing/*',
  '@comanda/ui',
  '@comanda/sync-server',
  '@comanda/sync-server/*',
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/coverage/**',
      '**/release/**',
      '**/*.config.js',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node, ...globals.browser },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-ignore': 'allow-with-description' }],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', '**/*.bench.ts', '**/e2e/**', '**/bench/**', '**/testing/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // The domain core runs anywhere: no platform, UI or database imports.
    files: ['packages/core/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: coreForbiddenImports,
              message:
                '@comanda/core is pure domain logic: pass platform services (clock, ids, storage) in instead of importing them.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  prettier,
);
