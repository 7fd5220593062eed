// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';
import path from 'node:path';

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

/**
 * The till renderer's layers: each folder of `apps/desktop/src/renderer` may import only the
 * folders listed for it (and itself). `till-ports` is the contract that features and adapters
 * both depend on; nothing below a folder imports it upward. The longest matching key wins, so
 * `features/testing` (the in-memory adapter, which runs the real print worker) gets its own row.
 * Tests (`*.test.ts(x)`) may assemble any layers around the code they test and are not checked.
 */
const rendererLayers = {
  'till-ports': [],
  host: [],
  data: [],
  sync: ['data', 'host'],
  printing: ['till-ports', 'data', 'host'],
  runtime: ['data', 'host', 'sync', 'printing'],
  ports: ['till-ports', 'data', 'host', 'sync', 'printing', 'runtime'],
  features: ['till-ports'],
  'features/testing': ['features', 'till-ports', 'printing'],
  shell: ['till-ports', 'data', 'host', 'sync', 'printing', 'runtime', 'ports', 'features'],
};

/** @type {import('eslint').Rule.RuleModule} */
const rendererLayersRule = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    const file = context.filename.split(path.sep).join('/');
    const marker = '/apps/desktop/src/renderer/';
    const at = file.indexOf(marker);
    if (at < 0 || /\.test\.tsx?$/.test(file)) return {};
    const root = file.slice(0, at + marker.length);
    const layerOf = (/** @type {string} */ rel) =>
      Object.keys(rendererLayers)
        .filter((key) => rel === key || rel.startsWith(`${key}/`))
        .sort((a, b) => b.length - a.length)[0];
    const from = layerOf(file.slice(root.length));
    if (!from) return {};
    const allowed = new Set([from, ...rendererLayers[/** @type {keyof typeof rendererLayers} */ (from)]]);
    /** @param {any} node */
    const check = (node) => {
      const source = node.source;
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      if (!source.value.startsWith('.')) return;
      const target = path.posix.join(path.posix.dirname(file), source.value);
      if (!target.startsWith(root)) return;
      const to = layerOf(target.slice(root.length));
      const top = (/** @type {string} */ l) => l.split('/')[0];
      if (!to || allowed.has(to) || allowed.has(top(to))) return;
      context.report({
        node: source,
        message: `renderer/${from} must not import renderer/${to}: it may import ${[...allowed].join(', ')} (see rendererLayers in eslint.config.js).`,
      });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

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
    // No upward arrows in the till's renderer (see rendererLayers).
    files: ['apps/desktop/src/renderer/**/*.{ts,tsx}'],
    plugins: { comanda: { rules: { 'renderer-layers': rendererLayersRule } } },
    rules: { 'comanda/renderer-layers': 'error' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  prettier,
);
