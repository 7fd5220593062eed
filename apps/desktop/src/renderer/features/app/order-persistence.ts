import { printRequestTargets, printsOnTill } from '@comanda/core/orders';
import type { OrderPersistenceView } from '@comanda/ui';
import type { Order, PrintJobView, SyncStatus } from '../../till-ports';
import type { SaveState } from '../order-entry/order-store';

/**
 * Saved / synced / printed of the current order, from the save queue, the replication status and
 * the print jobs materialized from its print requests.
 */
export function orderPersistence(
  order: Order | null,
  saveState: SaveState,
  sync: SyncStatus,
  jobs: readonly PrintJobView[],
  /** This till: requests another till recorded print there, not here (`printsOnTill`). */
  tillId?: string,
): OrderPersistenceView {
  const saved = saveState === 'idle' ? (order ? 'saved' : 'unsaved') : saveState;
  // Not paired: nothing reaches a server, so nothing is synced.
  const synced = order !== null && saved === 'saved' && sync.paired && !sync.unsyncedOrderIds.includes(order.id);
  let printed: OrderPersistenceView['printed'] = 'none';
  // Every job a print request should produce (deterministic ids, see TEAM.md print outbox).
  const mine = order ? order.printRequests.filter((r) => tillId === undefined || printsOnTill(order, r, tillId)) : [];
  const expected = mine.flatMap((r) => printRequestTargets(r).map((t) => `${r.id}:${t}`));
  if (expected.length > 0) {
    const byId = new Map(jobs.map((j) => [j.id, j]));
    const states = expected.map((id) => byId.get(id)?.state ?? 'queued');
    if (states.includes('failed')) printed = 'failed';
    else if (states.includes('may-have-printed')) printed = 'may-have-printed';
    else if (states.every((s) => s === 'printed')) printed = 'printed';
    else printed = 'printing';
  }
  return { saved, synced, printed };
}
