import { createStore, type StoreApi } from 'zustand/vanilla';
import { z } from 'zod';
import { verifyPin, type PinSubtleCrypto } from '@comanda/core/staff';
import { recordAudit } from '../audit/record-audit';
import type { StaffMember, TillPorts } from '../../till-ports';
import { pinSubtle } from './pin-crypto';

/** Wrong PINs in a row before the till locks PIN entry. */
export const MAX_PIN_ATTEMPTS = 3;
/** How long PIN entry stays locked after too many wrong PINs. */
export const LOCKOUT_MS = 30_000;
/** Device setting holding the wrong-PIN count and lockout, so restarting the app does not reset them. */
export const PIN_LOCKOUT_SETTING = 'session.pinLockout';

/**
 * Device setting holding the ids of the staff who last logged in on this till, most recent first:
 * their hashes are tried first, so the usual cashier's PIN costs one PBKDF2, not one per staff
 * member (decision 0015). Ids only; nothing about the PINs.
 */
export const RECENT_STAFF_SETTING = 'session.recentStaff';
const RECENT_STAFF_MAX = 20;
const recentStaffSchema = z.array(z.string().max(200)).max(RECENT_STAFF_MAX);

const storedLockoutSchema = z.object({
  failedAttempts: z.number().int().nonnegative(),
  lockedUntil: z.number().int().nonnegative().nullable(),
});

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
  approveAsManager: (
    pin: string,
    action: string,
    subjectId?: string | null,
  ) => Promise<StaffMember | null>;
  isLocked: () => boolean;
  /** Resolves once the wrong-PIN count and lockout stored on this till were loaded (login waits for it). */
  ready: () => Promise<void>;
}

export type SessionStore = StoreApi<SessionState>;

/**
 * Finds the active staff member of this branch whose PIN hash matches (checked offline), trying
 * the staff in `recent` first (each hash has its own salt: one PBKDF2 per candidate tried).
 */
async function matchStaff(
  subtle: PinSubtleCrypto,
  staff: readonly StaffMember[],
  branchId: string,
  pin: string,
  recent: readonly string[] = [],
): Promise<StaffMember | null> {
  const rank = (member: StaffMember) => {
    const i = recent.indexOf(member.id);
    return i === -1 ? recent.length : i;
  };
  const candidates = staff.filter((m) => m.active && m.branchIds.includes(branchId));
  for (const member of candidates.sort((a, b) => rank(a) - rank(b))) {
    try {
      if (await verifyPin(subtle, pin, member.pinHash)) return member;
    } catch {
      // A malformed hash on one record must not lock everybody out; skip it.
    }
  }
  return null;
}

export function createSessionStore(
  ports: TillPorts,
  subtle: PinSubtleCrypto = pinSubtle(),
): SessionStore {
  return createStore<SessionState>()((set, get) => {
    const loaded = ports.settings
      .get(PIN_LOCKOUT_SETTING)
      .then((value) => {
        const stored = storedLockoutSchema.safeParse(value);
        if (!stored.success) return;
        // A clock set back after the lockout must not stretch it beyond one lockout period.
        const maxUntil = ports.clock.now() + LOCKOUT_MS;
        const lockedUntil =
          stored.data.lockedUntil === null ? null : Math.min(stored.data.lockedUntil, maxUntil);
        // Attempts made in this session before the load finished count on top of the stored ones.
        set({
          failedAttempts: stored.data.failedAttempts + get().failedAttempts,
          lockedUntil: get().lockedUntil ?? lockedUntil,
        });
      })
      // An unreadable setting must not keep everyone out; the in-memory lockout still applies.
      .catch(() => undefined);
    let recent: string[] = [];
    const recentLoaded = ports.settings
      .get(RECENT_STAFF_SETTING)
      .then((value) => {
        const stored = recentStaffSchema.safeParse(value);
        if (stored.success) recent = stored.data;
      })
      // Only an ordering hint: without it every candidate is still tried.
      .catch(() => undefined);
    const rememberUser = (id: string) => {
      if (recent[0] === id) return Promise.resolve();
      recent = [id, ...recent.filter((r) => r !== id)].slice(0, RECENT_STAFF_MAX);
      return ports.settings.set(RECENT_STAFF_SETTING, recent).catch(() => undefined);
    };
    const remember = (failedAttempts: number, lockedUntil: number | null) =>
      // Best effort: a full disk must not block logging in; the lockout still holds in memory.
      ports.settings
        .set(PIN_LOCKOUT_SETTING, { failedAttempts, lockedUntil })
        .catch(() => undefined);
    return {
      user: null,
      failedAttempts: 0,
      lockedUntil: null,
      verifying: false,
      lastError: null,
      attempt: 0,
      ready: () => loaded,
      isLocked: () => {
        const until = get().lockedUntil;
        return until !== null && ports.clock.now() < until;
      },
      async login(pin) {
        await Promise.all([loaded, recentLoaded]);
        if (get().isLocked()) {
          set({ lastError: 'locked', attempt: get().attempt + 1 });
          return null;
        }
        if (get().lockedUntil !== null) set({ lockedUntil: null, failedAttempts: 0 });
        set({ verifying: true });
        const staff = await ports.staff.list();
        const user = await matchStaff(subtle, staff, ports.device.branchId, pin, recent);
        if (user) {
          set({ user, failedAttempts: 0, lockedUntil: null, verifying: false, lastError: null });
          await Promise.all([remember(0, null), rememberUser(user.id)]);
          await recordAudit(ports, { type: 'staff.login', staffId: user.id });
          return user;
        }
        const failedAttempts = get().failedAttempts + 1;
        const locked = failedAttempts >= MAX_PIN_ATTEMPTS;
        const lockedUntil = locked ? ports.clock.now() + LOCKOUT_MS : null;
        set({
          failedAttempts,
          verifying: false,
          lockedUntil,
          lastError: locked ? 'locked' : 'wrong-pin',
          attempt: get().attempt + 1,
        });
        // Stored before the PIN pad is usable again: quitting the app now does not reset the count.
        await remember(failedAttempts, lockedUntil);
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
        // Only managers' hashes are tried: fewer PBKDF2 runs, and a cashier's PIN never approves.
        const managers = (await ports.staff.list()).filter((m) => m.role === 'manager');
        await recentLoaded;
        const member = await matchStaff(subtle, managers, ports.device.branchId, pin, recent);
        if (!member) return null;
        await recordAudit(ports, {
          type: 'manager.override',
          staffId: get().user?.id ?? null,
          approvedBy: member.id,
          subjectId,
          details: { action },
        });
        return member;
      },
    };
  });
}
