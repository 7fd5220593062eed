import { describe, expect, it } from 'vitest';
import type { Queryable } from '../db/tx';
import { ActiveDevices } from './active-devices';

/** A devices table of one org in memory, counting the lookups that reach it. */
function fakeDb() {
  const revoked = new Set<string>();
  let lookups = 0;
  let gate: Promise<void> | null = null;
  const db: Queryable = {
    query: (async (_sql: string, params: unknown[]) => {
      lookups += 1;
      const id = params[0] as string;
      const answer = { rows: [{ revoked: revoked.has(id) }] };
      if (gate) await gate;
      return answer;
    }) as unknown as Queryable['query'],
  };
  return {
    db,
    revoked,
    lookups: () => lookups,
    hold: () => {
      let release!: () => void;
      gate = new Promise((r) => (release = r));
      return () => {
        gate = null;
        release();
      };
    },
  };
}

describe('ActiveDevices', () => {
  it('remembers an active device for its time-to-live, never a revoked one', async () => {
    const f = fakeDb();
    let now = 0;
    const devices = new ActiveDevices(f.db, () => now, 5_000);
    expect(await devices.isActive('org', 'till')).toBe(true);
    now = 4_999;
    expect(await devices.isActive('org', 'till')).toBe(true);
    expect(f.lookups()).toBe(1);
    now = 5_000;
    expect(await devices.isActive('org', 'till')).toBe(true);
    expect(f.lookups()).toBe(2);
    f.revoked.add('gone');
    expect(await devices.isActive('org', 'gone')).toBe(false);
    expect(await devices.isActive('org', 'gone')).toBe(false);
    expect(f.lookups()).toBe(4);
  });

  it('asks again at once after forget, and keeps orgs apart', async () => {
    const f = fakeDb();
    const devices = new ActiveDevices(f.db, () => 0, 5_000);
    await devices.isActive('org_a', 'till');
    await devices.isActive('org_b', 'till');
    f.revoked.add('till');
    devices.forget('org_a', 'till');
    expect(await devices.isActive('org_a', 'till')).toBe(false);
    // Org b's entry is its own (same id in another org is another key).
    expect(await devices.isActive('org_b', 'till')).toBe(true);
    devices.forgetAll();
    expect(await devices.isActive('org_b', 'till')).toBe(false);
  });

  it('does not store an answer read before a revocation it overlapped', async () => {
    const f = fakeDb();
    const devices = new ActiveDevices(f.db, () => 0, 5_000);
    const release = f.hold();
    const reading = devices.isActive('org', 'till'); // reads "active"…
    f.revoked.add('till');
    devices.forget('org', 'till'); // …while the revocation commits and is forgotten
    release();
    expect(await reading).toBe(true); // that one call was already answered from before
    expect(await devices.isActive('org', 'till')).toBe(false); // the next one asks again
  });

  it('with a time-to-live of 0 (a branch hub) asks every time', async () => {
    const f = fakeDb();
    const devices = new ActiveDevices(f.db, () => 0, 0);
    await devices.isActive('org', 'till');
    await devices.isActive('org', 'till');
    expect(f.lookups()).toBe(2);
  });
});
