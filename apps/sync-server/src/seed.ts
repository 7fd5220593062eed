import { randomBytes } from 'node:crypto';
import { hashPin } from '@comanda/core';
import { buildDemoSeed } from '@comanda/core/demo';
import { createUser } from './auth/users';
import { upsertBranch } from './db/branches';
import { ensureOrg } from './db/orgs';
import { findUserByEmail } from './db/users';
import type { Services } from './services';
import { writeAsOrg } from './sync/owner-writes';

export interface SeedDemoOptions {
  orgId?: string;
  /** Replaces the fixture owner's email (several demo orgs in one database need distinct ones). */
  ownerEmail?: string;
  /** Epoch ms stamped on the documents. */
  now?: number;
}

/** What was seeded, with the fixture's plain credentials (for tests and the CLI's output). */
export interface SeededOrg {
  orgId: string;
  branchIds: string[];
  owner: { email: string; password: string; name: string };
  staff: { id: string; name: string; role: string; branchIds: string[]; pin: string }[];
  menuCount: number;
}

/**
 * Seeds the demo organization from the bistro fixture (`@comanda/core/demo`): org, branches,
 * menu, branch overrides, staff (PINs hashed) and the owner account. Running it again updates
 * the documents and leaves an existing owner alone.
 */
export async function seedDemo(
  services: Pick<Services, 'db' | 'hub'>,
  options: SeedDemoOptions = {},
): Promise<SeededOrg> {
  const orgId = options.orgId ?? 'org_demo';
  const now = options.now ?? Date.now();
  const seed = buildDemoSeed(now);
  const pool = services.db.pool;
  await ensureOrg(pool, { id: orgId, name: seed.organization.name, currency: seed.currency });
  const actor = { type: 'cli' as const, id: 'seed' };
  const wire = <T extends object>(doc: T) => ({ ...doc, _deleted: false });
  await writeAsOrg(
    services,
    orgId,
    'branches',
    seed.branches.map(wire),
    actor,
    'seed.branches',
    async (tx, docs) => {
      for (const doc of docs)
        await upsertBranch(tx, orgId, {
          id: doc.id,
          name: String(doc.name),
          timeZone: String(doc.timeZone),
        });
    },
  );
  await writeAsOrg(services, orgId, 'menu', seed.menu.map(wire), actor, 'seed.menu');
  if (seed.overrides.length > 0) {
    await writeAsOrg(
      services,
      orgId,
      'branchOverrides',
      seed.overrides.map(wire),
      actor,
      'seed.overrides',
    );
  }
  const staffDocs = await Promise.all(
    seed.staff.map(async (s) => ({
      id: s.id,
      schemaVersion: 1,
      branchId: null,
      name: s.name,
      role: s.role,
      branchIds: s.branchIds,
      pinHash: await hashPin(globalThis.crypto.subtle, s.pin, randomBytes(16)),
      pinLength: s.pin.length,
      active: true,
      updatedAt: now,
      _deleted: false,
    })),
  );
  await writeAsOrg(services, orgId, 'staff', staffDocs, actor, 'seed.staff');
  const fixtureOwner = seed.owners[0];
  if (!fixtureOwner) throw new Error('demo fixture has no owner');
  const owner = { ...fixtureOwner, email: options.ownerEmail ?? fixtureOwner.email };
  if (!(await findUserByEmail(pool, owner.email))) {
    await createUser(pool, {
      orgId,
      email: owner.email,
      name: owner.name,
      role: 'owner',
      branchIds: [],
      password: owner.password,
    });
  }
  return {
    orgId,
    branchIds: seed.branches.map((b) => b.id),
    owner,
    staff: seed.staff,
    menuCount: seed.menu.length,
  };
}
