import { stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/** The `content-type` of a file served by name; unknown extensions are opaque bytes. */
export function contentType(file: string): string {
  return TYPES[extname(file)] ?? 'application/octet-stream';
}

/** Whether `path` names a regular file (false for folders and for what does not exist). */
export async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}

export interface ResolveOptions {
  /**
   * Answer index.html for a path without an extension that names no file, so a deep link of a
   * single-page app (`/menu`) loads the app. A missing `/x.js` is never answered with the page.
   */
  readonly pageFallback: boolean;
}

/**
 * The file of `root` a URL path names, or null: for a path that escapes `root` (`..`, encoded or
 * not), a NUL byte, malformed percent-encoding, or nothing there. A query string is ignored.
 */
export async function resolveStaticFile(
  root: string,
  urlPath: string,
  options: ResolveOptions,
): Promise<string | null> {
  const base = resolve(root);
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = normalize(decoded).replace(/^[/\\]+/, '');
  const full = join(base, relative || 'index.html');
  if (full !== base && !full.startsWith(base + sep)) return null;
  if (await isFile(full)) return full;
  // A page of its own in a folder (`/board` → board/index.html), before the app's fallback.
  if (options.pageFallback && extname(relative) === '' && (await isFile(join(full, 'index.html'))))
    return join(full, 'index.html');
  if (options.pageFallback && extname(relative) === '') {
    const index = join(base, 'index.html');
    return (await isFile(index)) ? index : null;
  }
  return null;
}
