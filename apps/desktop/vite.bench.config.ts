import { defineConfig } from 'vite';

/** Builds the bench page (the till runtime without UI) to dist/bench. */
export default defineConfig({
  root: 'bench/page',
  // The raw-Dexie baseline must use the same Dexie instance RxDB uses (two copies refuse to load).
  resolve: { dedupe: ['dexie'] },
  base: './',
  build: { outDir: '../../dist/bench', emptyOutDir: true, target: 'chrome128', chunkSizeWarningLimit: 2000 },
});
