import react from '@vitejs/plugin-react';
import { defineConfig, type HtmlTagDescriptor, type Plugin } from 'vite';

/**
 * The chunks main.tsx imports lazily (the screens, printing) are fetched and compiled alongside
 * the main chunk instead of after it has run: `<link rel="modulepreload">` for each in index.html.
 * They stay separate chunks so that evaluating them does not delay opening the store.
 */
function preloadLazyChunks(): Plugin {
  return {
    name: 'comanda:preload-lazy-chunks',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle }): HtmlTagDescriptor[] {
        const chunks = new Map(Object.values(bundle ?? {}).flatMap((c) => (c.type === 'chunk' ? [[c.fileName, c] as const] : [])));
        const entries = [...chunks.values()].filter((c) => c.isEntry);
        // In index.html already: the entry and what it imports statically.
        const present = new Set(entries.flatMap((e) => [e.fileName, ...e.imports]));
        const lazy = new Set<string>();
        const add = (fileName: string) => {
          if (present.has(fileName) || lazy.has(fileName)) return;
          lazy.add(fileName);
          chunks.get(fileName)?.imports.forEach(add);
        };
        entries.forEach((e) => e.dynamicImports.forEach(add));
        return [...lazy].map((fileName) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${fileName}` }, injectTo: 'head' }));
      },
    },
  };
}

/** Builds the renderer to dist/renderer, served by the Node host or Electron's app:// protocol. */
export default defineConfig({
  plugins: [react(), preloadLazyChunks()],
  base: './',
  build: {
    outDir: 'dist/renderer',
    emptyOutDir: true,
    target: 'chrome128',
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
    // Chromium (and so Electron) supports modulepreload: no polyfill in the main chunk.
    modulePreload: { polyfill: false },
  },
});
