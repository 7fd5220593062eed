import { orderDocSchema } from '@comanda/core';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { openTillDatabase, type TillDatabase } from '../../data/database.js';
import { DocumentRepository } from '../../data/repository.js';
import type { TillPorts } from '../../till-ports/index.js';
import type { TillRuntime } from '../../runtime/runtime.js';
import { monotonicClock } from '../../runtime/clock.js';
import { createRxTillPorts } from '../rx-till-ports.js';

/**
 * Opens the till's RxDB over fake IndexedDB. Pass the same `indexedDB` again to reopen the same
 * data, as an app restart would; a fresh one (the default) starts empty.
 */
export function openFakeTillDatabase(name: string, indexedDB: IDBFactory = new IDBFactory()): Promise<TillDatabase> {
  return openTillDatabase({ name, indexedDB, IDBKeyRange });
}

/**
 * The RxDB-backed ports over `db`, with only what the ports read from the runtime: a paired
 * till-1 (code `tillCode`) of branch-1, a monotonic clock and no printing.
 */
export function createMinimalRxPorts(db: TillDatabase, tillCode = 'A'): TillPorts {
  const runtime = {
    db,
    orders: new DocumentRepository(db.orders, orderDocSchema, 'order'),
    clock: monotonicClock(),
    tillId: 'till-1',
    settings: () => ({ tillCode }),
    branchId: () => 'branch-1',
    mode: () => 'paired',
    printing: Promise.resolve(null),
  } as unknown as TillRuntime;
  return createRxTillPorts(runtime);
}
