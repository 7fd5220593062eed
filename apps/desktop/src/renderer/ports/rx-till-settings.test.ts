import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createSessionStore, LOCKOUT_MS, MAX_PIN_ATTEMPTS } from '../features/session/session-store.js';
import { createMinimalRxPorts, openFakeTillDatabase } from './testing/rx-runtime.js';

/** The till as after an app start: a fresh RxDB over the same IndexedDB. */
async function startTill(indexedDB: IDBFactory) {
  const db = await openFakeTillDatabase('rx-settings', indexedDB);
  return { db, ports: createMinimalRxPorts(db) };
}

describe('TillPorts.settings over the store', () => {
  it('keeps device settings across a restart, apart from the ticket counters', async () => {
    const idb = new IDBFactory();
    const first = await startTill(idb);
    expect(await first.ports.settings.get('session.pinLockout')).toBeNull();
    await first.ports.settings.set('session.pinLockout', { failedAttempts: 2, lockedUntil: null });
    await first.ports.settings.set('session.pinLockout', { failedAttempts: 3, lockedUntil: 123 });
    expect(await first.ports.orders.nextTicketNumber('2026-11-23')).toBe(1);
    await first.db.close();

    const second = await startTill(idb);
    expect(await second.ports.settings.get('session.pinLockout')).toEqual({ failedAttempts: 3, lockedUntil: 123 });
    expect(await second.ports.orders.nextTicketNumber('2026-11-23')).toBe(2);
    await second.db.close();
  });

  it('a PIN lockout survives closing and reopening the till', async () => {
    const idb = new IDBFactory();
    const first = await startTill(idb);
    const session = createSessionStore(first.ports);
    // No staff synced yet: every PIN is wrong.
    for (let i = 0; i < MAX_PIN_ATTEMPTS; i++) await session.getState().login('0000');
    expect(session.getState().isLocked()).toBe(true);
    await first.db.close();

    const second = await startTill(idb);
    const restarted = createSessionStore(second.ports);
    await restarted.getState().ready();
    expect(restarted.getState().isLocked()).toBe(true);
    expect(restarted.getState().lockedUntil! - second.ports.clock.now()).toBeGreaterThan(LOCKOUT_MS - 5_000);
    await second.db.close();
  });
});
