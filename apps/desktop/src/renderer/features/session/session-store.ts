import { createStore, type StoreApi } from 'zustand/vanilla';
import { verifyPin, type PinSubtleCrypto } from '@comanda/core/staff';
import { recordAudit } from '../audit/record-audit';
import type { StaffMember } from '../domain';
import type { TillPorts } from '../ports';
import { pinSubtle } from './pin-crypto';

/** Wrong PINs in a row before the till locks PIN entry. */
export const MAX_PIN_ATTEMPTS = 3;
/** How long PIN entry stays locked after too many wrong PINs. */
export const LOCKOUT_MS = 30_000;

export interface SessionState {
  user: StaffMember | null;
  failedAttempts: number;
  /** Epoch ms until which PIN entry is refused, or null. */
  lockedUntil: number | null;
  verifying: boolean;
  /** Last outcome, for the PIN pad's message. */
  lastError: 'wrong-pin' | 'locked' | null;
  /** Increments on every rejected PIN so the pad clears itself. */
  attempt: number;
  login: (pin: string) => Promise<StaffMember | null>;
  logout: () => Promise<void>;
  /**
   * Checks a manager PIN for an action that needs approval; records a `manager.override` audit
   * event on success. Resolves with the manager, or null for a wrong or non-manager PIN.
   */
  approveAsManager: (pin: string, action: string, subjectId?: string | null) => Promise<StaffMember | null>;
  isLocked: () => boolean;
}

export type SessionStore = StoreApi<SessionState>;

/** Finds the active staff member of this branch whose PIN hash matches (checked offline). */
async function matchStaff(
  subtle: PinSubtleCrypto,
  staff: readonly StaffMember[],
  branchId: string,
  pin: string,
): Promise<StaffMember | null> {
  for (const member of staff) {
    if (!member.active || !member.branchIds.includes(branchId)) continue;
    try {
      if (await verifyPin(subtle, pin, member.pinHash)) return member;
    } catch {
      // A malformed hash on one record must not lock everybody out; skip it.
    }
  }
  return null;
}

export function createSessionStore(ports: TillPorts, subtle: PinSubtleCrypto = pinSubtle()): SessionStore {
  return createStore<SessionState>()((set, get) => ({
    user: null,
    failedAttempts: 0,
    lockedUntil: null,
    verifying: false,
    lastError: null,
    attempt: 0,
    isLocked: () => {
      const until = get().lockedUntil;
      return until !== null && ports.clock.now() < until;
    },
    async login(pin) {
      if (get().isLocked()) {
        set({ lastError: 'locked', attempt: get().attempt + 1 });
        return null;
      }
      if (get().lockedUntil !== null) set({ lockedUntil: null, failedAttempts: 0 });
      set({ verifying: true });
      const staff = await ports.staff.list();
      const user = await matchStaff(subtle, staff, ports.device.branchId, pin);
      if (user) {
        set({ user, failedAttempts: 0, lockedUntil: null, verifying: false, lastError: null });
        await recordAudit(ports, { type: 'staff.login', staffId: user.id });
        return user;
      }
      const failedAttempts = get().failedAttempts + 1;
      const locked = failedAttempts >= MAX_PIN_ATTEMPTS;
      set({
        failedAttempts,
        verifying: false,
        lockedUntil: locked ? ports.clock.now() + LOCKOUT_MS : null,
        lastError: locked ? 'locked' : 'wrong-pin',
        attempt: get().attempt + 1,
      });
      await recordAudit(ports, {
        type: locked ? 'staff.lockout' : 'staff.loginFailed',
        staffId: null,
        details: { failedAttempts },
      });
      return null;
    },
    async logout() {
      const user = get().user;
      set({ user: null });
      if (user) await recordAudit(ports, { type: 'staff.logout', staffId: user.id });
    },
    async approveAsManager(pin, action, subjectId = null) {
      const staff = await ports.staff.list();
      const member = await matchStaff(subtle, staff, ports.device.branchId, pin);
      if (!member || member.role !== 'manager') return null;
      await recordAudit(ports, {
        type: 'manager.override',
        staffId: get().user?.id ?? null,
        approvedBy: member.id,
        subjectId,
        details: { action },
      });
      return member;
    },
  }));
}
