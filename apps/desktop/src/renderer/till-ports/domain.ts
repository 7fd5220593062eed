/**
 * The domain documents the cashier's features exchange with the data layer, re-exported from
 * `@comanda/core` under short names so the port contracts read like the workflow.
 */
export type { OrderDoc as Order, OrderLine, Payment, Refund, OrderStatus } from '@comanda/core/orders';
export type { ShiftDoc as Shift } from '@comanda/core/shifts';
export type { AuditEventDoc as AuditEvent } from '@comanda/core/audit';
export type { StaffDoc as StaffMember, StaffRole } from '@comanda/core/staff';
export type { BranchDoc as Branch } from '@comanda/core/branch';
export type { MenuDoc, BranchOverrideDoc } from '@comanda/core/menu';

/** Epoch milliseconds. */
export type EpochMs = number;
