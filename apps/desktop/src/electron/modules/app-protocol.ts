import { net, protocol } from 'electron';
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RENDERER_CSP } from '../../host/node/node-host.js';

/** The renderer's origin under Electron: a standard, secure custom scheme (IndexedDB works, no file://). */
export const APP_ORIGIN = 'app://till';

/** Must run before app ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false } },
  ]);
}

/** Serves the built renderer from `rendererDir` with the same CSP as the Node host. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'till') return new Response('Not found', { status: 404 });
    const relative = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '') || 'index.html';
    const full = join(rendererDir, relative);
    if (!full.startsWith(rendererDir + sep)) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(full).toString()).catch(() => null);
    const file = response?.ok ? response : await net.fetch(pathToFileURL(join(rendererDir, 'index.html')).toString());
    const headers = new Headers(file.headers);
    headers.set('content-security-policy', RENDERER_CSP);
    headers.set('x-content-type-options', 'nosniff');
    return new Response(file.body, { status: 200, headers });
  });
}

export function isAppUrl(url: string): boolean {
  return url === APP_ORIGIN || url.startsWith(`${APP_ORIGIN}/`);
}
