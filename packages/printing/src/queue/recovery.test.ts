import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LayoutDocument } from '../layout/model';
import { tcpTransport } from '../transport';
import { startVirtualPrinter, type VirtualPrinter } from '../virtual-printer';
import { MemoryPrintJobStore } from './memory-store';
import { DEFAULT_STATUS_INTERVAL_MS, PrintWorker, type PrintEvent } from './worker';

let p: VirtualPrinter | null = null;
let w: PrintWorker | null = null;
afterEach(async () => {
  vi.useRealTimers();
  await w?.stop();
  await p?.close();
  w = p = null;
});

const ticket: LayoutDocument = { kind: 'kitchen', title: 'T1', blocks: [{ kind: 'text', text: 'TICKET 1' }, { kind: 'cut' }] };
const routing = (printer: VirtualPrinter) => ({
  printers: [{ id: 'k', name: 'Kitchen', host: printer.host, port: printer.port, columns: 42 as const }],
  routes: { kitchen: { primary: 'k' } },
});

/** Moves the fake clock in small steps, letting real socket I/O happen in between. */
const advance = async (ms: number): Promise<void> => {
  for (let t = 0; t < ms; t += 50) {
    await vi.advanceTimersByTimeAsync(50);
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  }
};

describe('recovery', () => {
  it('a status check that sees the printer back retries its queue at once, not after the backoff', async () => {
    p = await startVirtualPrinter({ port: 0, faults: { paperOut: true } });
    const store = new MemoryPrintJobStore();
    const clock = { t: 1_000_000 };
    w = await PrintWorker.start({
      store,
      transport: tcpTransport({ connectMs: 1000, writeMs: 1000, statusMs: 500 }),
      routing: routing(p),
      // The worker's clock stands still: only the status check can make the job due again.
      now: () => clock.t,
      backoff: { initialMs: 60_000, maxMs: 60_000 },
      statusIntervalMs: 30,
    });
    await w.enqueue({ id: 'a:kitchen', route: 'kitchen', document: ticket });
    await expect.poll(async () => (await store.get('a:kitchen'))?.lastError, { timeout: 5000 }).toMatch(/paper-out/);
    expect((await store.get('a:kitchen'))?.nextAttemptAt).toBe(clock.t + 60_000);
    await p.setFault({ paperOut: false });
    const [doc] = await p.waitForDocuments(1, 5000);
    expect(doc).toMatchObject({ complete: true });
    await expect.poll(async () => (await store.get('a:kitchen'))?.state).toBe('printed');
  });

  it('an unplugged printer shows "unreachable" within 5 s of the clock with the default settings', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    p = await startVirtualPrinter({ port: 0 });
    const events: { at: number; e: PrintEvent }[] = [];
    w = await PrintWorker.start({ store: new MemoryPrintJobStore(), transport: tcpTransport(), routing: routing(p) });
    w.subscribe((e) => events.push({ at: Date.now(), e }));
    const health = () => events.flatMap(({ at, e }) => (e.type === 'printer' ? [{ at, health: e.health }] : []));
    await advance(DEFAULT_STATUS_INTERVAL_MS + 200);
    expect(health().at(-1)?.health).toBe('online');
    // Unplugged right after a check: the worst case waits a whole pause, then a refused connection.
    await p.setFault({ down: true });
    const unplugged = Date.now();
    await advance(5000);
    const seen = health().find((h) => h.health === 'unreachable');
    expect(seen).toBeDefined();
    expect(seen!.at - unplugged).toBeLessThanOrEqual(5000);
  });

  it('a printer that stops answering (powered off mid-connection) shows "unreachable" within 5 s of the clock', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    p = await startVirtualPrinter({ port: 0 });
    const events: { at: number; health: string }[] = [];
    w = await PrintWorker.start({ store: new MemoryPrintJobStore(), transport: tcpTransport(), routing: routing(p) });
    w.subscribe((e) => e.type === 'printer' && events.push({ at: Date.now(), health: e.health }));
    await advance(DEFAULT_STATUS_INTERVAL_MS + 200);
    // Accepts connections but answers nothing: the status request times out (statusMs).
    await p.setFault({ silent: true });
    const gone = Date.now();
    await advance(5000);
    const seen = events.find((h) => h.health === 'unreachable');
    expect(seen).toBeDefined();
    expect(seen!.at - gone).toBeLessThanOrEqual(5000);
  });
});
