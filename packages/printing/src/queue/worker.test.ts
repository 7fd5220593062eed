import { afterEach, describe, expect, it } from 'vitest';
import { tcpTransport } from '../transport';
import { startVirtualPrinter, type VirtualPrinter } from '../virtual-printer';
import type { LayoutDocument } from '../layout/model';
import { MemoryPrintJobStore } from './memory-store';
import type { PrintJob, PrintJobStore } from './types';
import { PrintWorker, type PrintEvent } from './worker';
import type { RoutingConfigInput } from './routing';

// Generous timeouts: CI machines are loaded, and a slow answer must not turn into a different outcome.
const transport = tcpTransport({ connectMs: 2000, writeMs: 3000, statusMs: 1000 });
const backoff = { initialMs: 20, maxMs: 100, factor: 2 };

const printers: VirtualPrinter[] = [];
const workers: PrintWorker[] = [];
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop()));
  await Promise.all(printers.splice(0).map((p) => p.close()));
});

async function printer(faults = {}): Promise<VirtualPrinter> {
  const p = await startVirtualPrinter({ port: 0, faults });
  printers.push(p);
  return p;
}

function routing(kitchen: VirtualPrinter, backup?: VirtualPrinter, failoverAfter = 3): RoutingConfigInput {
  return {
    printers: [
      { id: 'kitchen-printer', name: 'Kitchen', host: kitchen.host, port: kitchen.port, columns: 42 as const },
      ...(backup ? [{ id: 'backup-printer', name: 'Pass', host: backup.host, port: backup.port, columns: 32 as const }] : []),
    ],
    routes: { kitchen: { primary: 'kitchen-printer', backup: backup ? 'backup-printer' : null } },
    failoverAfter,
  };
}

async function worker(store: PrintJobStore, r: RoutingConfigInput, events: PrintEvent[] = [], statusIntervalMs = 0): Promise<PrintWorker> {
  const w = await PrintWorker.start({ store, transport, routing: r, backoff, probeIntervalMs: 50, statusIntervalMs });
  w.subscribe((e) => events.push(e));
  workers.push(w);
  return w;
}

/** A ticket long enough (~700 bytes) that faults can strike in the middle of it. */
function ticket(n: number): LayoutDocument {
  const filler = Array.from({ length: 12 }, (_, i) => ({ kind: 'text' as const, text: `${i + 1} x Entrecôte 300 g à point, frites` }));
  return { kind: 'kitchen', title: `T${n}`, blocks: [{ kind: 'text', text: `TICKET ${n}` }, ...filler, { kind: 'text', text: `END ${n}` }, { kind: 'cut' }] };
}

async function until<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 8000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const allIn = (store: PrintJobStore, states: PrintJob['state'][], count: number) => async () => {
  const jobs = await store.list();
  return jobs.length === count && jobs.every((j) => states.includes(j.state)) ? jobs : false;
};

/** Ticket numbers printed completely, in paper order. */
const completeTickets = (p: VirtualPrinter): string[] =>
  p.documents.filter((d) => d.complete).map((d) => /TICKET (\d+)/.exec(d.text)?.[1] ?? '?');

