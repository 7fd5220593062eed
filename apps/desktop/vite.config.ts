import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Builds the renderer to dist/renderer, served by the Node host or Electron's app:// protocol. */
export default defineConfig({
  plugins: [react()],
  base: './',
  build: {
    outDir: 'dist/renderer',
    emptyOutDir: true,
    target: 'chrome128',
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
  },
});
