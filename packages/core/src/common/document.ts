import { z } from 'zod';
import { MAX_EPOCH_MS, MAX_ID_LENGTH } from './bounds';

/** Epoch milliseconds (UTC). Always injected by the caller, never read from a clock here. */
export const epochMsSchema = z.number().int().nonnegative().max(MAX_EPOCH_MS);

/** A non-empty identifier string. */
export const idSchema = z.string().min(1).max(MAX_ID_LENGTH);

/** A calendar date `YYYY-MM-DD` (used for business days). */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');

/**
 * Fields shared by every replicated document (see TEAM.md "Shared design"):
 * `id`, `schemaVersion`, `branchId` (null for org-wide docs) and `updatedAt`.
 * Deletion is a replication tombstone (`_deleted`), never a domain field.
 */
export function documentBase<V extends number>(schemaVersion: V) {
  return {
    id: idSchema,
    schemaVersion: z.literal(schemaVersion),
    branchId: idSchema.nullable(),
    updatedAt: epochMsSchema,
  };
}

/** Like {@link documentBase} but for documents that always belong to one branch. */
export function branchDocumentBase<V extends number>(schemaVersion: V) {
  return { ...documentBase(schemaVersion), branchId: idSchema };
}
