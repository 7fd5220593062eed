/**
 * The till's send path against the package's direct path, side by side, in one run:
 *   direct: PrintWorker → tcpTransport → virtual printer
 *   till:   PrintWorker → remoteTransport → hostPrinterApi → HTTP → Node host (in-process) → virtual printer
 * Both use the same in-memory job store, so the difference is the host hop. Prints p50/p99 of
 * "enqueued → last line on paper" for single tickets and a 200-ticket burst, and the time from
 * a printer back online to its first waiting ticket on paper.
 *
 * Run: pnpm --filter @comanda/printing bench   (or: pnpm exec tsx bench/send-path.ts [singles])
 */
import { mkdtemp } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { kitchenTicketLayout } from '../src/layout/documents/kitchen-ticket';
import { MemoryPrintJobStore, PrintWorker, remoteTransport, type PrintJob } from '../src/queue';
import { branch, grillTicket } from '../src/testing/fixtures';
import { tcpTransport } from '../src/transport';
import { startVirtualPrinter, type VirtualPrinter } from '../src/virtual-printer';
// The till's own host and client, imported by path: a package does not depend on the app, but
// this bench measures the app's real path (HTTP, contract validation, log, the host's transport).
import { startNodeHost } from '../../../apps/desktop/src/host/node/node-host';
import { createHostService } from '../../../apps/desktop/src/host/service/host-service';
import { createHttpHostClient } from '../../../apps/desktop/src/renderer/host/host-client';
import { hostPrinterApi } from '../../../apps/desktop/src/renderer/printing/host-printer-api';

const SINGLES = Number(process.argv[2] ?? 200);
const BURST = 200;
const document = kitchenTicketLayout({ ticket: grillTicket, stationName: 'Grill', timeZone: branch.timeZone });

type Path = 'direct' | 'till';
interface Rig {
  printer: VirtualPrinter;
  worker: PrintWorker;
  store: MemoryPrintJobStore;
  stop(): Promise<void>;
}

async function rig(path: Path): Promise<Rig> {
  const printer = await startVirtualPrinter({ port: 0 });
  const routing = { printers: [{ id: 'grill', name: 'Grill', host: printer.host, port: printer.port, columns: 42 as const }], routes: { grill: { primary: 'grill' } } };
  const store = new MemoryPrintJobStore();
  const stops: (() => Promise<unknown>)[] = [];
  let transport = tcpTransport();
  if (path === 'till') {
    const dir = await mkdtemp(join(tmpdir(), 'comanda-bench-'));
    const host = await startNodeHost({ service: createHostService({ dataDir: join(dir, 'data'), host: 'node', version: 'bench' }), staticDir: dir });
    stops.push(() => host.close());
    // Node's fetch sends no Origin header; the browser would send the page's own.
    const withOrigin: typeof fetch = (url, init) => fetch(url, { ...init, headers: { ...(init?.headers as Record<string, string>), origin: host.origin } });
    const client = createHttpHostClient(host.origin, host.secret, withOrigin);
    transport = remoteTransport(hostPrinterApi(client, () => ({ host: printer.host, port: printer.port })));
  }
  const worker = await PrintWorker.start({ store, transport, routing, backoff: { initialMs: 1000 } });
  return {
    printer,
    worker,
    store,
    async stop() {
      await worker.stop();
      for (const s of stops) await s();
      await printer.close();
    },
  };
}

let seq = 0;
/** Enqueues `n` tickets at once; resolves with each one's enqueue → on-paper time (ms). */
async function print(r: Rig, n: number): Promise<number[]> {
  const started = new Map<string, number>();
  const done: number[] = [];
  return new Promise<number[]>((resolve) => {
    const off = r.printer.onDocument((d) => {
      const id = /TICKET-ID (\S+)/.exec(d.text)?.[1];
      const t0 = id ? started.get(id) : undefined;
      if (t0 === undefined) return;
      done.push(d.printedAt - t0);
      if (done.length === n) {
        off();
        resolve(done);
      }
    });
    for (let i = 0; i < n; i++) {
      const id = `b${++seq}`;
      started.set(id, performance.now());
      void r.worker.enqueue({ id: `${id}:grill`, route: 'grill', document: { ...document, blocks: [{ kind: 'text', text: `TICKET-ID ${id}` }, ...document.blocks] } });
    }
  });
}

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
};

/** Paper out, tickets waiting (backoff under way), paper back: how long until the first is on paper. */
async function recovery(r: Rig): Promise<number> {
  await r.printer.setFault({ paperOut: true });
  const first = print(r, 3);
  const waiting = async (): Promise<boolean> => (await r.store.list(['queued'])).some((j: PrintJob) => j.lastError !== null);
  while (!(await waiting())) await new Promise((res) => setTimeout(res, 5));
  await new Promise((res) => setTimeout(res, 2500)); // let the backoff grow past the next check
  const back = performance.now();
  const onPaper = new Promise<number>((res) => {
    const off = r.printer.onDocument((d) => {
      off();
      res(d.printedAt - back);
    });
  });
  await r.printer.setFault({ paperOut: false });
  const ms = await onPaper;
  await first;
  return ms;
}

// Both paths run side by side and take turns, so load from other work on the machine hits both alike.
const rigs = { direct: await rig('direct'), till: await rig('till') };
const results: Record<Path, { single: number[]; burst: number[]; burstMs: number; recoveryMs: number }> = {
  direct: { single: [], burst: [], burstMs: 0, recoveryMs: 0 },
  till: { single: [], burst: [], burstMs: 0, recoveryMs: 0 },
};
const paths = ['direct', 'till'] as const;
for (const path of paths) await print(rigs[path], 20); // warm-up: JIT, the printer's confirmation probe
for (let i = 0; i < SINGLES; i++) for (const path of paths) results[path].single.push(...(await print(rigs[path], 1)));
for (const path of paths) {
  const t0 = performance.now();
  results[path].burst = await print(rigs[path], BURST);
  results[path].burstMs = performance.now() - t0;
}
for (const path of paths) results[path].recoveryMs = await recovery(rigs[path]);
for (const path of paths) await rigs[path].stop();

const f = (n: number): string => n.toFixed(1).padStart(8);
const row = (label: string, d: number, t: number, unit = 'ms'): string => `${label.padEnd(38)}${f(d)}${f(t)}  ${unit}   ×${(t / d).toFixed(2)}`;
const { direct: d, till: t } = results;
console.log(`\nsend path: enqueue → last line on paper (virtual printer at 200 kB/s), ${SINGLES} single tickets, burst of ${BURST}`);
console.log(`${''.padEnd(38)}${'direct'.padStart(8)}${'till'.padStart(8)}`);
console.log(row('single ticket p50', pct(d.single, 50), pct(t.single, 50)));
console.log(row('single ticket p99', pct(d.single, 99), pct(t.single, 99)));
console.log(row(`burst of ${BURST}: p50 per ticket`, pct(d.burst, 50), pct(t.burst, 50)));
console.log(row(`burst of ${BURST}: p99 per ticket`, pct(d.burst, 99), pct(t.burst, 99)));
console.log(row(`burst of ${BURST}: tickets per second`, (1000 * BURST) / d.burstMs, (1000 * BURST) / t.burstMs, 'tickets/s'));
console.log(row('printer back → first waiting ticket', d.recoveryMs, t.recoveryMs));
const met = pct(t.single, 99) <= 1.5 * pct(d.single, 99) && pct(t.single, 99) <= 50;
console.log(`goal (single tickets): till p99 ≤ 1.5 × direct p99 and ≤ 50 ms → ${met ? 'met' : 'NOT met'} (load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores)`);
process.exit(0);
