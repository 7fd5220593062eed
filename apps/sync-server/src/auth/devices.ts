import { MAX_TILLS_PER_BRANCH, tillCode } from '@comanda/core/orders';
import type { DeviceKind } from '@comanda/core/sync';
import { TRPCError } from '@trpc/server';
import type pg from 'pg';
import { insertAudit } from '../db/audit';
import { touchDevice } from '../db/devices';
import { withTransaction, type Queryable } from '../db/tx';
import { signAccessToken } from './jwt';
import type { DeviceKeySet } from './device-keys';
import { tillRevoked } from './till-revoked';
import {
  newId,
  normalizePairingCode,
  pairingCode,
  randomSecret,
  safeEqualHex,
  sha256,
} from './secrets';

export const PAIRING_CODE_TTL_MS = 10 * 60 * 1000;

const KIND_NAMES: Readonly<Record<DeviceKind, string>> = {
  till: 'a till',
  hub: 'a branch hub',
  kitchen: 'a kitchen screen',
  board: 'a ready board',
};

const tillCodesExhausted = `This branch has paired ${MAX_TILLS_PER_BRANCH} tills, as many as ticket codes allow (A to ZZ); pair the till with another branch.`;

/** Creates a single-use pairing code for a branch; only its hash is stored. */
export async function createPairingCode(
  db: Queryable,
  input: {
    orgId: string;
    branchId: string;
    createdBy: string;
    /** The only kind of device the code pairs; any kind without it. */
    kind?: DeviceKind | undefined;
  },
  now: Date,
): Promise<{ code: string; expiresAt: number }> {
  const code = pairingCode();
  const expiresAt = now.getTime() + PAIRING_CODE_TTL_MS;
  await db.query(
    `INSERT INTO pairing_codes (code_hash, org_id, branch_id, created_by, expires_at, device_kind)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      sha256(code),
      input.orgId,
      input.branchId,
      input.createdBy,
      new Date(expiresAt),
      input.kind ?? null,
    ],
  );
  return { code, expiresAt };
}

/**
 * A till, a branch hub or a kitchen screen (`DeviceKind` from core): a hub or a kitchen screen
 * pairs like a till (it takes the branch's next till code, which it never prints on a ticket); a
 * hub may read the branch's device list to verify tills itself; a kitchen screen may only bump.
 */
export type { DeviceKind };

/** What a till keeps after pairing: its id and secret authenticate it from then on. */
export interface DeviceCredential {
  deviceId: string;
  deviceSecret: string;
  orgId: string;
  branchId: string;
  branchName: string;
  /** The till's code in its branch ("A", "B"…): its ticket numbers read "A-12". */
  tillCode: string;
}

/**
 * Exchanges a pairing code for a device credential. The code is spent in the same transaction
 * that creates the device (FOR UPDATE), so two tills racing with one code cannot both pair.
 */
export async function redeemPairingCode(
  pool: pg.Pool,
  input: {
    code: string;
    deviceName: string;
    kind?: DeviceKind | undefined;
    /** A kitchen screen's stations (none: every station, an expo screen). */
    stations?: readonly string[] | undefined;
  },
  now: Date,
): Promise<DeviceCredential> {
  const kind = input.kind ?? 'till';
  const codeHash = sha256(normalizePairingCode(input.code));
  const result = await withTransaction(pool, async (tx) => {
    const { rows } = await tx.query<{
      org_id: string;
      branch_id: string;
      expires_at: Date;
      used_at: Date | null;
      branch_name: string;
      device_kind: DeviceKind | null;
    }>(
      `SELECT p.org_id, p.branch_id, p.expires_at, p.used_at, p.device_kind, b.name AS branch_name
       FROM pairing_codes p JOIN branches b ON b.org_id = p.org_id AND b.id = p.branch_id
       WHERE p.code_hash = $1 FOR UPDATE OF p`,
      [codeHash],
    );
    const code = rows[0];
    if (!code || code.used_at || code.expires_at.getTime() <= now.getTime()) return null;
    // Refused before anything is written: the code stays usable by the device it was made for.
    if (code.device_kind !== null && code.device_kind !== kind)
      return {
        refused: `This code was made for ${KIND_NAMES[code.device_kind]}, not ${KIND_NAMES[kind]}: type it there, or create a code for ${KIND_NAMES[kind]} in the back office.`,
      };
    // The branch row is locked so two tills pairing at once get different codes.
    await tx.query('SELECT 1 FROM branches WHERE org_id = $1 AND id = $2 FOR UPDATE', [
      code.org_id,
      code.branch_id,
    ]);
    const { rows: taken } = await tx.query<{ next: number }>(
      'SELECT COALESCE(MAX(till_index) + 1, 0)::int AS next FROM devices WHERE org_id = $1 AND branch_id = $2',
      [code.org_id, code.branch_id],
    );
    const tillIndex = taken[0]?.next ?? 0;
    if (tillIndex >= MAX_TILLS_PER_BRANCH) return { refused: tillCodesExhausted };
    const deviceId = newId('dev');
    const deviceSecret = `ds_${randomSecret()}`;
    await tx.query(
      `INSERT INTO devices (id, org_id, branch_id, name, secret_hash, last_seen_at, till_index, kind,
         kitchen_stations)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        deviceId,
        code.org_id,
        code.branch_id,
        input.deviceName,
        sha256(deviceSecret),
        now,
        tillIndex,
        kind,
        JSON.stringify(kind === 'kitchen' ? (input.stations ?? []) : []),
      ],
    );
    await tx.query('UPDATE pairing_codes SET used_at = $2, device_id = $3 WHERE code_hash = $1', [
      codeHash,
      now,
      deviceId,
    ]);
    await insertAudit(tx, {
      orgId: code.org_id,
      branchId: code.branch_id,
      actorType: 'device',
      actorId: deviceId,
      action: 'device.paired',
      detail: {
        name: input.deviceName,
        kind,
        ...(kind === 'kitchen' ? { stations: input.stations ?? [] } : {}),
      },
    });
    return {
      deviceId,
      deviceSecret,
      orgId: code.org_id,
      branchId: code.branch_id,
      branchName: code.branch_name,
      tillCode: tillCode(tillIndex),
    };
  });
  if (result && 'refused' in result)
    throw new TRPCError({ code: 'PRECONDITION_FAILED', message: result.refused });
  if (!result)
    throw new TRPCError({
      code: 'UNAUTHORIZED',
      message: 'Pairing code is wrong, expired or already used',
    });
  return result;
}

