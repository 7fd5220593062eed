import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDemoSeed } from '@comanda/core/demo';
import { startVirtualPrinter, type VirtualPrinter } from '@comanda/printing/virtual-printer';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { startNodeHost } from '../../host/node/node-host.js';
import { createHostService } from '../../host/service/host-service.js';
import { openTillDatabase } from '../data/database.js';
import { createHttpHostClient } from '../host/host-client.js';
import type { PrintQueueView, PrinterSetting } from '../till-ports/index.js';
import { startTillPrinting } from '../printing/till-printing.js';
import type { TillRuntime } from '../runtime/runtime.js';
import { createPrinterPorts } from './printer-ports.js';

const seed = buildDemoSeed(1_767_261_600_000);
const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/** The real printing ports: RxDB (fake-indexeddb) job store, print worker, Node host over HTTP, virtual printers. */
async function realPorts(branchPrinters: Record<string, VirtualPrinter>) {
  const dir = await mkdtemp(join(tmpdir(), 'comanda-printer-ports-'));
  const nodeHost = await startNodeHost({
    service: createHostService({ dataDir: join(dir, 'data'), host: 'node', version: '0.1.0' }),
    staticDir: dir,
  });
  cleanup.push(() => nodeHost.close());
  const withOrigin: typeof fetch = (url, init) =>
    fetch(url, {
      ...init,
      headers: { ...(init?.headers as Record<string, string>), origin: nodeHost.origin },
    });
  const host = createHttpHostClient(nodeHost.origin, nodeHost.secret, withOrigin);
  const db = await openTillDatabase({
    name: 'printer-ports',
    indexedDB: new IDBFactory(),
    IDBKeyRange,
  });
  cleanup.push(() => db.close());
  const branch = seed.branches.find((b) => b.id === 'paris-11')!;
  await db.branches.insert({
    ...branch,
    printers: branch.printers.map((p) => ({ ...p, port: branchPrinters[p.id]!.port })),
  });
  const printing = await startTillPrinting({
    db,
    host,
    branchId: () => 'paris-11',
    tillId: 'comptoir',
    worker: { statusIntervalMs: 0, backoffMs: 60_000 },
  });
  cleanup.push(() => printing.stop());
  const runtime = {
    host,
    db,
    printing: Promise.resolve(printing),
    branchId: () => 'paris-11',
    tillId: 'comptoir',
    settings: () => ({ tillName: 'Comptoir' }),
  } as unknown as TillRuntime;
  return { ports: createPrinterPorts(runtime, db.printJobs as never), printing, host, db, runtime };
}

async function virtualPrinters(n: number): Promise<VirtualPrinter[]> {
  const vps = await Promise.all(Array.from({ length: n }, () => startVirtualPrinter({ port: 0 })));
  for (const p of vps) cleanup.push(() => p.close());
  return vps;
}

