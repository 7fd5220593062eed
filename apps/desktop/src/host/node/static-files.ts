import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/**
 * Resolves a URL path to a file inside `root`, or null. Paths that escape the root are refused;
 * unknown paths without an extension fall back to index.html (the renderer is a single page).
 */
export async function loadStaticFile(root: string, urlPath: string): Promise<{ body: Buffer; type: string } | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return null;
  }
  const relative = normalize(decoded).replace(/^([/\\])+/, '');
  const full = join(root, relative === '' ? 'index.html' : relative);
  if (full !== root && !full.startsWith(root.endsWith(sep) ? root : root + sep)) return null;
  const candidate = await stat(full).then(
    (s) => (s.isFile() ? full : null),
    () => null,
  );
  const path = candidate ?? (extname(relative) === '' ? join(root, 'index.html') : null);
  if (!path) return null;
  try {
    return { body: await readFile(path), type: MIME[extname(path)] ?? 'application/octet-stream' };
  } catch {
    return null;
  }
}
