// A device of the latency benches: its own IndexedDB (fake-indexeddb) with the orders collection,
// and the till's real replication of it with `url`, its sync client timed by `trace`.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { TILL_COLLECTIONS } from '../src/renderer/data/collections.js';
import { openTillDatabase, type TillDatabase } from '../src/renderer/data/database.js';
import { DeviceTokenSource, type DeviceCredentials } from '../src/renderer/sync/device-auth.js';
import { startTillReplication, type TillReplication } from '../src/renderer/sync/replication.js';
import { createPublicSyncClient, createSyncClient } from '../src/renderer/sync/sync-client.js';
import type { HopTrace } from './hop-trace.js';

export interface BenchDevice {
  name: string;
  db: TillDatabase;
  replication: TillReplication;
}

/** Opens the device's store and starts replicating (BENCH_DEBUG=1 logs replication errors). */
export async function openBenchDevice(name: string, url: string, credential: DeviceCredentials, trace: HopTrace): Promise<BenchDevice> {
  const db = await openTillDatabase({
    name,
    indexedDB: new IDBFactory(),
    IDBKeyRange,
    collections: { orders: TILL_COLLECTIONS.orders, syncAcks: TILL_COLLECTIONS.syncAcks },
  });
  const tokens = new DeviceTokenSource(createPublicSyncClient(url), credential);
  const replication = startTillReplication({
    db,
    client: trace.wrap(name, createSyncClient(url, () => tokens.get())),
    identity: name,
    collections: ['orders'],
    events: {
      onSuccess: () => undefined,
      onError: (_c, e) => {
        if (process.env.BENCH_DEBUG) console.error(name, e.message);
      },
      onInitialSync: () => undefined,
      onPulled: () => undefined,
    },
  });
  return { name, db, replication };
}

/** Stops replicating and closes the store. */
export async function closeBenchDevice(device: BenchDevice): Promise<void> {
  await device.replication.stop();
  await device.db.close();
}
