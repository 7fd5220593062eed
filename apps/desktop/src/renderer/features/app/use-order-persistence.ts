import { useStore } from 'zustand';
import type { OrderPersistenceView } from '@comanda/ui';
import type { PrintJobView, SyncStatus } from '../../till-ports';
import { orderPersistence } from './order-persistence';
import { useTill } from './till-context';
import { usePort } from './use-port';

const OFFLINE: SyncStatus = { online: false, paired: false, unsyncedOrderIds: [], pendingCount: 0, lastSyncAt: null, error: null };

export interface OrderPersistence {
  status: OrderPersistenceView;
  /** Jobs of this order that failed or may have printed: a person decides to retry them. */
  problemJobs: PrintJobView[];
}

/** Saved / synced / printed of the order on screen, kept live from the ports. */
export function useOrderPersistence(): OrderPersistence {
  const { ports, order: store } = useTill();
  const order = useStore(store, (s) => s.order);
  const saveState = useStore(store, (s) => s.saveState);
  const sync = usePort<SyncStatus>(ports.sync.subscribe, OFFLINE);
  const orderId = order?.id ?? null;
  const jobs = usePort<PrintJobView[]>(
    (listener) => (orderId ? ports.printing.subscribeOrderJobs(orderId, listener) : () => undefined),
    [],
    orderId,
  );
  return {
    status: orderPersistence(order, saveState, sync, jobs, ports.device.tillId),
    problemJobs: jobs.filter((j) => j.state === 'failed' || j.state === 'may-have-printed'),
  };
}
