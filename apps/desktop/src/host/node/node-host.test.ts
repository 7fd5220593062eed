import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHostService } from '../service/host-service.js';
import { startVirtualPrinter, type VirtualPrinter } from '@comanda/printing/virtual-printer';
import { startTcpPrinter, type TcpPrinter } from '../testing/tcp-printer.js';
import { startNodeHost, type NodeHost } from './node-host.js';

let host: NodeHost;
let printer: TcpPrinter;
let virtual: VirtualPrinter;
let staticDir: string;

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'comanda-nodehost-'));
  staticDir = join(dir, 'www');
  await mkdir(join(staticDir, 'assets'), { recursive: true });
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>till</title>');
  await writeFile(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(dir, 'secret.txt'), 'do not serve');
  printer = await startTcpPrinter();
  virtual = await startVirtualPrinter({ port: 0 });
  host = await startNodeHost({ service: createHostService({ dataDir: join(dir, 'data'), host: 'node', version: '0.1.0' }), staticDir });
});
afterAll(async () => {
  await host.close();
  await printer.close();
  await virtual.close();
});

function call(method: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${host.origin}/host/${method}`, {
    method: 'POST',
    headers: { origin: host.origin, authorization: `Bearer ${host.secret}`, 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('Node host over real HTTP', () => {
  it('puts the secret in the URL fragment only', () => {
    expect(host.url).toBe(`${host.origin}/#secret=${encodeURIComponent(host.secret)}`);
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('refuses calls from another origin with 403', async () => {
    const res = await call('app.info', {}, { origin: 'http://evil.example' });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/only accepted from the till/);
  });

  it('refuses a missing or wrong secret with 401', async () => {
    expect((await call('app.info', {}, { authorization: 'Bearer nope' })).status).toBe(401);
    expect((await call('app.info', {}, { authorization: '' })).status).toBe(401);
  });

  it('refuses a foreign Host header (DNS rebinding) with 421', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((ok) => {
      const req = request(`${host.origin}/`, { headers: { host: 'evil.example' } }, (res) => ok(res.statusCode ?? 0));
      req.end();
    });
    expect(status).toBe(421);
  });

  it('answers bad payloads with 400 and a readable message', async () => {
    const bad = await call('settings.update', { tillName: '' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toBe('Invalid input for settings.update: tillName: Till name is required');
    const notJson = await call('settings.update', '{oops');
    expect(notJson.status).toBe(400);
    expect((await call('no.such', {})).status).toBe(404);
  });

  it('runs valid calls', async () => {
    const res = await call('settings.update', { tillName: 'Counter' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { result: { tillName: string } }).result.tillName).toBe('Counter');
    const info = (await (await call('app.info', {})).json()) as { result: { host: string } };
    expect(info.result.host).toBe('node');
  });

  it('prints through @comanda/printing: confirmed by GS ( H, logged under the job\'s own id', async () => {
    await call('printers.save', { printers: [{ id: 'kitchen', name: 'Kitchen', host: '127.0.0.1', port: virtual.port }] });
    const bytes = Buffer.from([0x1b, 0x40, 0x41, 0x42, 0x0a, 0x1d, 0x56, 0x00]);
    const res = await call('printers.submit', { printerId: 'kitchen', jobId: 'r1:kitchen', bytesBase64: bytes.toString('base64') });
    expect(res.status).toBe(200);
    const [doc] = await virtual.waitForDocuments(1);
    expect(doc).toMatchObject({ text: 'AB\n[CUT]', complete: true });
    expect(((await res.json()) as { result: { completion: unknown } }).result.completion).toMatchObject({ kind: 'printed', confirmation: 'process-id' });
    const log = (await (await call('logs.tail', { limit: 5 })).json()) as { result: { context?: { jobId?: string } }[] };
    expect(log.result.at(-1)?.context?.jobId).toBe('r1:kitchen');

    // Not ready: refused before any byte, with the printer's status for the queue screen.
    await virtual.setFault({ coverOpen: true });
    const refused = await call('printers.submit', { printerId: 'kitchen', jobId: 'r2:kitchen', bytesBase64: bytes.toString('base64') });
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as { error: unknown }).error).toMatchObject({ bytesWritten: 0, phase: 'status', status: { coverOpen: true } });
    await virtual.setFault({ coverOpen: false });
  });

  it('reads DLE EOT status with the printing package\'s parser (either paper-end bit means out of paper)', async () => {
    await call('printers.save', { printers: [{ id: 'kitchen', name: 'Kitchen', host: '127.0.0.1', port: printer.port }] });
    printer.status.paper = 0x12 | 0x20; // one paper-end sensor bit: the old host parser said "paper present"
    const status = (await (await call('printers.status', { printerId: 'kitchen' })).json()) as { result: Record<string, unknown> };
    expect(status.result).toMatchObject({ reachable: true, online: true, paperOut: true, coverOpen: false });
    const missing = await call('printers.status', { printerId: 'bar' });
    expect(missing.status).toBe(404);
  });

  it('reports an unreachable printer as a status, and a failed job as 503', async () => {
    await call('printers.save', { printers: [{ id: 'dead', name: 'Dead', host: '127.0.0.1', port: 1 }] });
    const status = (await (await call('printers.status', { printerId: 'dead' })).json()) as { result: { reachable: boolean } };
    expect(status.result.reachable).toBe(false);
    const job = await call('printers.submit', { printerId: 'dead', jobId: 'x', bytesBase64: 'AA==' });
    expect(job.status).toBe(503);
    // Nothing reached the printer: the renderer's worker may retry without risking a double print.
    expect(((await job.json()) as { error: { bytesWritten: number; phase: string } }).error).toMatchObject({ bytesWritten: 0, phase: 'connect' });
  });

  it('serves the renderer with a strict CSP and never outside its root', async () => {
    const page = await fetch(`${host.origin}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(await page.text()).toContain('<title>till</title>');
    expect((await fetch(`${host.origin}/assets/app.js`)).headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(`${host.origin}/..%2Fsecret.txt`)).status).toBe(404);
    expect((await fetch(`${host.origin}/assets/missing.js`)).status).toBe(404);
  });
});
