import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * Builds the back office (and the ready board, `board/index.html`) to dist/, which the sync server serves at `/` (same origin as `/trpc`).
 * `pnpm dev` proxies `/trpc` to a sync server on 127.0.0.1:4455 (override with COMANDA_SERVER).
 */
export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
    modulePreload: { polyfill: false },
    // The customer ready board (`/board`) is a second, tiny page of the same build.
    rollupOptions: {
      input: {
        main: fileURLToPath(new URL('index.html', import.meta.url)),
        board: fileURLToPath(new URL('board/index.html', import.meta.url)),
      },
    },
  },
  server: {
    proxy: { '/trpc': process.env.COMANDA_SERVER ?? 'http://127.0.0.1:4455' },
  },
});
