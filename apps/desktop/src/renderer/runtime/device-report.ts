import type { DeviceHeartbeat } from '@comanda/core/sync';
import { HEALTH_VIEW } from '../printing/queue-ports.js';
import type { TillPrinting } from '../printing/till-printing.js';
import type { SyncStatusTracker } from '../sync/sync-status.js';

/** Jobs not printed and not dismissed: what the print queue still holds. */
const OPEN_JOB_STATES = ['queued', 'sending', 'needs-attention'] as const;

/**
 * What this till reports about itself in its heartbeat: unsynced orders as the status bar counts
 * them, the print queue's open jobs, each routed printer's last known state, the app version.
 */
export async function readDeviceReport(
  tracker: SyncStatusTracker,
  printing: TillPrinting | null,
  appVersion: string,
): Promise<DeviceHeartbeat> {
  const health = printing?.worker.printerHealth();
  return {
    unsyncedOrders: tracker.current.unsyncedOrderCount ?? tracker.current.unsyncedOrderIds.length,
    printQueue: printing ? (await printing.store.list([...OPEN_JOB_STATES])).length : 0,
    printers: (printing?.routing().printers ?? []).slice(0, 50).map((p) => {
      const h = health?.get(p.id);
      return { id: p.id, name: p.name.slice(0, 200), state: h ? (HEALTH_VIEW[h] ?? 'unknown') : 'unknown' };
    }),
    appVersion: /^[0-9A-Za-z.+-]{1,40}$/.test(appVersion) ? appVersion : 'unknown',
  };
}
