import type { RxCollection } from 'rxdb';

/** A range of a Dexie index, as much of Dexie's `Collection` as is used below RxDB. */
interface DexieRange {
  last(): Promise<Record<string, unknown> | undefined>;
  limit(n: number): { primaryKeys(): Promise<string[]> };
}

/** The part of RxDB's Dexie storage instance (RxDB 17) read and written below its query API. */
interface DexieStorageInternals {
  booleanIndexes: string[];
  dexieDb: { transaction<T>(mode: 'rw', table: unknown, work: () => Promise<T>): Promise<T> };
  dexieTable: {
    schema: { idxByName: Record<string, unknown> };
    where(index: string): { between(lower: unknown[], upper: unknown[], includeLower: boolean, includeUpper: boolean): DexieRange };
    bulkDelete(keys: string[]): Promise<void>;
  };
}

function isDexieStorageInternals(value: unknown): value is DexieStorageInternals {
  const v = value as Partial<DexieStorageInternals> | null;
  return (
    Array.isArray(v?.booleanIndexes) &&
    typeof v.dexieDb?.transaction === 'function' &&
    typeof v.dexieTable?.where === 'function' &&
    typeof v.dexieTable.bulkDelete === 'function' &&
    typeof v.dexieTable.schema?.idxByName === 'object'
  );
}

/** How RxDB's Dexie storage stores `_deleted` so that it can be indexed. */
export const DEXIE_DELETED = '1';
export const DEXIE_NOT_DELETED = '0';

/**
 * The Dexie table behind `collection` and the name of its index on `['_deleted', ...fields]`, for
 * what RxDB's query API cannot do (walk an index backwards, delete tombstones in bounded
 * batches). RxDB's Dexie storage prefixes every index with `_deleted` (stored as '0' / '1') and
 * ends it with the primary key. `undefined` on another storage, or on a Dexie layout that differs
 * (a new RxDB): callers fall back or do nothing, and their tests fail.
 */
export async function dexieIndex<T>(
  collection: RxCollection<T>,
  fields: readonly string[],
): Promise<{ db: DexieStorageInternals['dexieDb']; table: DexieStorageInternals['dexieTable']; index: string } | undefined> {
  const instance = (collection as unknown as { internalStorageInstance?: { internals?: unknown } }).internalStorageInstance;
  const internals: unknown = await instance?.internals;
  if (!isDexieStorageInternals(internals) || !internals.booleanIndexes.includes('_deleted')) return undefined;
  const index = `[${['_deleted', ...fields].join('+')}]`;
  if (!(index in internals.dexieTable.schema.idxByName)) return undefined;
  return { db: internals.dexieDb, table: internals.dexieTable, index };
}
