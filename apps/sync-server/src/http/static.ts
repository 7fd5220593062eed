import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentType, isFile, resolveStaticFile } from '@comanda/static-files';

/**
 * The back office's CSP: everything from this origin only (the API is `/trpc` on the same
 * origin), no inline script or style element, no eval, no frames. `data:` images are the pairing
 * QR codes, drawn in the page. React sets `style` through the CSSOM, which CSP does not restrict.
 */
export const BACKOFFICE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Where `pnpm --filter @comanda/backoffice build` writes the app, in this workspace. */
export function defaultBackofficeDir(): string {
  return fileURLToPath(new URL('../../../backoffice/dist', import.meta.url));
}

/**
 * Serves the built back office (a single-page app): files of `dir`, and index.html for any other
 * page request (Accept: text/html) of a path without an extension, so deep links such as `/menu`
 * load the app. Paths escaping
 * `dir` are refused. Returns false for requests it does not answer (other methods).
 */
export function createStaticHandler(dir: string) {
  const root = resolve(dir);
  return async (req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const page = String(req.headers.accept ?? '').includes('text/html');
    const file = await resolveStaticFile(root, path, { pageFallback: page });
    if (!file) {
      const built = await isFile(join(root, 'index.html'));
      const message = built
        ? 'Not found'
        : 'The back office is not built: run `pnpm --filter @comanda/backoffice build`';
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(message);
      return true;
    }
    const body = await readFile(file);
    const hashed = file.startsWith(join(root, 'assets') + sep);
    res.writeHead(200, {
      'content-type': contentType(file),
      'content-length': body.length,
      // Vite names assets by content hash: they never change. index.html must be revalidated.
      'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      'content-security-policy': BACKOFFICE_CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  };
}
