import {
  SYNC_COLLECTIONS,
  isSyncCollectionName,
  isTillWritable,
  type SyncCollectionName,
} from '@comanda/core/sync';
import { TRPCError } from '@trpc/server';
import type { z } from 'zod';
import type { WireDocument, WriteGuard, WriteRow } from './documents';
import { approvalsOf, assertApprovals } from './approvals';
import { checkOrderMerge, checkOrderPush } from './order-rules';
import { rememberParsed } from './parsed-documents';
import { assertShiftCloseWithinLimit, isNewShiftClose } from './shift-close-rules';

/** Replication bookkeeping fields RxDB may leave on a document; never stored. */
const RXDB_META = ['_meta', '_rev', '_attachments'] as const;

export function collectionOrThrow(name: string): SyncCollectionName {
  if (!isSyncCollectionName(name)) {
    throw new TRPCError({
      code: 'NOT_FOUND',
      message: `Unknown collection "${name.slice(0, 60)}"`,
    });
  }
  return name;
}

/**
 * Validates a document from the wire against its collection's core schema and returns it
 * normalized: RxDB meta removed, `_deleted` kept. Unknown fields are refused at every level (core's
 * nested schemas are strict; top-level keys are checked here), since stripping them would leave the
 * till with a different master state.
 * The stored form is what the client sent, not the schema's output with defaults filled in, so
 * the client's `assumedMasterState` keeps matching.
 */
export function validateDocument(
  collection: SyncCollectionName,
  raw: unknown,
  where: string,
): WireDocument {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw badDocument(where, 'expected a document object');
  }
  const source = { ...(raw as Record<string, unknown>) };
  for (const key of RXDB_META) delete source[key];
  const deleted = source._deleted;
  delete source._deleted;
  if (typeof deleted !== 'boolean') throw badDocument(where, '_deleted must be a boolean');
  const schema: z.ZodType = SYNC_COLLECTIONS[collection].schema;
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue ? issue.path.map(String).join('.') : '';
    const prefix = where.split('.');
    const issues = parsed.error.issues.map((i) => ({
      path: [...prefix, ...i.path.map(String)],
      message: i.message,
    }));
    throw badDocument(
      `${where}${path ? `.${path}` : ''}`,
      issue?.message ?? 'invalid document',
      new DocumentIssues(issues),
    );
  }
  // Document schemas strip unknown top-level keys (the till's stored documents carry RxDB meta);
  // nested objects are strict. Stripping here would store a different document than the till
  // holds, so unknown top-level fields are refused.
  const known = parsed.data as Record<string, unknown>;
  const unknown = Object.keys(source).filter((key) => !(key in known));
  if (unknown.length > 0)
    throw badDocument(where, `unknown field(s): ${unknown.slice(0, 5).join(', ')}`);
  const document = { ...source, _deleted: deleted } as WireDocument;
  rememberParsed(document, schema, parsed.data);
  return document;
}

/** Schema issues with paths from the request root (`rows.0.newDocumentState.…`), for the error formatter. */
class DocumentIssues extends Error {
  constructor(readonly issues: { path: string[]; message: string }[]) {
    super('invalid document');
  }
}

function badDocument(where: string, message: string, cause?: unknown): TRPCError {
  return new TRPCError({
    code: 'BAD_REQUEST',
    message: `Invalid document at ${where}: ${message}`,
    cause,
  });
}

/** Which branches' devices may pull a document; null = every branch of the org. */
export function visibilityOf(collection: SyncCollectionName, doc: WireDocument): string[] | null {
  if (collection === 'staff') {
    const branchIds = doc.branchIds;
    return Array.isArray(branchIds)
      ? branchIds.filter((b): b is string => typeof b === 'string')
      : [];
  }
  if (collection === 'branches') return [doc.id];
  const branchId = doc.branchId;
  return typeof branchId === 'string' ? [branchId] : null;
}

export function branchOf(doc: WireDocument): string | null {
  return typeof doc.branchId === 'string' ? doc.branchId : null;
}

/** Builds the write row for a validated document. */
export function writeRow(
  collection: SyncCollectionName,
  assumed: WireDocument | null,
  next: WireDocument,
): WriteRow {
  return {
    id: next.id,
    assumed,
    next,
    branchId: branchOf(next),
    visibleTo: visibilityOf(collection, next),
  };
}

/** What the write guard of a push needs beyond the collection and branch. */
export interface DeviceWriteContext {
  /** The batch, in request order: an error names its row (`rows.N: …`). */
  rows: readonly WriteRow[];
  /** Active managers of the branch (see `activeManagerIds`); only read when a row has approvals. */
  managers: ReadonlySet<string>;
  /** The branch's `cashVarianceLimit` (see `cashVarianceLimitOf`); only read when a row closes a shift. */
  cashVarianceLimit: number;
}

/**
 * The business rules a till's push must satisfy beyond the schema: only up-collections, only its
 * own branch, approvals by active managers of the branch, and per collection the checks of
 * {@link checkOrderPush} and append-only events. Errors name the row (`rows.N: …`).
 */
export function deviceWriteGuard(
  collection: SyncCollectionName,
  deviceBranchId: string,
  context: DeviceWriteContext,
): WriteGuard {
  return (row, master) => {
    try {
      if (row.branchId !== deviceBranchId || (master && master.branchId !== deviceBranchId)) {
        throw new TRPCError({
          code: 'FORBIDDEN',
          message: `Document ${row.id} belongs to another branch`,
        });
      }
      if (collection === 'orders') {
        if (row.mergedFrom) checkOrderMerge({ ...row, mergedFrom: row.mergedFrom });
        else checkOrderPush(row.next, master);
      }
      if (collection === 'shifts')
        assertShiftCloseWithinLimit(row.next, master, context.cashVarianceLimit);
      if (collection === 'auditEvents' && master) {
        throw new TRPCError({
          code: 'UNPROCESSABLE_CONTENT',
          message: `Audit event ${row.id} is append-only`,
        });
      }
      assertApprovals(collection, row.next, master, context.managers);
    } catch (error) {
      const index = context.rows.indexOf(row.mergedFrom ?? row);
      if (!(error instanceof TRPCError) || index < 0) throw error;
      throw new TRPCError({
        code: error.code,
        message: `rows.${index}.newDocumentState: ${error.message}`,
        cause: error.cause,
      });
    }
  };
}

/** Whether any row of a push carries a manager approval (then the branch's managers are read). */
export function needsManagers(collection: SyncCollectionName, rows: readonly WriteRow[]): boolean {
  return rows.some((row) => approvalsOf(collection, row.next).length > 0);
}

/** Whether any row of a push closes a shift (then the branch's cash variance limit is read). */
export function closesShifts(collection: SyncCollectionName, rows: readonly WriteRow[]): boolean {
  return collection === 'shifts' && rows.some((row) => isNewShiftClose(row.next, null));
}

export function assertDevicePushable(collection: SyncCollectionName): void {
  if (!isTillWritable(SYNC_COLLECTIONS[collection].direction)) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: `Tills cannot write "${collection}"; it is managed by the owner`,
    });
  }
}
