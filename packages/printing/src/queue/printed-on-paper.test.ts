import { afterEach, describe, expect, it } from 'vitest';
import type { LayoutDocument } from '../layout/model';
import { tcpTransport } from '../transport';
import { startVirtualPrinter, type VirtualPrinter, type VirtualPrinterFaults } from '../virtual-printer';
import { MemoryPrintJobStore } from './memory-store';
import type { PrintJob } from './types';
import { PrintWorker } from './worker';

// "Printed" must mean on paper: the virtual printer answers DLE EOT the moment it arrives (as
// real printers do) but prints its buffer at a finite speed, and these faults strike *after*
// that status answer, while the ticket is still in the buffer.

let p: VirtualPrinter | null = null;
let w: PrintWorker | null = null;
afterEach(async () => {
  await w?.stop();
  await p?.close();
  w = p = null;
});

/** ~800 bytes: long enough for a fault to strike in the middle. */
const ticket: LayoutDocument = {
  kind: 'kitchen',
  title: 'T1',
  blocks: [
    { kind: 'text', text: 'TICKET 1' },
    ...Array.from({ length: 14 }, (_, i) => ({ kind: 'text' as const, text: `${i + 1} x Entrecôte 300 g à point, frites maison` })),
    { kind: 'text', text: 'END 1' },
    { kind: 'cut' },
  ],
};

async function printOne(faults: Partial<VirtualPrinterFaults>): Promise<PrintJob> {
  p = await startVirtualPrinter({ port: 0, faults });
  const store = new MemoryPrintJobStore();
  w = await PrintWorker.start({
    store,
    transport: tcpTransport({ connectMs: 2000, writeMs: 3000, statusMs: 1000, printMs: 3000, pollMs: 50 }),
    statusIntervalMs: 0,
    backoff: { initialMs: 20, maxMs: 50 },
    routing: { printers: [{ id: 'k', name: 'Kitchen', host: p.host, port: p.port, columns: 48 }], routes: { kitchen: { primary: 'k' } } },
  });
  await w.enqueue({ id: 'a:kitchen', route: 'kitchen', document: ticket });
  for (let i = 0; i < 400; i++) {
    const job = await store.get('a:kitchen');
    if (job && (job.state === 'printed' || job.state === 'needs-attention')) return job;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('the job never settled');
}

describe('a job is printed only once the printer has processed it (GS ( H)', () => {
  it('paper runs out mid-ticket after the status answer: may have printed, never printed', async () => {
    const job = await printOne({ paperOutAfterBytes: 400 });
    expect(job.state).toBe('needs-attention');
    expect(job.attention?.reason).toBe('printer-problem-after-send');
    expect(p!.documents[0]).toMatchObject({ complete: false, interrupted: 'paper-out' });
  });

  it('the cover is opened mid-ticket after the status answer: may have printed, never printed', async () => {
    const job = await printOne({ coverOpenAfterBytes: 400 });
    expect(job.state).toBe('needs-attention');
    expect(job.attention?.reason).toBe('printer-problem-after-send');
    expect(p!.documents[0]).toMatchObject({ complete: false, interrupted: 'cover-open' });
  });

  it('the connection drops at byte 400 after the status answer (no cut): may have printed, never printed', async () => {
    const job = await printOne({ dropAfterBytes: 400 });
    expect(job.state).toBe('needs-attention');
    expect(job.attention?.reason).toBe('connection-lost-after-send');
    expect(p!.documents[0]).toMatchObject({ complete: false, interrupted: 'dropped' });
    expect(p!.documents[0]!.text).not.toContain('[CUT');
  });

  it('a slow printer: the job is printed only after its last line came out', async () => {
    const job = await printOne({ bytesPerSecond: 4000 }); // ~200 ms for the ticket
    expect(job.state).toBe('printed');
    const [doc] = p!.documents;
    expect(doc).toMatchObject({ complete: true });
    expect(doc!.text).toContain('END 1');
    expect(p!.stats.processIds).toBeGreaterThanOrEqual(2); // the probe, then the job's
  });

  it('a printer that never answers GS ( H falls back to the status answer (faults while printing are not seen)', async () => {
    const ok = await printOne({ noProcessId: true });
    expect(ok.state).toBe('printed');
    await w!.stop();
    await p!.close();
    // The documented risk of the fallback: paper out after the status answer still counts as printed.
    const blind = await printOne({ noProcessId: true, paperOutAfterBytes: 400, bytesPerSecond: 20_000 });
    expect(blind.state).toBe('printed');
    expect((await p!.waitForDocuments(1))[0]).toMatchObject({ complete: false, interrupted: 'paper-out' });
  });
});
