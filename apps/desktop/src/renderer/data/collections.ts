import { menuDocSchema, mergeOrders, orderDocSchema, sameJson, shiftDocSchema, auditEventDocSchema, staffDocSchema, branchDocSchema, branchOverrideDocSchema } from '@comanda/core';
import type { MigrationStrategies, RxConflictHandler, RxJsonSchema } from 'rxdb';
import type { z } from 'zod';
import type { JobState, PrintJob } from '@comanda/printing/queue';

/*
 * RxDB schemas are deliberately minimal (primary key + indexed fields): the documents are
 * validated by the zod schemas of @comanda/core in the repositories, one source of truth.
 * Bumping a collection's `version` requires a migration strategy for it (tested in
 * collections.test.ts).
 */

const id = { type: 'string', maxLength: 200 } as const;
const epochMs = { type: 'number', minimum: 0, maximum: 8_640_000_000_000_000, multipleOf: 1 } as const;

function schema(version: number, properties: Record<string, object>, indexes: (string | string[])[] = []): RxJsonSchema<Record<string, unknown>> {
  return {
    version,
    primaryKey: 'id',
    type: 'object',
    properties: { id, ...properties },
    // Dexie refuses indexes on optional fields: every indexed field is required.
    required: ['id', ...new Set(indexes.flat())],
    indexes,
  };
}

/**
 * A local print job (job id = `${requestId}:${target}`): the print worker's job as it is, plus the
 * fields the RxDB schema indexes, copied out of it. Validated with `PrintJobSchema` when read back
 * (printing/rx-print-job-store.ts).
 */
export interface PrintJobDoc {
  id: string;
  /** '' for jobs of no order (reports, drawer kicks). */
  orderId: string;
  state: JobState;
  nextAttemptAt: number;
  /** Print order (time-like since schema version 1; indexed). */
  seq: number;
  job: PrintJob;
}

/** Local key/value settings (ticket counters, pairing state, replication bookkeeping). */
export interface SettingDoc {
  id: string;
  value: unknown;
  updatedAt: number;
}

/** The server acknowledged a document at `updatedAt` (drives "not yet synced"). */
export interface SyncAckDoc {
  id: string;
  /** The replicated collection (not named `collection`: RxDB documents reserve that property). */
  source: string;
  docId: string;
  updatedAt: number;
}

/**
 * Re-parses a stored document with its current core schema: fields that a newer schema added
 * with a default are filled in, so an upgraded till reads old documents without special cases.
 */
function reparse(zodSchema: z.ZodType<Record<string, unknown>>): MigrationStrategies {
  return { 1: (old: Record<string, unknown>) => ({ ...zodSchema.parse(old), id: old.id }) };
}

/**
 * Origin-till-wins (TEAM.md): this till is the only writer of its shifts, so on a push conflict
 * keep whichever version is newer; equal `updatedAt` means the server already has ours (a replayed
 * push after a crash), which is not a conflict at all. Orders merge instead (below).
 */
export const newerWins: RxConflictHandler<Record<string, unknown>> = {
  isEqual: (a, b) => a.updatedAt === b.updatedAt && a._deleted === b._deleted,
  resolve: (input) =>
    Promise.resolve(
      Number(input.newDocumentState.updatedAt) > Number(input.realMasterState.updatedAt) ? input.newDocumentState : input.realMasterState,
    ),
};

/** A replicated document without RxDB's bookkeeping (the state both sides compare). */
function content(doc: Record<string, unknown>): Record<string, unknown> {
  const { _meta: _m, _rev: _r, _attachments: _a, ...fields } = doc;
  return fields;
}

/**
 * Orders are edited by every till of the branch: a conflict (the server answered a stale push with
 * its join, or a pulled version meets a local edit) resolves to core's `mergeOrders` of both, the
 * join the server applies too, so nothing either till added is lost and both converge. The server
 * already stored that join, so the till adopts it and its next push is a no-op. Deletions (never
 * made by the till's actions) and documents this version cannot read keep newer-wins.
 */
export const mergeOrderVersions: RxConflictHandler<Record<string, unknown>> = {
  // Same version and same content; `updatedAt` first, which settles most comparisons cheaply.
  isEqual: (a, b) => a.updatedAt === b.updatedAt && a._deleted === b._deleted && sameJson(content(a), content(b)),
  resolve: (input, context) => {
    const local = orderDocSchema.safeParse(content(input.newDocumentState));
    const master = orderDocSchema.safeParse(content(input.realMasterState));
    if (input.newDocumentState._deleted || input.realMasterState._deleted || !local.success || !master.success) return newerWins.resolve(input, context);
    return Promise.resolve({ ...mergeOrders(master.data, local.data), _deleted: false });
  },
};

export const TILL_COLLECTIONS = {
  branches: { schema: schema(0, {}), zod: branchDocSchema },
  menu: { schema: schema(0, { kind: { type: 'string', maxLength: 40 } }, ['kind']), zod: menuDocSchema },
  branchOverrides: { schema: schema(0, {}), zod: branchOverrideDocSchema },
  staff: { schema: schema(0, {}), zod: staffDocSchema },
  orders: {
    schema: schema(
      1,
      {
        status: { type: 'string', maxLength: 20 },
        businessDay: { type: 'string', maxLength: 10 },
        updatedAt: epochMs,
        createdAt: epochMs,
      },
      ['status', 'createdAt', 'updatedAt', ['businessDay', 'createdAt']],
    ),
    zod: orderDocSchema,
    migrationStrategies: reparse(orderDocSchema),
    conflictHandler: mergeOrderVersions,
  },
  shifts: { schema: schema(0, { updatedAt: epochMs }, ['updatedAt']), zod: shiftDocSchema, conflictHandler: newerWins },
  // Indexed by updatedAt (version 1) so the sync status reads only what is above its watermark.
  auditEvents: {
    schema: schema(1, { updatedAt: epochMs }, ['updatedAt']),
    zod: auditEventDocSchema,
    migrationStrategies: reparse(auditEventDocSchema),
  },
  // Version 1 indexes `seq`, so the worker finds the greatest without reading every job.
  printJobs: {
    schema: schema(1, { orderId: { type: 'string', maxLength: 200 }, state: { type: 'string', maxLength: 20 }, nextAttemptAt: epochMs, seq: epochMs }, [
      'orderId',
      ['state', 'nextAttemptAt'],
      'seq',
    ]),
    migrationStrategies: { 1: (old: Record<string, unknown>) => old } satisfies MigrationStrategies,
  },
  settings: { schema: schema(0, {}) },
  syncAcks: { schema: schema(0, { source: { type: 'string', maxLength: 40 } }, ['source']) },
} as const;

export type TillCollectionName = keyof typeof TILL_COLLECTIONS;

/** The free tier of RxDB allows 13 open collections per process; stay at 12 or fewer. */
export const MAX_TILL_COLLECTIONS = 12;
