import type { RxCollection } from 'rxdb';

/** The part of RxDB's Dexie storage instance used here (RxDB 17). */
interface DexieTombstoneInternals {
  booleanIndexes: string[];
  dexieDb: { transaction<T>(mode: 'rw', table: unknown, work: () => Promise<T>): Promise<T> };
  dexieTable: {
    schema: { idxByName: Record<string, unknown> };
    where(index: string): {
      between(lower: unknown[], upper: unknown[], includeLower: boolean, includeUpper: boolean): { limit(n: number): { primaryKeys(): Promise<string[]> } };
    };
    bulkDelete(keys: string[]): Promise<void>;
  };
}

function isDexieTombstoneInternals(value: unknown): value is DexieTombstoneInternals {
  const v = value as Partial<DexieTombstoneInternals> | null;
  return (
    Array.isArray(v?.booleanIndexes) &&
    typeof v.dexieDb?.transaction === 'function' &&
    typeof v.dexieTable?.where === 'function' &&
    typeof v.dexieTable.bulkDelete === 'function' &&
    typeof v.dexieTable.schema?.idxByName === 'object'
  );
}

/**
 * Physically removes up to `limit` deleted documents ("tombstones") of a collection that is not
 * replicated; returns how many it removed.
 *
 * RxDB's `remove()` keeps the whole document with `_deleted: true` until a cleanup runs, so
 * deleting alone frees nothing. RxDB's cleanup plugin is free, but it starts for every collection
 * of the database once added, and its Dexie implementation reads every document (live ones too)
 * whose last write is older than the cut-off in one transaction: months of print jobs at once.
 * This does the same delete through the `[_deleted+id]` index RxDB's Dexie storage keeps, reading
 * only tombstones and at most `limit` of them per transaction. Tombstones matter to replication
 * only, so this is for local-only collections (such as `printJobs`) alone.
 *
 * On another storage it uses the storage's own `cleanup(0)`. On a Dexie storage laid out otherwise
 * (a new RxDB) it purges nothing rather than fall back to the Dexie cleanup above: the pruning
 * tests, which count stored rows, fail then.
 */
export async function purgeTombstones<T>(collection: RxCollection<T>, limit: number): Promise<number> {
  const instance = (collection as unknown as { internalStorageInstance?: { internals?: unknown } }).internalStorageInstance;
  const internals: unknown = await instance?.internals;
  const index = `[_deleted+${collection.schema.primaryPath}]`;
  if (!isDexieTombstoneInternals(internals) || !(index in internals.dexieTable.schema.idxByName) || !internals.booleanIndexes.includes('_deleted')) {
    if (collection.database.storage.name !== 'dexie') await collection.storageInstance.cleanup(0);
    return 0;
  }
  const { dexieDb, dexieTable } = internals;
  // RxDB's Dexie storage stores `_deleted` as '1' / '0' so that it can be indexed.
  return dexieDb.transaction('rw', dexieTable, async () => {
    const keys = await dexieTable.where(index).between(['1', ''], ['1', []], true, true).limit(limit).primaryKeys();
    if (keys.length > 0) await dexieTable.bulkDelete(keys);
    return keys.length;
  });
}
