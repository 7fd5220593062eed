import { describe, expect, it } from 'vitest';
import { deviceHealth, SILENT_AFTER_MS } from './health';

const now = Date.UTC(2026, 11, 2, 12);
const iso = (ms: number) => new Date(ms).toISOString();

describe('device health', () => {
  it('sums collections and takes the latest push, pull and sighting', () => {
    const health = deviceHealth(
      {
        deviceId: 'dev_1',
        name: 'Comptoir',
        branchId: 'b1',
        revoked: false,
        lastSeenAt: iso(now - 120_000),
        collections: [
          { lastPullAt: iso(now - 60_000), lastPushAt: null, lag: 2, conflicts: 0 },
          { lastPullAt: iso(now - 90_000), lastPushAt: iso(now - 30_000), lag: 3, conflicts: 1 },
        ],
      },
      now,
    );
    expect(health).toMatchObject({
      status: 'ok',
      lastSeenAt: now - 30_000,
      lastPushAt: now - 30_000,
      lastPullAt: now - 60_000,
      behind: 5,
      conflicts: 1,
    });
  });

  it('flags a till silent for over 10 minutes, one never seen, and a revoked one', () => {
    const base = { deviceId: 'd', name: 'T', branchId: 'b', revoked: false, collections: [] };
    expect(deviceHealth({ ...base, lastSeenAt: iso(now - SILENT_AFTER_MS) }, now).status).toBe(
      'ok',
    );
    expect(deviceHealth({ ...base, lastSeenAt: iso(now - SILENT_AFTER_MS - 1) }, now).status).toBe(
      'stale',
    );
    expect(deviceHealth({ ...base, lastSeenAt: null }, now).status).toBe('stale');
    expect(deviceHealth({ ...base, revoked: true, lastSeenAt: iso(now) }, now).status).toBe(
      'revoked',
    );
  });

  it('shows the till’s own report, counts printers not ready, and a recent report keeps it fresh', () => {
    const base = { deviceId: 'd', name: 'T', branchId: 'b', revoked: false, collections: [] };
    const heartbeat = {
      unsyncedOrders: 4,
      printQueue: 2,
      printers: [
        { id: 'r', name: 'Receipt', state: 'paper-out' as const },
        { id: 'k', name: 'Kitchen', state: 'online' as const },
      ],
      appVersion: '0.1.0',
    };
    const health = deviceHealth(
      {
        ...base,
        lastSeenAt: iso(now - SILENT_AFTER_MS - 1),
        heartbeat,
        heartbeatAt: iso(now - 1000),
      },
      now,
    );
    expect(health).toMatchObject({ status: 'ok', reported: heartbeat, printerProblems: 1 });
    expect(deviceHealth({ ...base, lastSeenAt: null }, now)).toMatchObject({
      reported: null,
      printerProblems: 0,
    });
  });
});