/** What a device gets for its credential. */
export interface DeviceToken {
  accessToken: string;
  expiresAt: number;
  orgId: string;
  branchId: string;
  /** The till's ticket code, so a till paired before codes existed learns it. */
  tillCode: string;
}

/** Exchanges a device credential for a device access token. */
export async function issueDeviceToken(
  db: Queryable,
  deviceKeys: DeviceKeySet,
  input: { deviceId: string; deviceSecret: string },
  now: Date,
): Promise<DeviceToken> {
  const { rows } = await db.query<{
    org_id: string;
    branch_id: string;
    secret_hash: string;
    revoked_at: Date | null;
    till_index: number;
    kind: DeviceKind;
    kitchen_stations: string[];
  }>(
    'SELECT org_id, branch_id, secret_hash, revoked_at, till_index, kind, kitchen_stations FROM devices WHERE id = $1',
    [input.deviceId],
  );
  const device = rows[0];
  // Only the holder of the secret learns that the till was revoked (and stops retrying).
  if (device?.revoked_at && safeEqualHex(device.secret_hash, sha256(input.deviceSecret)))
    throw tillRevoked();
  if (
    !device ||
    device.revoked_at ||
    !safeEqualHex(device.secret_hash, sha256(input.deviceSecret))
  ) {
    throw new TRPCError({
      code: 'UNAUTHORIZED',
      message: 'Device credential is not valid or the device was revoked',
    });
  }
  const access = signAccessToken(
    { device: deviceKeys },
    {
      typ: 'device',
      sub: input.deviceId,
      org: device.org_id,
      branch: device.branch_id,
      ...(device.kind === 'hub' || device.kind === 'board' ? { kind: device.kind } : {}),
      ...(device.kind === 'kitchen'
        ? { kind: 'kitchen' as const, stations: device.kitchen_stations }
        : {}),
    },
    now,
  );
  await touchDevice(db, input.deviceId, now);
  return {
    accessToken: access.token,
    expiresAt: access.expiresAt,
    orgId: device.org_id,
    branchId: device.branch_id,
    tillCode: tillCode(device.till_index),
  };
}
