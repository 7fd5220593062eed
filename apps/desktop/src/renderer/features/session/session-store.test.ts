import { beforeEach, describe, expect, it } from 'vitest';
import { createDemoPorts, DEMO_PINS } from '../testing/demo-ports';
import type { MemoryPorts } from '../testing/memory-ports';
import { createSessionStore, LOCKOUT_MS, type SessionStore } from './session-store';

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
});
