import type { WireDocument } from '@comanda/core/sync';
import type { Jwks } from '../auth/device-keys';
import type { Checkpoint } from '../sync/documents';
import { upsertBranch } from './branches';
import type { BranchDevice } from './devices';
import { ensureOrg } from './orgs';
import type { Queryable } from './tx';

/** Who a hub is at the central server: its device credential and the branch it serves. */
export interface HubIdentity {
  upstream: string;
  deviceId: string;
  deviceSecret: string;
  orgId: string;
  branchId: string;
  /** The central server's JWKS as last fetched (null before the first fetch). */
  jwks: Jwks | null;
}

export async function readHubIdentity(db: Queryable): Promise<HubIdentity | null> {
  const { rows } = await db.query<HubIdentity>(
    `SELECT upstream, device_id AS "deviceId", device_secret AS "deviceSecret", org_id AS "orgId",
       branch_id AS "branchId", jwks FROM hub_identity`,
  );
  return rows[0] ?? null;
}

export async function saveHubIdentity(db: Queryable, identity: HubIdentity): Promise<void> {
  await db.query(
    `INSERT INTO hub_identity (upstream, device_id, device_secret, org_id, branch_id, jwks)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      identity.upstream,
      identity.deviceId,
      identity.deviceSecret,
      identity.orgId,
      identity.branchId,
      identity.jwks && JSON.stringify(identity.jwks),
    ],
  );
}

export async function saveHubJwks(db: Queryable, jwks: Jwks): Promise<void> {
  await db.query('UPDATE hub_identity SET jwks = $1', [JSON.stringify(jwks)]);
}

export type HubDirection = 'up' | 'down';

export async function readHubCheckpoint(
  db: Queryable,
  direction: HubDirection,
  collection: string,
): Promise<Checkpoint> {
  const { rows } = await db.query<{ txid: string; id: string }>(
    'SELECT txid, id FROM hub_checkpoints WHERE direction = $1 AND collection = $2',
    [direction, collection],
  );
  return rows[0] ?? null;
}

export async function saveHubCheckpoint(
  db: Queryable,
  direction: HubDirection,
  collection: string,
  checkpoint: NonNullable<Checkpoint>,
): Promise<void> {
  await db.query(
    `INSERT INTO hub_checkpoints (direction, collection, txid, id) VALUES ($1, $2, $3, $4)
     ON CONFLICT (direction, collection) DO UPDATE SET txid = EXCLUDED.txid, id = EXCLUDED.id`,
    [direction, collection, checkpoint.txid, checkpoint.id],
  );
}

/** The central server's last known state of some documents (the hub's assumed master states). */
export async function readUpstreamMasters(
  db: Queryable,
  collection: string,
  ids: string[],
): Promise<Map<string, WireDocument>> {
  const { rows } = await db.query<{ id: string; data: WireDocument }>(
    'SELECT id, data FROM hub_upstream_masters WHERE collection = $1 AND id = ANY ($2::text[])',
    [collection, ids],
  );
  return new Map(rows.map((r) => [r.id, r.data]));
}

export async function saveUpstreamMasters(
  db: Queryable,
  collection: string,
  docs: WireDocument[],
): Promise<void> {
  if (docs.length === 0) return;
  await db.query(
    `INSERT INTO hub_upstream_masters (collection, id, data)
     SELECT $1, d ->> 'id', d FROM jsonb_array_elements($2::jsonb) AS d
     ON CONFLICT (collection, id) DO UPDATE SET data = EXCLUDED.data`,
    [collection, JSON.stringify(docs)],
  );
}

/**
 * Keeps the hub's copy of its branch (org and branch rows, the devices and their revocation) in
 * step with the central server's. The copy carries no device secret: a hub never issues tokens,
 * so `secret_hash` is empty and matches no secret.
 */
export async function mirrorBranchDevices(
  db: Queryable,
  branch: {
    orgId: string;
    orgName: string;
    branchId: string;
    branchName: string;
    timeZone: string;
  },
  devices: BranchDevice[],
): Promise<void> {
  await ensureOrg(db, { id: branch.orgId, name: branch.orgName });
  await upsertBranch(db, branch.orgId, {
    id: branch.branchId,
    name: branch.branchName,
    timeZone: branch.timeZone,
  });
  if (devices.length === 0) return;
  await db.query(
    `INSERT INTO devices (id, org_id, branch_id, name, secret_hash, revoked_at, till_index, kind)
     SELECT d ->> 'id', $1, $2, d ->> 'name', '', to_timestamp((d ->> 'revokedAt')::double precision / 1000),
       (d ->> 'tillIndex')::int, d ->> 'kind'
     FROM jsonb_array_elements($3::jsonb) AS d
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, revoked_at = EXCLUDED.revoked_at`,
    [branch.orgId, branch.branchId, JSON.stringify(devices)],
  );
}

/** Records documents the central server refused (see the `hub_refused` table). */
export async function saveHubRefused(
  db: Queryable,
  collection: string,
  refused: readonly { id: string; message: string }[],
): Promise<void> {
  if (refused.length === 0) return;
  await db.query(
    `INSERT INTO hub_refused (collection, id, message)
     SELECT $1, r ->> 'id', r ->> 'message' FROM jsonb_array_elements($2::jsonb) AS r
     ON CONFLICT (collection, id) DO UPDATE SET message = EXCLUDED.message, refused_at = now()`,
    [collection, JSON.stringify(refused)],
  );
}

/** Forgets refusals of documents the central server has now taken. */
export async function clearHubRefused(
  db: Queryable,
  collection: string,
  ids: readonly string[],
): Promise<void> {
  if (ids.length === 0) return;
  await db.query('DELETE FROM hub_refused WHERE collection = $1 AND id = ANY ($2::text[])', [
    collection,
    ids,
  ]);
}

/** The documents of a collection the central server refused and the hub holds back. */
export async function readHubRefused(
  db: Queryable,
  collection: string,
): Promise<{ id: string; message: string }[]> {
  const { rows } = await db.query<{ id: string; message: string }>(
    'SELECT id, message FROM hub_refused WHERE collection = $1 ORDER BY id',
    [collection],
  );
  return rows;
}
