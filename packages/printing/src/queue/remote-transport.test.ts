import { afterEach, describe, expect, it } from 'vitest';
import { tcpTransport } from '../transport';
import { startVirtualPrinter, type VirtualPrinter } from '../virtual-printer';
import { MemoryPrintJobStore } from './memory-store';
import { remoteTransport, type HostPrinterApi } from './remote-transport';
import { PrintWorker } from './worker';
import type { LayoutDocument } from '../layout/model';

let printer: VirtualPrinter | undefined;
let worker: PrintWorker | undefined;
afterEach(async () => {
  await worker?.stop();
  await printer?.close();
});

const doc = (n: number): LayoutDocument => ({ kind: 'kitchen', title: `T${n}`, blocks: [{ kind: 'text', text: `TICKET ${n} Γύρος` }, { kind: 'cut' }] });

/** A host as the desktop app would run it: real TCP to the printer, errors carry bytesWritten. */
function host(p: VirtualPrinter): HostPrinterApi {
  const endpoint = { host: p.host, port: p.port };
  const transport = tcpTransport({ connectMs: 1000, writeMs: 2000, statusMs: 1000 });
  return {
    status: () => transport.status(endpoint),
    send: (_id, bytes, job) => transport.send(endpoint, bytes, { statusQueries: job.statusQueries }),
  };
}

describe('worker in the renderer, printing through the host', () => {
  it('prints through the host api and keeps the at-least-once rules', async () => {
    printer = await startVirtualPrinter({ port: 0 });
    const store = new MemoryPrintJobStore();
    worker = await PrintWorker.start({
      store,
      transport: remoteTransport(host(printer)),
      statusIntervalMs: 0,
      backoff: { initialMs: 20, maxMs: 50 },
      routing: { printers: [{ id: 'pass', name: 'Pass', host: printer.host, port: printer.port, columns: 32 }], routes: { kitchen: { primary: 'pass' } } },
    });
    await worker.enqueue({ id: 'a:kitchen', route: 'kitchen', document: doc(1) });
    const [printed] = await printer.waitForDocuments(1);
    expect(printed!.text).toContain('TICKET 1 Γύρος');
    for (let i = 0; i < 100 && (await store.get('a:kitchen'))?.state !== 'printed'; i++) await new Promise((r) => setTimeout(r, 10));
    expect((await store.get('a:kitchen'))?.state).toBe('printed');

    await printer.setFault({ dropAfterBytes: 10 });
    await worker.enqueue({ id: 'b:kitchen', route: 'kitchen', document: doc(2) });
    let b = await store.get('b:kitchen');
    for (let i = 0; i < 200 && b?.state !== 'needs-attention'; i++) {
      await new Promise((r) => setTimeout(r, 10));
      b = await store.get('b:kitchen');
    }
    expect(b?.state).toBe('needs-attention');
    expect(b?.attention?.bytesWritten).toBeGreaterThan(0);
  });

  it('a host that could not connect (0 bytes) leads to a retry, not a flag', async () => {
    printer = await startVirtualPrinter({ port: 0 });
    const api = host(printer);
    let refusals = 2;
    const flaky: HostPrinterApi = {
      status: api.status,
      send: (id, bytes, job) => (refusals-- > 0 ? Promise.reject(Object.assign(new Error('PRINTER_UNREACHABLE'), { bytesWritten: 0 })) : api.send(id, bytes, job)),
    };
    const store = new MemoryPrintJobStore();
    worker = await PrintWorker.start({
      store,
      transport: remoteTransport(flaky),
      statusIntervalMs: 0,
      backoff: { initialMs: 10, maxMs: 20 },
      routing: { printers: [{ id: 'pass', name: 'Pass', host: printer.host, port: printer.port, columns: 32 }], routes: { kitchen: { primary: 'pass' } } },
    });
    await worker.enqueue({ id: 'a:kitchen', route: 'kitchen', document: doc(1) });
    await printer.waitForDocuments(1);
    for (let i = 0; i < 100 && (await store.get('a:kitchen'))?.state !== 'printed'; i++) await new Promise((r) => setTimeout(r, 10));
    expect(await store.get('a:kitchen')).toMatchObject({ state: 'printed', attempts: 3 });
    expect(printer.documents).toHaveLength(1);
  });
});
