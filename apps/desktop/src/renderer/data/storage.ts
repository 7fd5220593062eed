import type { RxStorage } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';

/**
 * Collections whose writes must survive a power cut: business events (orders with their payments,
 * shifts, the audit log) and the print outbox. Chromium's IndexedDB defaults to relaxed durability,
 * which may lose the last seconds of commits; strict makes a commit wait for the disk flush.
 */
export const STRICT_COLLECTIONS: ReadonlySet<string> = new Set(['orders', 'shifts', 'auditEvents', 'printJobs', 'settings']);

export interface TillStorageOptions {
  /** Injected in tests (fake-indexeddb); the browser's globals otherwise. */
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
}

/**
 * RxDB's Dexie storage keeps one Dexie database per collection and passes its settings straight
 * to the Dexie constructor, so durability is chosen per collection by routing each collection to
 * a strict or a default-durability storage.
 */
export function createTillStorage(options: TillStorageOptions = {}): RxStorage<unknown, unknown> {
  const dexieOptions = {
    ...(options.indexedDB ? { indexedDB: options.indexedDB } : {}),
    ...(options.IDBKeyRange ? { IDBKeyRange: options.IDBKeyRange } : {}),
  };
  const strict = getRxStorageDexie({ ...dexieOptions, chromeTransactionDurability: 'strict' });
  const relaxed = getRxStorageDexie(dexieOptions);
  return {
    name: strict.name,
    rxdbVersion: strict.rxdbVersion,
    createStorageInstance(params) {
      const target = STRICT_COLLECTIONS.has(params.collectionName) ? strict : relaxed;
      return target.createStorageInstance(params as Parameters<typeof target.createStorageInstance>[0]);
    },
  } as RxStorage<unknown, unknown>;
}
