import type { DeviceKind } from '@comanda/core/sync';
import type { DeviceHeartbeat } from '@comanda/core/sync';
import type { Queryable } from './tx';

/** A till as the back office lists it (never its secret hash). */
export interface DeviceSummary {
  id: string;
  branchId: string;
  name: string;
  revokedAt: Date | null;
  lastSeenAt: Date | null;
  createdAt: Date;
}

/** An org's tills, optionally of one branch, limited to `visibleBranches` (null = all). */
export async function listDevices(
  db: Queryable,
  orgId: string,
  filter: { branchId: string | null; visibleBranches: string[] | null },
): Promise<DeviceSummary[]> {
  const { rows } = await db.query<DeviceSummary>(
    `SELECT id, branch_id AS "branchId", name, revoked_at AS "revokedAt", last_seen_at AS "lastSeenAt",
       created_at AS "createdAt"
     FROM devices WHERE org_id = $1 AND ($2::text IS NULL OR branch_id = $2)
       AND ($3::text[] IS NULL OR branch_id = ANY ($3))
     ORDER BY created_at`,
    [orgId, filter.branchId, filter.visibleBranches],
  );
  return rows;
}

/** Revokes a till of the org (idempotent); false when the org has no such device. */
export async function revokeDevice(
  db: Queryable,
  orgId: string,
  deviceId: string,
  now: Date,
): Promise<boolean> {
  const { rowCount } = await db.query(
    'UPDATE devices SET revoked_at = coalesce(revoked_at, $3) WHERE id = $1 AND org_id = $2',
    [deviceId, orgId, now],
  );
  return Boolean(rowCount);
}

/** Whether the device exists in the org and is not revoked (checked on every device call). */
export async function isDeviceActive(
  db: Queryable,
  orgId: string,
  deviceId: string,
): Promise<boolean> {
  const { rows } = await db.query<{ revoked: boolean }>(
    'SELECT revoked_at IS NOT NULL AS revoked FROM devices WHERE id = $1 AND org_id = $2',
    [deviceId, orgId],
  );
  return rows[0]?.revoked === false;
}

export async function touchDevice(db: Queryable, deviceId: string, at: Date): Promise<void> {
  await db.query('UPDATE devices SET last_seen_at = $2 WHERE id = $1', [deviceId, at]);
}

/** A branch as its hub mirrors it: names, time zone and every device with its revocation. */
export async function branchForHub(
  db: Queryable,
  orgId: string,
  branchId: string,
): Promise<{
  orgId: string;
  orgName: string;
  branchId: string;
  branchName: string;
  timeZone: string;
  devices: {
    id: string;
    name: string;
    kind: DeviceKind;
    tillIndex: number;
    revokedAt: number | null;
  }[];
}> {
  const { rows: branch } = await db.query<{ org_name: string; name: string; time_zone: string }>(
    `SELECT o.name AS org_name, b.name, b.time_zone FROM branches b JOIN orgs o ON o.id = b.org_id
     WHERE b.org_id = $1 AND b.id = $2`,
    [orgId, branchId],
  );
  const found = branch[0];
  if (!found) throw new Error(`branch ${branchId} vanished`);
  const { rows: devices } = await db.query<{
    id: string;
    name: string;
    kind: DeviceKind;
    tillIndex: number;
    revokedAt: Date | null;
  }>(
    `SELECT id, name, kind, till_index AS "tillIndex", revoked_at AS "revokedAt"
     FROM devices WHERE org_id = $1 AND branch_id = $2 ORDER BY till_index`,
    [orgId, branchId],
  );
  return {
    orgId,
    orgName: found.org_name,
    branchId,
    branchName: found.name,
    timeZone: found.time_zone,
    devices: devices.map((d) => ({ ...d, revokedAt: d.revokedAt?.getTime() ?? null })),
  };
}

/** How other tills name a device: its name and till code (core's `tillCode` of its index). */
export async function deviceLabel(
  db: Queryable,
  orgId: string,
  deviceId: string,
): Promise<{ name: string; tillIndex: number } | null> {
  const { rows } = await db.query<{ name: string; tillIndex: number }>(
    'SELECT name, till_index AS "tillIndex" FROM devices WHERE id = $1 AND org_id = $2',
    [deviceId, orgId],
  );
  return rows[0] ?? null;
}

/** Stores what a till reported about itself; a report is also a sign of life. */
export async function recordHeartbeat(
  db: Queryable,
  deviceId: string,
  heartbeat: DeviceHeartbeat,
  at: Date,
): Promise<void> {
  await db.query(
    'UPDATE devices SET heartbeat = $2, heartbeat_at = $3, last_seen_at = $3 WHERE id = $1',
    [deviceId, JSON.stringify(heartbeat), at],
  );
}
