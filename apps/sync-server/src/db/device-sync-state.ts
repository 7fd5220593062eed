import { deviceHeartbeatSchema, type DeviceHeartbeat } from '@comanda/core/sync';
import type { Queryable } from './tx';

/** One till's replication state per collection. */
export interface DeviceSyncHealth {
  deviceId: string;
  name: string;
  branchId: string;
  revoked: boolean;
  lastSeenAt: Date | null;
  /** What the till last reported about itself (null before its first report). */
  heartbeat: DeviceHeartbeat | null;
  heartbeatAt: Date | null;
  collections: {
    collection: string;
    lastPullAt: Date | null;
    lastPushAt: Date | null;
    /** Documents the till can see that were written after its last pull checkpoint. */
    lag: number;
    pushedRows: number;
    conflicts: number;
  }[];
}

/** Per-device sync health: last seen, checkpoint lag (documents behind) and conflicts met. */
export async function syncHealth(
  db: Queryable,
  orgId: string,
  branchId: string | null,
  allowedBranches: string[] | null,
): Promise<DeviceSyncHealth[]> {
  const { rows } = await db.query<{
    device_id: string;
    name: string;
    branch_id: string;
    revoked: boolean;
    last_seen_at: Date | null;
    heartbeat: unknown;
    heartbeat_at: Date | null;
    collection: string | null;
    last_pull_at: Date | null;
    last_push_at: Date | null;
    pushed_rows: string | null;
    conflicts: string | null;
    lag: string | null;
  }>(
    `SELECT d.id AS device_id, d.name, d.branch_id, d.revoked_at IS NOT NULL AS revoked, d.last_seen_at,
            d.heartbeat, d.heartbeat_at,
            s.collection, s.last_pull_at, s.last_push_at, s.pushed_rows, s.conflicts,
            (SELECT count(*) FROM documents doc
              WHERE doc.org_id = d.org_id AND doc.collection = s.collection
                AND (doc.visible_to IS NULL OR d.branch_id = ANY (doc.visible_to))
                AND doc.txid > coalesce(s.checkpoint_txid, '0'::xid8)) AS lag
     FROM devices d LEFT JOIN device_sync_state s ON s.device_id = d.id
     WHERE d.org_id = $1 AND ($2::text IS NULL OR d.branch_id = $2) AND ($3::text[] IS NULL OR d.branch_id = ANY ($3))
     ORDER BY d.created_at, s.collection`,
    [orgId, branchId, allowedBranches],
  );
  const devices = new Map<string, DeviceSyncHealth>();
  for (const r of rows) {
    let device = devices.get(r.device_id);
    if (!device) {
      device = {
        deviceId: r.device_id,
        name: r.name,
        branchId: r.branch_id,
        revoked: r.revoked,
        lastSeenAt: r.last_seen_at,
        // Parsed again on the way out: a report stored by an older server version stays harmless.
        heartbeat: deviceHeartbeatSchema.safeParse(r.heartbeat).data ?? null,
        heartbeatAt: r.heartbeat_at,
        collections: [],
      };
      devices.set(r.device_id, device);
    }
    if (r.collection) {
      device.collections.push({
        collection: r.collection,
        lastPullAt: r.last_pull_at,
        lastPushAt: r.last_push_at,
        lag: Number(r.lag ?? 0),
        pushedRows: Number(r.pushed_rows ?? 0),
        conflicts: Number(r.conflicts ?? 0),
      });
    }
  }
  return [...devices.values()];
}

/** Records a till's pull: the checkpoint it reached (for the lag above) and when. */
export async function recordPull(
  db: Queryable,
  deviceId: string,
  collection: string,
  checkpointTxid: string,
  at: Date,
): Promise<void> {
  await db.query(
    `INSERT INTO device_sync_state (device_id, collection, checkpoint_txid, last_pull_at)
     VALUES ($1, $2, $3::xid8, $4)
     ON CONFLICT (device_id, collection)
     DO UPDATE SET checkpoint_txid = EXCLUDED.checkpoint_txid, last_pull_at = EXCLUDED.last_pull_at`,
    [deviceId, collection, checkpointTxid, at],
  );
}

/** Adds a push's outcome to the till's counters, in the push's transaction. */
export async function recordPush(
  tx: Queryable,
  deviceId: string,
  collection: string,
  outcome: { written: number; conflicts: number },
  at: Date,
): Promise<void> {
  await tx.query(
    `INSERT INTO device_sync_state (device_id, collection, last_push_at, pushed_rows, conflicts)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (device_id, collection) DO UPDATE SET last_push_at = EXCLUDED.last_push_at,
       pushed_rows = device_sync_state.pushed_rows + EXCLUDED.pushed_rows,
       conflicts = device_sync_state.conflicts + EXCLUDED.conflicts`,
    [deviceId, collection, at, outcome.written, outcome.conflicts],
  );
}
