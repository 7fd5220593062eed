import type { TillDatabase } from '../data/database.js';

/** Branch id stamped on documents recorded before the till was ever paired. */
export const STANDALONE_BRANCH_ID = 'standalone';

/**
 * After pairing, documents sold standalone are re-stamped with the paired branch (and a newer
 * `updatedAt`, so they replicate as changes). Runs before replication starts, and is idempotent:
 * a crash halfway leaves the rest still marked standalone for the next pairing attempt.
 */
export async function adoptStandaloneDocuments(db: TillDatabase, branchId: string, at: number): Promise<number> {
  let adopted = 0;
  for (const name of ['orders', 'shifts', 'auditEvents'] as const) {
    const docs = await db[name].find({ selector: { branchId: STANDALONE_BRANCH_ID } }).exec();
    for (const doc of docs) {
      await doc.incrementalPatch({ branchId, updatedAt: Math.max(at, Number(doc.get('updatedAt')) + 1) });
      adopted += 1;
    }
  }
  return adopted;
}
