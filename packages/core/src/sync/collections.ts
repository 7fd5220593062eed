import type { z } from 'zod';
import { auditEventDocSchema } from '../audit/schemas';
import { branchDocSchema } from '../branch/schemas';
import { branchOverrideDocSchema, menuDocSchema } from '../menu/schemas';
import { orderDocSchema } from '../orders/schemas';
import { shiftDocSchema } from '../shifts/schemas';
import { staffDocSchema } from '../staff/schemas';

/**
 * How a replicated collection resolves a push whose `assumedMasterState` does
 * not match the server:
 * - `server-wins`: down collections; devices never push, the server's state is the truth;
 * - `origin-till-wins`: a document is written only by the till that created it
 *   (orders, shifts of its branch); a stale push is a conflict and the server returns
 *   its master state, the till keeps whichever has the later `updatedAt`
 *   (its own in-flight edit) and pushes again;
 * - `append-only`: documents are never changed after creation; an identical
 *   re-push is accepted as a no-op (idempotent retry), a different one is a conflict.
 */
export type ConflictPolicy = 'server-wins' | 'origin-till-wins' | 'append-only';

/**
 * Who writes a collection: `down` = server → tills only; `up` = tills push their own branch's
 * documents and never pull them back; `shared` = tills push their branch's documents and pull the
 * branch's (every till of a branch sees and edits its open orders).
 */
export type SyncDirection = 'down' | 'up' | 'shared';

/** Whether tills push a collection. */
export function isTillWritable(direction: SyncDirection): boolean {
  return direction !== 'down';
}

/** Whether tills pull a collection. */
export function isTillReadable(direction: SyncDirection): boolean {
  return direction !== 'up';
}

/** Description of one replicated collection. */
export interface SyncCollection<S extends z.ZodType = z.ZodType> {
  /** Collection name, same on server and till. */
  readonly name: string;
  readonly direction: SyncDirection;
  /** Zod schema of the domain document (without `_deleted`). */
  readonly schema: S;
  readonly primaryKey: 'id';
  readonly conflictPolicy: ConflictPolicy;
  /** Whether documents are scoped to one branch (`branchId` string) or may be org-wide (`null`). */
  readonly scope: 'branch' | 'org-or-branch';
}

/**
 * Every replicated collection (7 of the till's ≤ 12 RxDB collections; the
 * till adds local-only `printJobs` and `settings`).
 */
export const SYNC_COLLECTIONS = {
  branches: {
    name: 'branches',
    direction: 'down',
    schema: branchDocSchema,
    primaryKey: 'id',
    conflictPolicy: 'server-wins',
    scope: 'branch',
  },
  menu: {
    name: 'menu',
    direction: 'down',
    schema: menuDocSchema,
    primaryKey: 'id',
    conflictPolicy: 'server-wins',
    scope: 'org-or-branch',
  },
  branchOverrides: {
    name: 'branchOverrides',
    direction: 'down',
    schema: branchOverrideDocSchema,
    primaryKey: 'id',
    conflictPolicy: 'server-wins',
    scope: 'branch',
  },
  staff: {
    name: 'staff',
    direction: 'down',
    schema: staffDocSchema,
    primaryKey: 'id',
    conflictPolicy: 'server-wins',
    scope: 'org-or-branch',
  },
  orders: {
    name: 'orders',
    direction: 'shared',
    schema: orderDocSchema,
    primaryKey: 'id',
    conflictPolicy: 'origin-till-wins',
    scope: 'branch',
  },
  shifts: {
    name: 'shifts',
    direction: 'up',
    schema: shiftDocSchema,
    primaryKey: 'id',
    conflictPolicy: 'origin-till-wins',
    scope: 'branch',
  },
  auditEvents: {
    name: 'auditEvents',
    direction: 'up',
    schema: auditEventDocSchema,
    primaryKey: 'id',
    conflictPolicy: 'append-only',
    scope: 'branch',
  },
} as const satisfies Record<string, SyncCollection>;

/** Name of a replicated collection. */
export type SyncCollectionName = keyof typeof SYNC_COLLECTIONS;

/** The document type of a replicated collection. */
export type SyncDocument<N extends SyncCollectionName> = z.infer<
  (typeof SYNC_COLLECTIONS)[N]['schema']
>;

/** All replicated collection names, in a stable order (down first). */
export const SYNC_COLLECTION_NAMES = Object.keys(SYNC_COLLECTIONS) as SyncCollectionName[];

/** Type guard for a collection name coming from the wire. */
export function isSyncCollectionName(name: string): name is SyncCollectionName {
  return Object.prototype.hasOwnProperty.call(SYNC_COLLECTIONS, name);
}
