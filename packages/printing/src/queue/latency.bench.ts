import { afterAll, beforeAll, bench, describe } from 'vitest';
import { kitchenTicketLayout } from '../layout/documents/kitchen-ticket';
import { tcpTransport } from '../transport';
import { startVirtualPrinter, type VirtualPrinter } from '../virtual-printer';
import { branch, grillTicket } from '../testing/fixtures';
import { MemoryPrintJobStore } from './memory-store';
import { PrintWorker } from './worker';

let printer: VirtualPrinter;
let worker: PrintWorker;
let n = 0;
const samples: number[] = [];
const document = kitchenTicketLayout({ ticket: grillTicket, stationName: 'Grill', timeZone: branch.timeZone });

beforeAll(async () => {
  printer = await startVirtualPrinter({ port: 0 });
  worker = await PrintWorker.start({
    store: new MemoryPrintJobStore(),
    transport: tcpTransport(),
    routing: {
      printers: [{ id: 'grill', name: 'Grill', host: printer.host, port: printer.port, columns: 42 }],
      routes: { grill: { primary: 'grill' } },
    },
  });
});

afterAll(async () => {
  await worker.stop();
  await printer.close();
  const sorted = samples.sort((a, b) => a - b);
  const pct = (p: number): string => (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN).toFixed(2);
  console.log(`send to kitchen → last byte at the printer over ${sorted.length} jobs: p50 ${pct(50)} ms, p99 ${pct(99)} ms (goal p99 ≤ 50 ms)`);
});

describe('send to kitchen → last byte at the virtual printer (goal p99 ≤ 50 ms)', () => {
  bench(
    'enqueue a kitchen ticket and wait for it on paper',
    async () => {
      const started = performance.now();
      const printed = new Promise<number>((resolve) => {
        const off = printer.onDocument((d) => {
          off();
          resolve(d.printedAt);
        });
      });
      await worker.enqueue({ id: `bench-${++n}:grill`, route: 'grill', document });
      samples.push((await printed) - started);
    },
    { time: 2000 },
  );
});