describe('print worker against the virtual printer', () => {
  it('prints every job once, in order, and ignores a duplicate enqueue', async () => {
    const p = await printer({ slowMs: 5 });
    const store = new MemoryPrintJobStore();
    const w = await worker(store, routing(p));
    for (let n = 1; n <= 5; n++) await w.enqueue({ id: `req-${n}:kitchen`, route: 'kitchen', document: ticket(n) });
    await w.enqueue({ id: 'req-3:kitchen', route: 'kitchen', document: ticket(3) });
    await until('all printed', allIn(store, ['printed'], 5));
    expect(completeTickets(p)).toEqual(['1', '2', '3', '4', '5']);
    expect(p.documents).toHaveLength(5);
  });

  it('printer down at send: retries with backoff, prints each job exactly once when it is back', async () => {
    const p = await printer({ down: true });
    const store = new MemoryPrintJobStore();
    const events: PrintEvent[] = [];
    const w = await worker(store, routing(p), events);
    for (let n = 1; n <= 3; n++) await w.enqueue({ id: `r${n}:kitchen`, route: 'kitchen', document: ticket(n) });
    await until('several failed attempts', async () => ((await store.get('r1:kitchen'))?.attempts ?? 0) >= 3);
    expect((await store.list(['queued'])).map((j) => j.id)).toEqual(['r1:kitchen', 'r2:kitchen', 'r3:kitchen']);
    expect(events.some((e) => e.type === 'printer' && e.health === 'unreachable')).toBe(true);
    await p.setFault({ down: false });
    await until('all printed', allIn(store, ['printed'], 3));
    expect(completeTickets(p)).toEqual(['1', '2', '3']);
    expect(p.documents).toHaveLength(3);
  });

  it('paper out before the job: nothing is sent, the job waits and prints once paper is back', async () => {
    const p = await printer({ paperOut: true });
    const store = new MemoryPrintJobStore();
    const events: PrintEvent[] = [];
    const w = await worker(store, routing(p), events);
    await w.enqueue({ id: 'a:kitchen', route: 'kitchen', document: ticket(1) });
    await until('paper-out reported', () => events.some((e) => e.type === 'printer' && e.health === 'paper-out'));
    expect(p.documents).toHaveLength(0);
    await p.setFault({ paperOut: false });
    await until('printed', allIn(store, ['printed'], 1));
    expect(completeTickets(p)).toEqual(['1']);
  });

  it('paper out mid-job: flagged "may have printed", never resent until a person chooses reprint', async () => {
    const p = await printer({ paperOutAfterBytes: 300 });
    const store = new MemoryPrintJobStore();
    const w = await worker(store, routing(p));
    await w.enqueue({ id: 'a:kitchen', route: 'kitchen', document: ticket(1) });
    await w.enqueue({ id: 'b:kitchen', route: 'kitchen', document: ticket(2) });
    const flagged = await until('a needs attention', async () => {
      const j = await store.get('a:kitchen');
      return j?.state === 'needs-attention' ? j : false;
    });
    expect(flagged.attention?.reason).toBe('printer-problem-after-send');
    expect(flagged.attention?.bytesWritten).toBeGreaterThan(300);
    expect(p.documents[0]).toMatchObject({ complete: false, interrupted: 'paper-out' });
    // b is not sent into an empty printer: it waits (still queued, nothing more on paper).
    await new Promise((r) => setTimeout(r, 150));
    expect((await store.get('b:kitchen'))?.state).toBe('queued');
    expect(p.documents).toHaveLength(1);
    await p.setFault({ paperOut: false });
    await until('b printed', async () => (await store.get('b:kitchen'))?.state === 'printed');
    expect((await store.get('a:kitchen'))?.state).toBe('needs-attention');
    await w.reprint('a:kitchen');
    await until('a reprinted', async () => (await store.get('a:kitchen'))?.state === 'printed');
    expect(completeTickets(p)).toEqual(['2', '1']);
    expect(p.documents.at(-1)!.text).toContain('REPRINT');
  });

  it('connection dropped after N bytes: flagged, not resent automatically; dismiss closes it', async () => {
    const p = await printer({ dropAfterBytes: 200 });
    const store = new MemoryPrintJobStore();
    const w = await worker(store, routing(p));
    await w.enqueue({ id: 'a:kitchen', route: 'kitchen', document: ticket(1) });
    const job = await until('needs attention', async () => {
      const j = await store.get('a:kitchen');
      return j?.state === 'needs-attention' ? j : false;
    });
    expect(['connection-lost-after-send', 'unconfirmed']).toContain(job.attention?.reason);
    await p.setFault({ dropAfterBytes: null });
    await new Promise((r) => setTimeout(r, 200));
    expect(p.documents).toHaveLength(1);
    expect(p.documents[0]).toMatchObject({ complete: false, interrupted: 'dropped' });
    expect((await w.dismiss('a:kitchen')).state).toBe('dismissed');
    await expect(w.dismiss('a:kitchen')).rejects.toMatchObject({ code: 'INVALID_STATE' });
  });

  it('host restart with jobs queued: a new worker over the same store prints them all once', async () => {
    const p = await printer({ down: true });
    const store = new MemoryPrintJobStore();
    const w1 = await worker(store, routing(p));
    for (let n = 1; n <= 4; n++) await w1.enqueue({ id: `r${n}:kitchen`, route: 'kitchen', document: ticket(n) });
    await until('tried', async () => ((await store.get('r1:kitchen'))?.attempts ?? 0) >= 1);
    await w1.stop();
    await p.setFault({ down: false });
    await worker(store, routing(p));
    await until('all printed', allIn(store, ['printed'], 4));
    expect(completeTickets(p)).toEqual(['1', '2', '3', '4']);
  });

  it('host crash mid-send: that job is flagged (unknown), the rest print, none lost', async () => {
    const p = await printer({ slowMs: 20 });
    const disk = new MemoryPrintJobStore();
    // The "process" dies right after it durably marked job 2 as sending: every later call hangs.
    let dead = false;
    const dying: PrintJobStore = {
      insertIfAbsent: (j) => (dead ? new Promise(() => undefined) : disk.insertIfAbsent(j)),
      get: (id) => (dead ? new Promise(() => undefined) : disk.get(id)),
      list: (s) => (dead ? new Promise(() => undefined) : disk.list(s)),
      put: async (j) => {
        if (dead) return new Promise(() => undefined);
        await disk.put(j);
        if (j.id === 'r2:kitchen' && j.state === 'sending') {
          dead = true;
          return new Promise(() => undefined);
        }
      },
    };
    const w1 = await PrintWorker.start({ store: dying, transport, routing: routing(p), backoff });
    for (let n = 1; n <= 4; n++) await w1.enqueue({ id: `r${n}:kitchen`, route: 'kitchen', document: ticket(n) });
    await until('crash', () => dead);
    void w1.stop(); // never resolves: its send is stuck, as in a dead process

    const w2 = await worker(disk, routing(p));
    await until('settled', allIn(disk, ['printed', 'needs-attention'], 4));
    const jobs = await disk.list();
    expect(jobs.map((j) => [j.id, j.state])).toEqual([
      ['r1:kitchen', 'printed'],
      ['r2:kitchen', 'needs-attention'],
      ['r3:kitchen', 'printed'],
      ['r4:kitchen', 'printed'],
    ]);
    expect(jobs[1]!.attention?.reason).toBe('unknown-after-restart');
    await w2.reprint('r2:kitchen');
    await until('r2 printed', async () => (await disk.get('r2:kitchen'))?.state === 'printed');
    expect(completeTickets(p).sort()).toEqual(['1', '2', '3', '4']);
  });

  it('fails over to the backup printer after N failures, says so on the ticket, and fails back', async () => {
    const main = await printer({ down: true });
    const backup = await printer();
    const store = new MemoryPrintJobStore();
    const events: PrintEvent[] = [];
    const w = await worker(store, routing(main, backup, 2), events);
    await w.enqueue({ id: 'a:kitchen', route: 'kitchen', document: ticket(1) });
    await until('printed on backup', async () => (await store.get('a:kitchen'))?.state === 'printed');
    expect((await store.get('a:kitchen'))?.printerId).toBe('backup-printer');
    expect(backup.documents[0]!.text).toContain('RE-ROUTED FROM Kitchen');
    expect(events).toContainEqual({ type: 'route', route: 'kitchen', printerId: 'backup-printer', reroutedFrom: 'kitchen-printer' });
    await main.setFault({ down: false });
    await until('route back', () => events.some((e) => e.type === 'route' && e.printerId === 'kitchen-printer' && e.reroutedFrom === null));
    await w.enqueue({ id: 'b:kitchen', route: 'kitchen', document: ticket(2) });
    await until('b printed', async () => (await store.get('b:kitchen'))?.state === 'printed');
    expect(completeTickets(main)).toEqual(['2']);
    expect(main.documents[0]!.text).not.toContain('RE-ROUTED');
  });

  it('rejects a job for a route without a printer with a clear error', async () => {
    const p = await printer();
    const w = await worker(new MemoryPrintJobStore(), routing(p));
    await expect(w.enqueue({ id: 'x:pastry', route: 'pastry', document: ticket(1) })).rejects.toThrow(/no printer is assigned to "pastry"/);
  });
});