describe('printer ports on the real worker and Node host', () => {
  it('saves a printer through the host, routes to it at once, prints its test page, and refuses bad settings with the field named', async () => {
    const [kitchen, grill, bar, receipt, counter] = await virtualPrinters(5);
    const { ports, printing, host } = await realPorts({
      'kitchen-printer': kitchen!,
      'grill-printer': grill!,
      'bar-printer': bar!,
      'receipt-printer': receipt!,
    });
    const before = await ports.loadPrinterSettings();
    expect(before.device).toEqual([]);
    expect(before.branch.map((p) => p.id).sort()).toEqual([
      'bar-printer',
      'grill-printer',
      'kitchen-printer',
      'receipt-printer',
    ]);

    const setting: PrinterSetting = {
      id: 'counter',
      name: 'Counter',
      transport: 'tcp',
      host: '127.0.0.1',
      port: counter!.port,
      serialPath: '',
      baudRate: 9600,
      columns: 42,
      codepage: 'cp858',
      stations: ['bar'],
      backupStations: ['kitchen'],
    };
    expect(await ports.savePrinterSettings([setting])).toEqual([setting]);
    expect(await host['printers.list']({})).toMatchObject([
      { id: 'counter', columns: 42, codepage: 'cp858', paperWidth: 80 },
    ]);
    expect(printing.routing().routes.bar).toEqual({ primary: 'counter', backup: null });
    expect(printing.routing().routes.kitchen).toEqual({
      primary: 'kitchen-printer',
      backup: 'counter',
    });

    await ports.printTestPage('counter');
    const [page] = await counter!.waitForDocuments(1, 5000);
    expect(page!.text).toContain('TEST PAGE');
    expect(page!.text).toContain('42 columns');
    expect(page!.text).toContain('12,50 €'); // cp858 has the euro sign

    await expect(
      ports.savePrinterSettings([{ ...setting, host: 'bad host!' }]),
    ).rejects.toMatchObject({
      code: 'invalid',
      message: expect.stringMatching(/host: Printer address/),
    });
    expect(await host['printers.list']({})).toHaveLength(1);
    await counter!.setFault({ down: true });
    expect(await ports.checkPrinter('counter')).toMatchObject({
      state: 'offline',
      checkedAt: expect.any(Number),
    });
    await expect(ports.printTestPage('counter')).rejects.toMatchObject({
      code: 'host-unavailable',
    });
  });

  it('queues the cash drawer kick durably while the receipt printer is down, and kicks once when retried', async () => {
    const [kitchen, grill, bar, receipt] = await virtualPrinters(4);
    const { ports } = await realPorts({
      'kitchen-printer': kitchen!,
      'grill-printer': grill!,
      'bar-printer': bar!,
      'receipt-printer': receipt!,
    });
    await receipt!.setFault({ down: true });
    const views: PrintQueueView[] = [];
    const stop = ports.subscribeQueue((v) => views.push(v));
    cleanup.push(() => Promise.resolve(stop()));

    await ports.openCashDrawer();
    await expect
      .poll(() => views.at(-1)?.jobs.map((j) => [j.title, j.state, j.printerId]), { timeout: 5000 })
      .toEqual([['Cash drawer', 'failed', 'receipt-printer']]);
    await receipt!.setFault({ down: false });
    expect(receipt!.stats.drawerKicks).toBe(0); // the backoff (60 s here) has not passed
    await ports.retryJob(views.at(-1)!.jobs[0]!.id);
    await expect.poll(() => receipt!.stats.drawerKicks, { timeout: 5000 }).toBe(1);
    await expect
      .poll(() => views.at(-1)?.jobs.map((j) => j.state), { timeout: 5000 })
      .toEqual(['printed']);
    await new Promise((r) => setTimeout(r, 300));
    expect(receipt!.stats.drawerKicks).toBe(1);
  });

  it('keeps a re-route across a restart of printing', async () => {
    const [kitchen, grill, bar, receipt] = await virtualPrinters(4);
    const first = await realPorts({
      'kitchen-printer': kitchen!,
      'grill-printer': grill!,
      'bar-printer': bar!,
      'receipt-printer': receipt!,
    });
    await first.ports.reroute('kitchen', 'bar-printer');
    await first.printing.stop();

    // The till restarts: printing starts again over the same store and host.
    const printing = await startTillPrinting({ db: first.db, host: first.host, branchId: () => 'paris-11', tillId: 'comptoir', worker: { statusIntervalMs: 0, backoffMs: 60_000 } });
    cleanup.push(() => printing.stop());
    const ports = createPrinterPorts({ ...first.runtime, printing: Promise.resolve(printing) }, first.db.printJobs as never);
    const views: PrintQueueView[] = [];
    const stop = ports.subscribeQueue((v) => views.push(v));
    cleanup.push(() => Promise.resolve(stop()));
    await expect.poll(() => views.at(-1)?.routes.find((r) => r.route === 'kitchen'), { timeout: 5000 }).toMatchObject({ printerId: 'bar-printer', primaryId: 'kitchen-printer', rerouted: true });

    await printing.worker.enqueue({ id: 'after-restart:kitchen', route: 'kitchen', document: { kind: 'kitchen', title: 'Ticket 9', blocks: [{ kind: 'text', text: 'Soupe' }, { kind: 'cut' }] } });
    const [ticket] = await bar!.waitForDocuments(1, 10_000);
    expect(ticket!.text).toMatch(/Soupe/);
    expect(kitchen!.documents).toHaveLength(0);

    // Back to the station's own printer: that too survives a restart.
    await ports.reroute('kitchen', null);
    expect(printing.worker.manualRoutes().size).toBe(0);
    expect((await first.db.settings.findOne('printing:manual-routes').exec())?.toJSON().value).toEqual({});
  });
});
