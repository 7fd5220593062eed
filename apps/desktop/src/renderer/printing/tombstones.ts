import type { RxCollection } from 'rxdb';
import { DEXIE_DELETED, dexieIndex } from '../data/dexie-index.js';

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
  const found = await dexieIndex(collection, [collection.schema.primaryPath]);
  if (!found) {
    if (collection.database.storage.name !== 'dexie') await collection.storageInstance.cleanup(0);
    return 0;
  }
  const { db, table, index } = found;
  return db.transaction('rw', table, async () => {
    const keys = await table.where(index).between([DEXIE_DELETED, ''], [DEXIE_DELETED, []], true, true).limit(limit).primaryKeys();
    if (keys.length > 0) await table.bulkDelete(keys);
    return keys.length;
  });
}
