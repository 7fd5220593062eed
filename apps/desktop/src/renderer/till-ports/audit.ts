import type { AuditEvent } from './domain';

export interface AuditPorts {
  /** Appends one event durably; it replicates up with the orders. */
  append: (event: AuditEvent) => Promise<void>;
}
