import { PRESENCE_TTL_MS, type PresenceEntry, type PresenceRequest } from '@comanda/core/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { PresenceRoster } from './presence-roster.js';

const entry = (deviceId: string, orderId: string | null): PresenceEntry => ({ deviceId, tillCode: 'B', tillName: 'Terrace', orderId, staffName: null, since: 0 });

describe('PresenceRoster', () => {
  let roster: PresenceRoster | null = null;
  afterEach(() => roster?.stop());

  it('shows other tills on their orders, never itself, and forgets a till silent for 30 s by its own clock', () => {
    let now = 1_000;
    roster = new PresenceRoster({ now: () => now, selfDeviceId: () => 'me' });
    roster.hear([entry('dev-b', 'table-1'), entry('me', 'table-1'), entry('dev-c', null)]);
    expect([...roster.current().entries()]).toEqual([['table-1', [entry('dev-b', 'table-1')]]]);
    now += PRESENCE_TTL_MS - 1;
    expect(roster.current().get('table-1')).toHaveLength(1);
    now += 1;
    expect(roster.current().size).toBe(0);
    // A till moving to another order leaves the first one.
    roster.hear([entry('dev-b', 'table-1')]);
    roster.hear([entry('dev-b', 'table-2')]);
    expect([...roster.current().keys()]).toEqual(['table-2']);
  });

  it('says which order it has on screen, repeats it only while on one, and says once when it leaves', () => {
    roster = new PresenceRoster({ now: () => 0, selfDeviceId: () => 'me' });
    const sent: PresenceRequest[] = [];
    roster.connect((request) => {
      sent.push(request);
      return Promise.resolve();
    });
    expect(sent).toEqual([]);
    roster.announce('table-1', 'Marie');
    roster.announce('table-1', 'Marie');
    roster.refresh();
    roster.announce(null, null);
    roster.refresh();
    expect(sent).toEqual([
      { orderId: 'table-1', staffName: 'Marie' },
      { orderId: 'table-1', staffName: 'Marie' },
      { orderId: null, staffName: null },
    ]);
  });
});
