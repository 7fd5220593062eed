import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenToChanges as listen } from '../testing/changes-listener';
import type { Client } from '../testing/client';
import { orderDoc } from '../testing/docs';
import { ENGINES, pushNew, startWithTills } from '../testing/engines';
import type { TestServer } from '../testing/index';

/**
 * One stream per till for every collection: it names what changed for the branch (never another
 * branch's changes) and relays which order each till has open.
 */
describe.each(ENGINES)('sync.changes on %s', (engine) => {
  let server: TestServer;
  let paris: string;
  let lyon: string;
  let tillA: Client;
  let tillB: Client;
  let lyonTill: Client;
  let n = 0;
  const newId = () => `ch-${engine}-${String(++n).padStart(5, '0')}`;
  const push = (client: Client, doc: Record<string, unknown> & { id: string }) =>
    pushNew(client, 'orders', [{ ...doc, _deleted: false }]);

  beforeAll(async () => {
    let tills;
    ({ server, paris, lyon, tills } = await startWithTills(engine, {
      paris: ['Bar', 'Terrace'],
      lyon: ['Lyon'],
    }));
    ({ Bar: tillA, Terrace: tillB, Lyon: lyonTill } = tills);
  });
  afterAll(() => server?.close());

  it('starts with RESYNC, then names the collections its branch changed', async () => {
    const live = listen(tillB);
    try {
      await live.until(() => live.events.length >= 2);
      expect(live.events[0]).toBe('RESYNC');
      // Another branch's order wakes nobody here; this branch's does.
      await push(lyonTill, orderDoc({ id: newId(), branchId: lyon }));
      await push(tillA, orderDoc({ id: newId(), branchId: paris }));
      await live.until(() => live.changed().includes('orders'));
      expect(live.changed()).toEqual(['orders']);
      expect(live.errors).toEqual([]);
    } finally {
      live.stop();
    }
  });

  it('relays which order a till has open, with its name and code, and keeps "since" while it stays', async () => {
    const live = listen(tillB);
    try {
      await live.until(() => live.events.length >= 2);
      const first = await tillA.sync.presence.mutate({ orderId: 'table-7', staffName: 'Marie' });
      await live.until(() => live.presence().some((p) => p.orderId === 'table-7'));
      const seen = live.presence().find((p) => p.orderId === 'table-7');
      expect(seen).toEqual(first);
      expect(seen).toMatchObject({ tillName: 'Bar', staffName: 'Marie' });
      expect(seen?.tillCode).toMatch(/^[A-Z]{1,2}$/);

      const again = await tillA.sync.presence.mutate({ orderId: 'table-7', staffName: 'Marie' });
      expect(again.since).toBe(first.since);
      // A stream opened now starts with the branch's picture; another branch's stream does not.
      const late = listen(tillB);
      const elsewhere = listen(lyonTill);
      try {
        await late.until(() => late.presence().some((p) => p.orderId === 'table-7'));
        await elsewhere.until(() => elsewhere.events.length >= 2);
        expect(elsewhere.presence()).toEqual([]);
      } finally {
        late.stop();
        elsewhere.stop();
      }
      await tillA.sync.presence.mutate({ orderId: null, staffName: null });
      await live.until(() => live.presence().at(-1)?.orderId === null);
    } finally {
      live.stop();
    }
  });

  it('refuses a presence that is not bounded', async () => {
    await expect(
      tillA.sync.presence.mutate({ orderId: 'x'.repeat(201), staffName: null }),
    ).rejects.toThrow(/orderId/);
  });
});
