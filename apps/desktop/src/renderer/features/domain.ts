/**
 * The domain documents the cashier's features exchange with the data layer.
 *
 * These are provisional shapes while `@comanda/core` is being written; once its zod schemas land
 * this file re-exports the core types under the same names, so `ports.ts` and the shell's
 * implementation of it do not change their imports.
 */

/** Epoch milliseconds. */
export type EpochMs = number;
/** Integer minor units (cents). */
export type Minor = number;

export interface Category {
  id: string;
  name: string;
  sort: number;
}

export interface ModifierOption {
  id: string;
  name: string;
  priceDelta: Minor;
}

export interface ModifierGroup {
  id: string;
  name: string;
  min: number;
  max: number;
  options: ModifierOption[];
}

export interface MenuItem {
  id: string;
  categoryId: string;
  name: string;
  price: Minor;
  taxClassId: string;
  stationId: string;
  modifierGroupIds: string[];
  barcode?: string;
  available?: boolean;
}

export interface TaxClass {
  id: string;
  name: string;
  ratePermille: number;
  inclusive: boolean;
}

export interface Station {
  id: string;
  name: string;
}

export interface BranchOverride {
  itemId: string;
  price?: Minor;
  available?: boolean;
}

export type StaffRole = 'cashier' | 'manager';

export interface StaffMember {
  id: string;
  name: string;
  role: StaffRole;
  branchIds: string[];
  /** Opaque PIN hash, verified with the core staff helper; the PIN itself is never stored. */
  pinHash: string;
}

/** An order document as stored and replicated (lines, payments, refunds, print requests embedded). */
export interface Order {
  id: string;
  schemaVersion: number;
  branchId: string | null;
  updatedAt: EpochMs;
  [field: string]: unknown;
}

/** A shift document: float, pay-ins/outs, no-sales, counted cash, close. */
export interface Shift {
  id: string;
  schemaVersion: number;
  branchId: string | null;
  updatedAt: EpochMs;
  [field: string]: unknown;
}

/** An append-only audit event. */
export interface AuditEvent {
  id: string;
  schemaVersion: number;
  branchId: string | null;
  updatedAt: EpochMs;
  at: EpochMs;
  staffId: string | null;
  kind: AuditEventKind;
  /** Manager who approved, when the action needed an override. */
  approvedBy?: string | null;
  orderId?: string | null;
  shiftId?: string | null;
  reason?: string | null;
  amount?: Minor | null;
  details?: Record<string, string | number | boolean | null>;
}

export type AuditEventKind =
  | 'login'
  | 'logout'
  | 'login-failed'
  | 'lockout'
  | 'void'
  | 'discount'
  | 'refund'
  | 'no-sale'
  | 'reprint'
  | 'override'
  | 'pay-in'
  | 'pay-out'
  | 'shift-open'
  | 'shift-close';
