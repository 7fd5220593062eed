import { AUDIT_EVENT_SCHEMA_VERSION, auditEventDocSchema } from '@comanda/core';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openTillDatabase, type TillDatabase } from '../data/database.js';
import { startTillReplication, type TillReplication } from './replication.js';
import type { PushRow, StreamHandlers, SyncClient } from './sync-client.js';

/** A server that is down until told otherwise: pushes fail, then are recorded once up. */
function outageClient() {
  const state = { down: true, failures: 0, received: [] as PushRow[], stream: null as StreamHandlers | null };
  const client = {
    push: (_collection: string, rows: PushRow[]) => {
      if (state.down) {
        state.failures++;
        return Promise.reject(new TypeError('Failed to fetch'));
      }
      state.received.push(...rows);
      return Promise.resolve([]);
    },
    changes: (handlers: StreamHandlers) => {
      state.stream = handlers;
      return { unsubscribe: () => undefined };
    },
  } as unknown as SyncClient;
  return { state, client };
}

const event = (n: number) =>
  auditEventDocSchema.parse({
    id: `0195f0a0-0000-7000-8000-${String(n).padStart(12, '0')}`,
    schemaVersion: AUDIT_EVENT_SCHEMA_VERSION,
    branchId: 'paris-11',
    updatedAt: 1_767_261_600_000 + n,
    type: 'staff.login',
    at: 1_767_261_600_000 + n,
    tillId: 'comptoir',
    staffId: null,
  });

describe('push retries after an outage', () => {
  let db: TillDatabase | null = null;
  let replication: TillReplication | null = null;
  afterEach(async () => {
    await replication?.stop();
    await db?.close();
  });

  it('go as soon as the server is heard from, not after the backoff, and every document arrives once', async () => {
    db = await openTillDatabase({ name: 'push-retry', indexedDB: new IDBFactory(), IDBKeyRange });
    const { state, client } = outageClient();
    await db.auditEvents.bulkInsert(Array.from({ length: 30 }, (_, i) => event(i + 1)));
    replication = startTillReplication({
      db,
      client,
      identity: 'push-retry',
      collections: ['auditEvents'],
      events: { onSuccess: () => undefined, onError: () => undefined, onInitialSync: () => undefined, onPulled: () => undefined },
    });
    await expect.poll(() => state.failures, { timeout: 30_000 }).toBeGreaterThan(1);
    // Timers stop: a retry now can only come from the server being heard from, not from the
    // backoff running out (IndexedDB, on setImmediate, keeps working).
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      state.down = false;
      state.stream?.onStarted();
      for (let turn = 0; turn < 20_000 && state.received.length < 30; turn++) {
        await new Promise((resolve) => setImmediate(resolve));
      }
      expect(state.received.length).toBe(30);
    } finally {
      vi.useRealTimers();
    }
    expect(await replication.awaitInSync(30_000)).toBe(true);
    expect(state.received.map((r) => r.newDocumentState.id).sort()).toEqual(
      Array.from({ length: 30 }, (_, i) => event(i + 1).id),
    );
    expect(await db.syncAcks.count().exec()).toBe(30);
  });
});
