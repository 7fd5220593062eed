import {
  AUDIT_EVENT_SCHEMA_VERSION,
  auditEventDocSchema,
  type KnownAuditEventType,
} from '@comanda/core/audit';
import type { AuditEvent, TillPorts } from '../../till-ports';

export interface AuditInput {
  /** One of core's `AUDIT_EVENT_TYPES`. */
  type: KnownAuditEventType;
  staffId: string | null;
  approvedBy?: string | null;
  subjectId?: string | null;
  details?: Record<string, string | number | boolean | null>;
}

/**
 * Builds, validates and appends one audit event. Validation happens before the write so a bad
 * event fails loudly here instead of being rejected later by the server.
 */
export async function recordAudit(ports: TillPorts, input: AuditInput): Promise<AuditEvent> {
  const at = ports.clock.now();
  const event = auditEventDocSchema.parse({
    id: ports.ids.newId(),
    schemaVersion: AUDIT_EVENT_SCHEMA_VERSION,
    branchId: ports.device.branchId,
    updatedAt: at,
    type: input.type,
    at,
    tillId: ports.device.tillId,
    staffId: input.staffId,
    approvedBy: input.approvedBy ?? null,
    subjectId: input.subjectId ?? null,
    details: input.details ?? {},
  });
  await ports.audit.append(event);
  return event;
}
