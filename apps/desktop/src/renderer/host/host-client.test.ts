import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as happyDom from 'happy-dom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeHost, type NodeHost } from '../../host/node/node-host.js';
import { createHostService } from '../../host/service/host-service.js';
import { createElectronHostClient, createHttpHostClient, HostCallError, takeLaunchSecret } from './host-client.js';
import { dispatchHostCall } from '../../host/contract.js';

let host: NodeHost;
beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'comanda-client-'));
  await mkdir(join(dir, 'www'));
  await writeFile(join(dir, 'www', 'index.html'), '<!doctype html>');
  host = await startNodeHost({ service: createHostService({ dataDir: dir, host: 'node', version: '1' }), staticDir: join(dir, 'www') });
});
afterAll(() => host.close());

/** Node's fetch sends no Origin header; a browser on the till page would send this one. */
function browserFetch(origin: string): typeof fetch {
  return (url, init) => fetch(url, { ...init, headers: { ...(init?.headers as Record<string, string>), origin } });
}

describe('HostClient', () => {
  it('calls the Node host and surfaces its validation message as a typed error', async () => {
    const client = createHttpHostClient(host.origin, host.secret, browserFetch(host.origin));
    expect((await client['app.info']({})).host).toBe('node');
    const error = await client['settings.update']({ tillName: '' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostCallError);
    expect(error).toMatchObject({ code: 'BAD_INPUT', method: 'settings.update' });
  });

  it('fails with FORBIDDEN from another origin and UNAUTHORIZED with a wrong secret', async () => {
    await expect(createHttpHostClient(host.origin, host.secret, browserFetch('http://evil.example'))['app.info']({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(createHttpHostClient(host.origin, 'wrong', browserFetch(host.origin))['app.info']({})).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('unwraps Electron IPC envelopes', async () => {
    const service = createHostService({ dataDir: await mkdtemp(join(tmpdir(), 'comanda-bridge-')), host: 'electron', version: '2' });
    const bridge = new Proxy({}, {
      get: (_t, method: string) => async (input: unknown) => {
        try {
          return { ok: true, result: await dispatchHostCall(service, method, input) };
        } catch (e) {
          return { ok: false, error: { code: 'BAD_INPUT', message: (e as Error).message } };
        }
      },
    });
    const client = createElectronHostClient(bridge as never);
    expect((await client['app.info']({})).host).toBe('electron');
    await expect(client['logs.tail']({ limit: 0 })).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });

  it('takes the launch secret from the fragment and strips it from the address bar', () => {
    const { Window } = happyDom;
    const win = new Window({ url: 'http://127.0.0.1:5000/#secret=abc%2Bdef' });
    expect(takeLaunchSecret(win as unknown as globalThis.Window)).toBe('abc+def');
    expect(win.location.hash).toBe('');
    expect(win.location.href).toBe('http://127.0.0.1:5000/');
    expect(takeLaunchSecret(win as unknown as globalThis.Window)).toBe('abc+def');
    void win.happyDOM.close();
  });
});
