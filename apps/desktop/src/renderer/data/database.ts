import { addRxPlugin, createRxDatabase, type RxCollection, type RxCollectionCreator, type RxDatabase } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { MAX_TILL_COLLECTIONS, TILL_COLLECTIONS, type PrintJobDoc, type SettingDoc, type SyncAckDoc } from './collections.js';
import { createTillStorage, type TillStorageOptions } from './storage.js';

addRxPlugin(RxDBMigrationSchemaPlugin);

type Doc = Record<string, unknown>;
export interface TillCollections {
  branches: RxCollection<Doc>;
  menu: RxCollection<Doc>;
  branchOverrides: RxCollection<Doc>;
  staff: RxCollection<Doc>;
  orders: RxCollection<Doc>;
  shifts: RxCollection<Doc>;
  auditEvents: RxCollection<Doc>;
  printJobs: RxCollection<PrintJobDoc>;
  settings: RxCollection<SettingDoc>;
  syncAcks: RxCollection<SyncAckDoc>;
}
export type TillDatabase = RxDatabase<TillCollections>;

export interface OpenTillDatabaseOptions extends TillStorageOptions {
  /** IndexedDB name prefix; one per till profile. */
  name?: string;
  /** Override collection definitions (migration tests open an older layout). */
  collections?: Record<string, object>;
}

/**
 * Opens the till's local database. No dev-mode plugin, ever: it is for development builds only
 * and would load remote content into the app. Pending schema migrations run before this resolves.
 */
export async function openTillDatabase(options: OpenTillDatabaseOptions = {}): Promise<TillDatabase> {
  const definitions = options.collections ?? TILL_COLLECTIONS;
  if (Object.keys(definitions).length > MAX_TILL_COLLECTIONS) throw new Error(`The till may open at most ${MAX_TILL_COLLECTIONS} collections`);
  const db = await createRxDatabase<TillCollections>({
    name: options.name ?? 'comanda-till',
    storage: createTillStorage(options),
    // One till process per profile (Electron single-instance lock): no cross-tab leader election.
    multiInstance: false,
    eventReduce: true,
    closeDuplicates: true,
  });
  const rxDefinitions: Record<string, RxCollectionCreator> = Object.fromEntries(
    Object.entries(definitions).map(([name, def]) => {
      const { schema, migrationStrategies, conflictHandler } = def as {
        schema: RxCollectionCreator['schema'];
        migrationStrategies?: RxCollectionCreator['migrationStrategies'];
        conflictHandler?: RxCollectionCreator['conflictHandler'];
      };
      return [name, { schema, ...(migrationStrategies ? { migrationStrategies } : {}), ...(conflictHandler ? { conflictHandler } : {}) }];
    }),
  );
  await db.addCollections(rxDefinitions);
  return db;
}
