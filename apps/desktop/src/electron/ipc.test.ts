import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { hostMethods } from '../host/contract.js';
import { HOST_METHOD_NAMES, hostChannel, type HostIpcReply } from '../host/methods.js';
import { createHostService } from '../host/service/host-service.js';
import { registerHostIpc, type IpcEventLike, type IpcMainLike } from './ipc.js';

class FakeIpcMain implements IpcMainLike {
  handlers = new Map<string, (event: IpcEventLike, ...args: unknown[]) => Promise<unknown>>();
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => Promise<unknown>): void {
    if (this.handlers.has(channel)) throw new Error(`duplicate handler ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  invoke(channel: string, url: string | null, ...args: unknown[]): Promise<HostIpcReply> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`no handler ${channel}`);
    return handler({ senderFrame: url === null ? null : { url } }, ...args) as Promise<HostIpcReply>;
  }
}

const APP = 'app://till/index.html';
let ipc: FakeIpcMain;
let unregister: () => void;

beforeEach(async () => {
  ipc = new FakeIpcMain();
  const service = createHostService({ dataDir: await mkdtemp(join(tmpdir(), 'comanda-ipc-')), host: 'electron', version: '9.9.9' });
  unregister = registerHostIpc(ipc, service, (url) => url.startsWith('app://till/'));
});

describe('Electron IPC handlers', () => {
  it('registers exactly one channel per contract method, matching the preload list', () => {
    expect([...ipc.handlers.keys()].sort()).toEqual(hostMethods.map(hostChannel).sort());
    expect([...HOST_METHOD_NAMES].sort()).toEqual([...hostMethods].sort());
    unregister();
    expect(ipc.handlers.size).toBe(0);
  });

  it('answers calls from the till page', async () => {
    const reply = await ipc.invoke(hostChannel('app.info'), APP, {});
    expect(reply).toMatchObject({ ok: true, result: { host: 'electron', version: '9.9.9', name: 'Comanda' } });
  });

  it('refuses senders that are not the till page', async () => {
    for (const url of ['https://evil.example/', 'file:///etc/passwd', null]) {
      const reply = await ipc.invoke(hostChannel('settings.get'), url, {});
      expect(reply).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'Calls are only accepted from the till itself' } });
    }
  });

  it('validates every payload with the contract', async () => {
    const bad = await ipc.invoke(hostChannel('settings.update'), APP, { serverUrl: 'javascript:alert(1)' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect((bad as { error: { message: string } }).error.message).toContain('serverUrl');
    const extra = await ipc.invoke(hostChannel('logs.tail'), APP, { limit: 10 }, 'second');
    expect(extra).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: 'logs.tail takes one argument' } });
    const notObject = await ipc.invoke(hostChannel('printers.save'), APP, 'printers');
    expect(notObject).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });

  it('maps operation errors to their code', async () => {
    const reply = await ipc.invoke(hostChannel('printers.status'), APP, { printerId: 'kitchen' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'PRINTER_NOT_FOUND' } });
  });

  it('tells the renderer how far a failed print job got (nothing, when the printer refused the connection)', async () => {
    // Port 1 on loopback refuses connections: the confirmed send fails in its connect phase.
    const reply = await ipc.invoke(hostChannel('printers.submit'), APP, { printerId: 'dead', endpoint: { host: '127.0.0.1', port: 1 }, jobId: 'r:kitchen', bytesBase64: 'AA==' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'PRINTER_UNREACHABLE', bytesWritten: 0, phase: 'connect' } });
  });

  it('round-trips settings and logs', async () => {
    await ipc.invoke(hostChannel('settings.update'), APP, { tillName: 'Terrace', kiosk: true });
    expect(await ipc.invoke(hostChannel('settings.get'), APP)).toMatchObject({ ok: true, result: { tillName: 'Terrace', kiosk: true } });
    await ipc.invoke(hostChannel('logs.write'), APP, { level: 'warn', message: 'drawer jammed' });
    const tail = (await ipc.invoke(hostChannel('logs.tail'), APP, { limit: 5 })) as { ok: true; result: { message: string; source: string }[] };
    expect(tail.result.at(-1)).toMatchObject({ message: 'drawer jammed', source: 'renderer' });
  });
});
