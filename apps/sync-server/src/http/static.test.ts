import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKOFFICE_CSP, createStaticHandler } from './static';

async function serve(dir: string): Promise<{ server: Server; url: string }> {
  const handler = createStaticHandler(dir);
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    void handler(req, res, path).then((done) => {
      if (!done) res.writeHead(405).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Raw request path (fetch would normalise `..` away before sending). */
async function rawGet(url: string, path: string): Promise<number> {
  const { request } = await import('node:http');
  return new Promise((resolve, reject) => {
    request(`${url}/`, { path }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    })
      .on('error', reject)
      .end();
  });
}

describe('back-office static files', () => {
  let root: string;
  let built: { server: Server; url: string };
  let missing: { server: Server; url: string };
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'comanda-static-'));
    await mkdir(join(root, 'dist', 'assets'), { recursive: true });
    await writeFile(join(root, 'dist', 'index.html'), '<!doctype html><title>Back office</title>');
    await writeFile(join(root, 'dist', 'assets', 'app-abc123.js'), 'console.log(1)');
    await writeFile(join(root, 'secret.txt'), 'outside the app');
    built = await serve(join(root, 'dist'));
    missing = await serve(join(root, 'not-built'));
  });
  afterAll(async () => {
    built?.server.close();
    missing?.server.close();
    await rm(root, { recursive: true, force: true });
  });

  it('serves the page with a strict CSP and hashed assets as immutable', async () => {
    const page = await fetch(`${built.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toBe(BACKOFFICE_CSP);
    expect(BACKOFFICE_CSP).toContain("script-src 'self'");
    expect(BACKOFFICE_CSP).not.toContain('unsafe-inline');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const asset = await fetch(`${built.url}/assets/app-abc123.js`);
    expect(asset.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(await asset.text()).toBe('console.log(1)');
  });

  it('answers deep links of the app to browsers, and 404 to API clients and missing files', async () => {
    const deep = await fetch(`${built.url}/menu/items`, { headers: { accept: 'text/html' } });
    expect(deep.status).toBe(200);
    expect(await deep.text()).toContain('Back office');
    expect((await fetch(`${built.url}/menu/items`)).status).toBe(404);
    const js = await fetch(`${built.url}/assets/gone.js`, { headers: { accept: 'text/html' } });
    expect(js.status).toBe(404);
  });

  it('never serves a file outside the app folder', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/%00',
    ])
      expect([400, 404]).toContain(await rawGet(built.url, path));
  });

  it('says how to build the app when it is missing', async () => {
    const res = await fetch(`${missing.url}/`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('pnpm --filter @comanda/backoffice build');
  });

  it('leaves other methods to the rest of the server', async () => {
    expect((await fetch(`${built.url}/`, { method: 'POST' })).status).toBe(405);
  });
});
