import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { dispatchHostCall, HostInputError, HostOperationError, type HostService } from '../contract.js';
import { contentType, resolveStaticFile } from '@comanda/static-files';

/** Prefix of the contract's endpoints: `POST /host/<method>`. */
export const HOST_RPC_PREFIX = '/host/';
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The renderer's CSP. Scripts, styles and workers only from the host itself; no inline script, no
 * eval, no frames, no plugins. connect-src must allow http(s) because the sync server's URL is
 * chosen by the user at pairing time (it is a different origin from this host).
 */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self' http: https:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export interface NodeHostOptions {
  service: HostService;
  /** The vite build output (index.html + assets). */
  staticDir: string;
  port?: number;
  /** Injected for tests; a fresh random secret per launch otherwise. */
  secret?: string;
}

export interface NodeHost {
  /** `http://127.0.0.1:<port>` — the only origin allowed to call the contract. */
  origin: string;
  /** The URL to open: origin plus the secret in the fragment (never sent to any server). */
  url: string;
  secret: string;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HostInputError('Request body larger than 1 MiB', 'body'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Starts the Node host on 127.0.0.1: serves the built renderer and exposes the host contract as
 * `POST /host/<method>` with a JSON body. Every call must come from this host's own origin (so no
 * other web page in any browser can drive the till's printers) and carry the per-launch secret.
 */
export async function startNodeHost(options: NodeHostOptions): Promise<NodeHost> {
  const secret = options.secret ?? randomBytes(32).toString('base64url');
  const staticDir = resolve(options.staticDir);
  let origin = '';
  let hostHeader = '';

  async function handleRpc(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    if (req.method !== 'POST') return send(res, 405, { error: { code: 'METHOD_NOT_ALLOWED', message: 'Use POST' } });
    if (req.headers.origin !== origin) {
      return send(res, 403, { error: { code: 'FORBIDDEN', message: 'Calls are only accepted from the till itself' } });
    }
    const auth = req.headers.authorization ?? '';
    if (!auth.startsWith('Bearer ') || !sameSecret(auth.slice(7), secret)) {
      return send(res, 401, { error: { code: 'UNAUTHORIZED', message: 'Missing or wrong launch secret' } });
    }
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return send(res, 415, { error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send application/json' } });
    }
    let payload: unknown;
    try {
      const body = await readBody(req);
      payload = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch (error) {
      const message = error instanceof HostInputError ? error.message : 'Request body is not valid JSON';
      return send(res, error instanceof HostInputError ? 413 : 400, { error: { code: 'BAD_REQUEST', message } });
    }
    try {
      send(res, 200, { result: await dispatchHostCall(options.service, method, payload) });
    } catch (error) {
      if (error instanceof HostInputError) {
        const status = error.message.startsWith('Unknown host method') ? 404 : 400;
        return send(res, status, { error: { code: status === 404 ? 'NOT_FOUND' : 'BAD_INPUT', message: error.message } });
      }
      if (error instanceof HostOperationError) {
        const status = error.code === 'PRINTER_NOT_FOUND' ? 404 : error.code === 'IO_ERROR' ? 409 : 503;
        return send(res, status, { error: { code: error.code, message: error.message, ...error.details } });
      }
      console.error('[node-host]', method, error);
      send(res, 500, { error: { code: 'INTERNAL', message: 'The host failed; see its log' } });
    }
  }

  async function handleStatic(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    // The renderer is a single page: every path without an extension is the app.
    const path = await resolveStaticFile(staticDir, req.url ?? '/', { pageFallback: true });
    const body = path ? await readFile(path).catch(() => null) : null;
    if (!path || !body) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    const type = contentType(path);
    const isHtml = type.startsWith('text/html');
    res.writeHead(200, {
      'content-type': type,
      'content-security-policy': RENDERER_CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      'cache-control': isHtml ? 'no-store' : 'public, max-age=31536000, immutable',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  const server = createServer((req, res) => {
    // DNS-rebinding guard: a page on evil.example resolving to 127.0.0.1 still sends its own Host.
    if (req.headers.host !== hostHeader) {
      res.writeHead(421, { 'content-type': 'text/plain' }).end('Misdirected request');
      return;
    }
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const work = path.startsWith(HOST_RPC_PREFIX)
      ? handleRpc(req, res, path.slice(HOST_RPC_PREFIX.length))
      : handleStatic(req, res);
    work.catch((error: unknown) => {
      console.error('[node-host]', error);
      if (!res.headersSent) send(res, 500, { error: { code: 'INTERNAL', message: 'The host failed; see its log' } });
    });
  });

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => ok());
  });
  const { port } = server.address() as AddressInfo;
  hostHeader = `127.0.0.1:${port}`;
  origin = `http://${hostHeader}`;
  return {
    origin,
    url: `${origin}/#secret=${encodeURIComponent(secret)}`,
    secret,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
