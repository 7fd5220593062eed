import { beforeEach, describe, expect, it } from 'vitest';
import { createDemoPorts, DEMO_PINS } from '../testing/demo-ports';
import type { MemoryPorts } from '../testing/memory-ports';
import type { PinSubtleCrypto } from '@comanda/core/staff';
import { pinSubtle } from './pin-crypto';
import { createSessionStore, LOCKOUT_MS, PIN_LOCKOUT_SETTING, RECENT_STAFF_SETTING, type SessionStore } from './session-store';

/** The real WebCrypto, counting PBKDF2 runs (one per staff hash tried). */
function countingSubtle(): PinSubtleCrypto & { runs: number } {
  const real = pinSubtle();
  const counting = {
    runs: 0,
    importKey: real.importKey.bind(real),
    deriveBits: (...args: Parameters<PinSubtleCrypto['deriveBits']>) => {
      counting.runs++;
      return real.deriveBits(...args);
    },
  };
  return counting;
}

let ports: MemoryPorts;
let session: SessionStore;

beforeEach(async () => {
  ports = await createDemoPorts();
  session = createSessionStore(ports);
});

describe('session store', () => {
  it('logs a cashier in offline with the PIN hash and audits it', async () => {
    const user = await session.getState().login(DEMO_PINS.cashier);
    expect(user?.name).toBe('Léa Bernard');
    expect(session.getState().user?.role).toBe('cashier');
    expect(ports.state.audit.map((e) => e.type)).toEqual(['staff.login']);
    expect(ports.state.audit[0]?.staffId).toBe(user?.id);
  });

  it('locks PIN entry after 3 wrong PINs, refuses the right PIN while locked, then unlocks', async () => {
    const s = session.getState();
    expect(await s.login('0000')).toBeNull();
    expect(session.getState().lastError).toBe('wrong-pin');
    await s.login('1111');
    expect(session.getState().isLocked()).toBe(false);
    await s.login('2222');
    expect(session.getState().isLocked()).toBe(true);
    expect(await s.login(DEMO_PINS.cashier)).toBeNull();
    expect(session.getState().user).toBeNull();
    ports.advance(LOCKOUT_MS - 1);
    expect(session.getState().isLocked()).toBe(true);
    ports.advance(1);
    expect(session.getState().isLocked()).toBe(false);
    expect((await s.login(DEMO_PINS.cashier))?.name).toBe('Léa Bernard');
    expect(ports.state.audit.map((e) => e.type)).toEqual([
      'staff.loginFailed',
      'staff.loginFailed',
      'staff.lockout',
      'staff.login',
    ]);
  });

  it('stays locked after a restart: a new session store over the same ports refuses the right PIN', async () => {
    for (const pin of ['0000', '1111', '2222']) await session.getState().login(pin);
    expect(ports.state.settings.get(PIN_LOCKOUT_SETTING)).toEqual({ failedAttempts: 3, lockedUntil: ports.clock.now() + LOCKOUT_MS });
    ports.advance(10_000);

    const restarted = createSessionStore(ports);
    expect(await restarted.getState().login(DEMO_PINS.cashier)).toBeNull();
    expect(restarted.getState().lastError).toBe('locked');
    expect(restarted.getState().isLocked()).toBe(true);
    ports.advance(LOCKOUT_MS - 10_000);
    expect((await restarted.getState().login(DEMO_PINS.cashier))?.name).toBe('Léa Bernard');
    expect(ports.state.settings.get(PIN_LOCKOUT_SETTING)).toEqual({ failedAttempts: 0, lockedUntil: null });
  });

  it('counts wrong PINs across a restart, so quitting between guesses does not help', async () => {
    await session.getState().login('0000');
    await session.getState().login('1111');
    const restarted = createSessionStore(ports);
    await restarted.getState().ready();
    expect(restarted.getState().failedAttempts).toBe(2);
    await restarted.getState().login('2222');
    expect(restarted.getState().isLocked()).toBe(true);
  });

  it('never locks longer than one lockout period, even if the clock was set back', async () => {
    await ports.settings.set(PIN_LOCKOUT_SETTING, { failedAttempts: 3, lockedUntil: ports.clock.now() + 86_400_000 });
    const restarted = createSessionStore(ports);
    await restarted.getState().ready();
    expect(restarted.getState().lockedUntil).toBe(ports.clock.now() + LOCKOUT_MS);
  });

  it('ignores a malformed stored lockout instead of locking everyone out', async () => {
    await ports.settings.set(PIN_LOCKOUT_SETTING, { failedAttempts: 'lots' });
    const restarted = createSessionStore(ports);
    expect((await restarted.getState().login(DEMO_PINS.cashier))?.name).toBe('Léa Bernard');
  });

  it('does not accept a staff member of another branch', async () => {
    // Nour (8642) works in Lyon only.
    expect(await session.getState().login('8642')).toBeNull();
  });

  it('approves with a manager PIN only and records the override', async () => {
    await session.getState().login(DEMO_PINS.cashier);
    expect(await session.getState().approveAsManager(DEMO_PINS.cashier, 'void')).toBeNull();
    const manager = await session.getState().approveAsManager(DEMO_PINS.manager, 'void', 'order-1');
    expect(manager?.role).toBe('manager');
    const override = ports.state.audit.at(-1);
    expect(override).toMatchObject({ type: 'manager.override', approvedBy: manager?.id, subjectId: 'order-1' });
    expect(override?.details).toEqual({ action: 'void' });
  });

  it('tries the staff who last logged in on this till first: their PIN costs one hash, also after a restart', async () => {
    const subtle = countingSubtle();
    const candidates = (await ports.staff.list()).filter((m) => m.active && m.branchIds.includes(ports.device.branchId)).length;
    expect(candidates).toBeGreaterThan(1);
    const first = createSessionStore(ports, subtle);
    const hugo = await first.getState().login(DEMO_PINS.manager);
    const lea = await first.getState().login(DEMO_PINS.cashier);
    expect(ports.state.settings.get(RECENT_STAFF_SETTING)).toEqual([lea?.id, hugo?.id]);

    const restarted = createSessionStore(ports, subtle);
    subtle.runs = 0;
    expect((await restarted.getState().login(DEMO_PINS.cashier))?.name).toBe('Léa Bernard');
    expect(subtle.runs).toBe(1);
    // A wrong PIN still tries every candidate, and still counts towards the lockout.
    subtle.runs = 0;
    expect(await restarted.getState().login('0000')).toBeNull();
    expect(subtle.runs).toBe(candidates);
    await restarted.getState().login('0001');
    await restarted.getState().login('0002');
    expect(restarted.getState().isLocked()).toBe(true);
  });

  it('ignores a malformed list of recent staff (every candidate is still tried)', async () => {
    await ports.settings.set(RECENT_STAFF_SETTING, 'léa');
    const restarted = createSessionStore(ports);
    expect((await restarted.getState().login(DEMO_PINS.cashier))?.name).toBe('Léa Bernard');
  });

  it('asks a manager approval of the managers only', async () => {
    const subtle = countingSubtle();
    const managed = createSessionStore(ports, subtle);
    expect(await managed.getState().approveAsManager(DEMO_PINS.cashier, 'void')).toBeNull();
    const managers = (await ports.staff.list()).filter((m) => m.role === 'manager' && m.active && m.branchIds.includes(ports.device.branchId));
    expect(subtle.runs).toBe(managers.length);
  });
});
