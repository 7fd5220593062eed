import { z } from 'zod';
import { boundedJsonObjectSchema, nameSchema } from '../common/bounds';
import { branchDocumentBase, epochMsSchema, idSchema } from '../common/document';

/** Schema version of `auditEvents` documents. */
export const AUDIT_EVENT_SCHEMA_VERSION = 1;

/**
 * Event types the till records: the one list (the till's `recordAudit` takes only these). The
 * document's `type` stays an open string so a newer till's types do not break an older server.
 */
export const AUDIT_EVENT_TYPES = [
  'staff.login',
  'staff.loginFailed',
  'staff.lockout',
  'staff.logout',
  'order.voided',
  'order.lineVoided',
  'order.discountApplied',
  'order.refunded',
  'order.reprint',
  'drawer.noSale',
  'shift.opened',
  'shift.cashMovement',
  'shift.closed',
  'settings.changed',
  'manager.override',
] as const;
/** A known audit event type. */
export type KnownAuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

/**
 * An append-only audit record (`auditEvents` collection): who did what, when,
 * on which till, and who approved it. Never updated after creation.
 */
export const auditEventDocSchema = z.object({
  ...branchDocumentBase(AUDIT_EVENT_SCHEMA_VERSION),
  type: nameSchema.min(1),
  at: epochMsSchema,
  tillId: idSchema,
  staffId: idSchema.nullable(),
  /** Manager who approved the action, when approval was needed. */
  approvedBy: idSchema.nullable().default(null),
  /** What the event is about (order id, shift id…). */
  subjectId: idSchema.nullable().default(null),
  /** Event-specific JSON details (amounts, reasons). */
  details: boundedJsonObjectSchema.default({}),
});
/** An audit event document. */
export type AuditEventDoc = z.infer<typeof auditEventDocSchema>;