describe('printers without status support', () => {
  it('a silent printer is never sent to blind unless configured so; then accepted bytes count as printed', async () => {
    const p = await printer({ silent: true });
    const store = new MemoryPrintJobStore();
    const r = routing(p);
    const w = await worker(store, r);
    await w.enqueue({ id: 'a:kitchen', route: 'kitchen', document: ticket(1) });
    const waiting = await until('retrying', async () => {
      const j = await store.get('a:kitchen');
      return j && j.attempts >= 2 ? j : false;
    }, 10_000);
    expect(waiting).toMatchObject({ state: 'queued', lastError: expect.stringMatching(/no status answer/) });
    expect(p.documents).toHaveLength(0);
    w.setRouting({ ...r, printers: r.printers.map((x) => ({ ...x, statusQueries: false })) });
    await w.retryNow();
    await until('printed', async () => (await store.get('a:kitchen'))?.state === 'printed');
    expect(completeTickets(await p.waitForDocuments(1).then(() => p))).toEqual(['1']);
  });
});

describe('a person cancels a waiting job', () => {
  it('dismisses it without sending it, prints the rest, and refuses once it printed', async () => {
    const p = await printer({ down: true });
    const store = new MemoryPrintJobStore();
    const w = await worker(store, routing(p));
    await w.enqueue({ id: 'a:kitchen', route: 'kitchen', document: ticket(1) });
    await w.enqueue({ id: 'b:kitchen', route: 'kitchen', document: ticket(2) });
    await until('first attempt failed', async () => (await store.get('a:kitchen'))?.lastError);
    await expect(w.cancel('a:kitchen')).resolves.toMatchObject({ state: 'dismissed', lastError: 'cancelled: not to be printed' });
    await p.setFault({ down: false });
    await w.retryNow();
    await until('second ticket printed', async () => (await store.get('b:kitchen'))?.state === 'printed');
    expect(completeTickets(p)).toEqual(['2']);
    await expect(w.cancel('b:kitchen')).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await expect(w.cancel('nope:kitchen')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('jobs that expire', () => {
  it('dismisses a job not sent before it expired, and prints what follows it', async () => {
    const p = await printer({ down: true });
    const store = new MemoryPrintJobStore();
    const w = await worker(store, routing(p));
    const drawer: LayoutDocument = { kind: 'receipt', title: 'Cash drawer', blocks: [{ kind: 'drawer' }] };
    await w.enqueue({ id: 'drawer:1', route: 'kitchen', document: drawer, expiresAt: Date.now() + 150 });
    await w.enqueue({ id: 'a:kitchen', route: 'kitchen', document: ticket(1) });
    await new Promise((r) => setTimeout(r, 300));
    // The printer comes back after the kick's deadline: the ticket prints, the drawer does not open.
    await p.setFault({ down: false });
    await until('ticket printed', async () => (await store.get('a:kitchen'))?.state === 'printed');
    expect(await store.get('drawer:1')).toMatchObject({ state: 'dismissed', lastError: 'expired before it could be sent' });
    expect(completeTickets(p)).toEqual(['1']);
    expect(p.stats.drawerKicks).toBe(0);
  });
});

describe('store failures', () => {
  it('reports a failing store and resumes printing once it works again', async () => {
    const p = await printer();
    const disk = new MemoryPrintJobStore();
    let failures = 0;
    const flaky: PrintJobStore = {
      insertIfAbsent: (j) => disk.insertIfAbsent(j),
      put: (j) => disk.put(j),
      get: (id) => (failures-- > 0 ? Promise.reject(new Error('database is closed')) : disk.get(id)),
      list: (s) => (s && failures-- > 0 ? Promise.reject(new Error('database is closed')) : disk.list(s)),
    };
    const events: PrintEvent[] = [];
    const w = await worker(flaky, routing(p), events);
    // The store breaks once the worker runs (two reads fail).
    failures = 2;
    await w.enqueue({ id: 'a:kitchen', route: 'kitchen', document: ticket(1) });
    await until('printed', async () => (await disk.get('a:kitchen'))?.state === 'printed');
    expect(events).toContainEqual({ type: 'store-error', message: 'database is closed' });
    expect(completeTickets(p)).toEqual(['1']);
  });
});

describe('printer status for the UI', () => {
  it('reports problems of an idle printer as they happen, once per change', async () => {
    const p = await printer();
    const events: PrintEvent[] = [];
    const w = await worker(new MemoryPrintJobStore(), routing(p), events, 30);
    await until('online', () => w.printerHealth().get('kitchen-printer') === 'online');
    await p.setFault({ coverOpen: true });
    await until('cover open', () => w.printerHealth().get('kitchen-printer') === 'cover-open');
    await p.setFault({ coverOpen: false, down: true });
    await until('unreachable', () => w.printerHealth().get('kitchen-printer') === 'unreachable');
    const healths = events.flatMap((e) => (e.type === 'printer' ? [e.health] : []));
    expect(healths).toEqual(['online', 'cover-open', 'unreachable']);
    await p.setFault({ down: false });
    await expect(w.checkPrinter('kitchen-printer')).resolves.toMatchObject({ online: true, coverOpen: false });
    expect(w.printerHealth().get('kitchen-printer')).toBe('online');
  });
});

describe('direct printer routes', () => {
  it('prints a test page on a named printer with "printer:<id>"', async () => {
    const p = await printer();
    const store = new MemoryPrintJobStore();
    const w = await worker(store, routing(p));
    const { testPageLayout } = await import('../layout/documents/test-page');
    const doc = testPageLayout({ printerName: 'Kitchen', host: p.host, port: p.port, columns: 42, printedAt: 'now' });
    await w.enqueue({ id: 'test-page-1', route: 'printer:kitchen-printer', document: doc });
    const [printed] = await p.waitForDocuments(1);
    expect(printed!.text).toContain('TEST PAGE');
    expect(printed!.text).toContain('Ελληνικά: Γύρος πίτα');
    expect(printed!.text).toContain('Türkçe: Şiş kebap, ğüşıöç İ');
    await expect(w.enqueue({ id: 'x', route: 'printer:nope', document: doc })).rejects.toMatchObject({ code: 'NO_PRINTER' });
  });
});
