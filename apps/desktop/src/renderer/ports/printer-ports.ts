import type { RxCollection } from 'rxdb';
import { map } from 'rxjs';
import { PortError, type PrinterStatusView, type PrintJobView, type TillPorts } from '../features/ports.js';
import type { TillRuntime } from '../shell/runtime.js';
import { listen } from './observe.js';

/** ESC p 0: pulse the drawer kick connector of the receipt printer. */
const DRAWER_KICK = btoa(String.fromCharCode(0x1b, 0x70, 0x00, 0x19, 0xfa));
const STATUS_INTERVAL_MS = 10_000;

/** Printer status (polled through the host), drawer kicks and the print jobs of an order. */
export function createPrinterPorts(runtime: TillRuntime, jobs: RxCollection<PrintJobView & Record<string, unknown>>): TillPorts['printing'] {
  const { host } = runtime;

  async function receiptPrinterId(): Promise<string> {
    const printers = await host['printers.list']({});
    const receipt = printers.find((p) => p.stations.includes('receipt')) ?? printers[0];
    if (!receipt) throw new PortError('host-unavailable', 'No receipt printer is configured on this till');
    return receipt.id;
  }

  return {
    subscribeOrderJobs: (orderId, listener) =>
      listen(jobs.find({ selector: { orderId } }).$.pipe(map((docs) => docs.map((d) => d.toJSON() as PrintJobView))), listener),
    subscribePrinters(listener) {
      let stopped = false;
      async function poll(): Promise<void> {
        try {
          const printers = await host['printers.list']({});
          const views: PrinterStatusView[] = await Promise.all(
            printers.map(async (p) => {
              const s = await host['printers.status']({ printerId: p.id });
              const state: PrinterStatusView['state'] = !s.reachable ? 'offline' : s.paperOut ? 'paper-out' : s.coverOpen ? 'cover-open' : s.online ? 'online' : 'error';
              return { printerId: p.id, name: p.name, state, message: s.error, checkedAt: s.checkedAt };
            }),
          );
          if (!stopped) listener(views);
        } catch {
          if (!stopped) listener([]);
        }
        if (!stopped) setTimeout(() => void poll(), STATUS_INTERVAL_MS);
      }
      void poll();
      return () => {
        stopped = true;
      };
    },
    async retryJob(jobId) {
      const doc = await jobs.findOne(jobId).exec();
      if (!doc) throw new PortError('not-found', `No print job ${jobId}`);
      await doc.incrementalPatch({ state: 'queued', error: null, nextAttemptAt: 0 } as never);
    },
    async openCashDrawer() {
      try {
        await host['printers.submit']({ printerId: await receiptPrinterId(), jobId: `drawer:${Date.now()}`, bytesBase64: DRAWER_KICK });
      } catch (error) {
        if (error instanceof PortError) throw error;
        throw new PortError('host-unavailable', (error as Error).message);
      }
    },
    printReport() {
      // Report layouts come from @comanda/printing; until its queue is wired here, say so.
      return Promise.reject(new PortError('host-unavailable', 'Report printing is not wired on this till yet'));
    },
  };
}
