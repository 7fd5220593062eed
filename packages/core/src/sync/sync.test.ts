import { describe, expect, it } from 'vitest';
import { buildDemoSeed } from '../demo/index';
import {
  SYNC_COLLECTIONS,
  SYNC_COLLECTION_NAMES,
  checkpointSchema,
  isSyncCollectionName,
  pullRequestSchema,
  pullResponseSchema,
  pushRequestSchema,
  pushResponseSchema,
  changesEventSchema,
} from './index';

const seed = buildDemoSeed(1000);

describe('SYNC_COLLECTIONS', () => {
  it('lists the replicated collections with direction and policy', () => {
    expect(SYNC_COLLECTION_NAMES).toEqual([
      'branches',
      'menu',
      'branchOverrides',
      'staff',
      'orders',
      'shifts',
      'auditEvents',
    ]);
    const down = SYNC_COLLECTION_NAMES.filter((n) => SYNC_COLLECTIONS[n].direction === 'down');
    expect(down).toEqual(['branches', 'menu', 'branchOverrides', 'staff']);
    expect(SYNC_COLLECTIONS.auditEvents.conflictPolicy).toBe('append-only');
    for (const n of SYNC_COLLECTION_NAMES) expect(SYNC_COLLECTIONS[n].name).toBe(n);
    expect(isSyncCollectionName('orders')).toBe(true);
    expect(isSyncCollectionName('toString')).toBe(false);
  });

  it('validates documents with the registered schema', () => {
    expect(SYNC_COLLECTIONS.menu.schema.safeParse(seed.menu[0]).success).toBe(true);
    expect(SYNC_COLLECTIONS.branches.schema.safeParse(seed.branches[0]).success).toBe(true);
    expect(SYNC_COLLECTIONS.menu.schema.safeParse({ ...seed.menu[0], kind: 'pizza' }).success).toBe(
      false,
    );
    const staff = {
      id: 's1',
      schemaVersion: 1,
      branchId: null,
      updatedAt: 1,
      name: 'Léa',
      role: 'cashier',
      branchIds: ['paris-11'],
      pinHash: 'pbkdf2-sha256$1000$AAAAAAAAAAAAAAAAAAAAAA==$AAAA',
    };
    expect(SYNC_COLLECTIONS.staff.schema.safeParse(staff).success).toBe(true);
    expect(SYNC_COLLECTIONS.staff.schema.safeParse({ ...staff, pinHash: '1357' }).success).toBe(
      false,
    );
    expect(SYNC_COLLECTIONS.staff.schema.safeParse({ ...staff, role: 'owner' }).success).toBe(
      false,
    );
  });
});

describe('replication wire schemas', () => {
  const menuDoc = { ...seed.menu[0]!, _deleted: false };

  it('checkpoints are {txid, id} or null', () => {
    expect(checkpointSchema.parse(null)).toBeNull();
    expect(checkpointSchema.parse({ txid: '18446744073709551615', id: 'a' })).toEqual({
      txid: '18446744073709551615',
      id: 'a',
    });
    expect(checkpointSchema.safeParse({ txid: 12, id: 'a' }).success).toBe(false);
    const pull = { collection: 'menu', checkpoint: null };
    expect(pullRequestSchema.safeParse({ ...pull, limit: 0 }).success).toBe(false);
    expect(pullRequestSchema.safeParse({ ...pull, limit: 100 }).success).toBe(true);
  });

  it('pull output keeps the tombstone flag and requires it', () => {
    const schema = pullResponseSchema;
    const parsed = schema.parse({
      documents: [menuDoc],
      checkpoint: { txid: '5', id: menuDoc.id },
    });
    expect(parsed.documents[0]).toEqual(menuDoc);
    const deep = {
      ...menuDoc,
      extra: JSON.parse(`${'['.repeat(100)}${']'.repeat(100)}`) as unknown,
    };
    expect(schema.safeParse({ documents: [deep], checkpoint: null }).success).toBe(false);
  });

  it('push rows carry assumed master and new state; output lists conflicts', () => {
    const push = (rows: unknown) => pushRequestSchema.safeParse({ collection: 'menu', rows });
    expect(push([{ assumedMasterState: null, newDocumentState: menuDoc }]).success).toBe(true);
    expect(push([{ newDocumentState: menuDoc }]).success).toBe(false);
    expect(pushResponseSchema.parse([menuDoc])).toHaveLength(1);
  });

  it('live events are RESYNC, changed collections or presence; they never carry documents', () => {
    const schema = changesEventSchema;
    expect(schema.parse('RESYNC')).toBe('RESYNC');
    expect(schema.safeParse('resync').success).toBe(false);
    expect(schema.safeParse({ changed: ['orders'] }).success).toBe(true);
    expect(schema.safeParse({ documents: [], checkpoint: null }).success).toBe(false);
  });
});
