import type { ChangesEvent } from '@comanda/core/sync';
import { pairTill, startTestServer, type TestServer } from '@comanda/sync-server/testing';
import { EventSource } from 'eventsource';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DeviceTokenSource } from './device-auth.js';
import { keepStreamOpen, type OpenStream, type StreamHandlers } from './live-stream.js';
import { createPublicSyncClient, createSyncClient } from './sync-client.js';

type Ends = Parameters<OpenStream>[0];

/** A transport whose subscriptions the test drives: `opened[i]` are the handlers of the i-th one. */
function fakeTransport() {
  const opened: Ends[] = [];
  const closed: number[] = [];
  const open: OpenStream = (handlers) => {
    const index = opened.push(handlers) - 1;
    return { unsubscribe: () => void closed.push(index) };
  };
  return { open, opened, closed };
}

function recorder(): StreamHandlers & { events: string[] } {
  const events: string[] = [];
  return {
    events,
    onStarted: () => events.push('started'),
    onData: (item) => events.push(JSON.stringify(item)),
    onError: (error) => events.push(`error: ${error.message}`),
  };
}

describe('keepStreamOpen', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('opens an ended stream again after a pause that doubles to 5 s and starts over once an event arrives', () => {
    vi.useFakeTimers();
    const transport = fakeTransport();
    const handlers = recorder();
    keepStreamOpen(transport.open, handlers);
    expect(transport.opened).toHaveLength(1);
    const pausesBeforeReopen: number[] = [];
    for (let i = 0; i < 5; i++) {
      transport.opened.at(-1)!.onEnded(new Error('401'));
      const count = transport.opened.length;
      let waited = 0;
      while (transport.opened.length === count) {
        vi.advanceTimersByTime(100);
        waited += 100;
      }
      pausesBeforeReopen.push(waited);
    }
    expect(pausesBeforeReopen).toEqual([1000, 2000, 4000, 5000, 5000]);
    // Each ended subscription was released; the error was reported every time.
    expect(transport.closed).toEqual([0, 1, 2, 3, 4]);
    expect(handlers.events.filter((e) => e === 'error: 401')).toHaveLength(5);
    // An event: the next pause is the shortest again.
    transport.opened.at(-1)!.onData('RESYNC');
    transport.opened.at(-1)!.onEnded(null);
    vi.advanceTimersByTime(999);
    expect(transport.opened).toHaveLength(6);
    vi.advanceTimersByTime(1);
    expect(transport.opened).toHaveLength(7);
  });

  it('reports a reconnecting stream without opening a second one, ignores a late end, and stops for good when unsubscribed', () => {
    vi.useFakeTimers();
    const transport = fakeTransport();
    const handlers = recorder();
    const stream = keepStreamOpen(transport.open, handlers);
    transport.opened[0]!.onError(new Error('connection refused'));
    vi.advanceTimersByTime(10_000);
    expect(transport.opened).toHaveLength(1);
    expect(handlers.events).toEqual(['error: connection refused']);
    transport.opened[0]!.onEnded(new Error('401'));
    transport.opened[0]!.onEnded(new Error('again'));
    vi.advanceTimersByTime(1000);
    expect(transport.opened).toHaveLength(2);
    stream.unsubscribe();
    expect(transport.closed).toEqual([0, 1]);
    // Ended after unsubscribing (tRPC completes on unsubscribe): nothing is opened again.
    transport.opened[1]!.onEnded(null);
    vi.advanceTimersByTime(60_000);
    expect(transport.opened).toHaveLength(2);
  });

  it('handles a stream that ends before `open` returns', () => {
    vi.useFakeTimers();
    let calls = 0;
    const released: number[] = [];
    const stream = keepStreamOpen((handlers) => {
      const call = ++calls;
      if (call === 1) handlers.onEnded(new Error('refused at once'));
      return { unsubscribe: () => void released.push(call) };
    }, recorder());
    expect(released).toEqual([1]);
    vi.advanceTimersByTime(1000);
    expect(calls).toBe(2);
    stream.unsubscribe();
    expect(released).toEqual([1, 2]);
  });
});

/**
 * The stall of the branch e2e, at the sync client: a stream the server answers with an error event
 * (here a refused token; at a branch hub, a till paired after the hub last read its device list)
 * ended tRPC's subscription for good, and the till never heard a notice again.
 */
describe('the till live stream after the server refused it once (real sync server)', () => {
  let server: TestServer;
  beforeAll(async () => {
    (globalThis as { EventSource?: unknown }).EventSource ??= EventSource;
    server = await startTestServer({ inMemory: true });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
  });

  it('opens again and hears the next changes', { timeout: 90_000 }, async () => {
    const branchId = server.demo.branchIds[0]!;
    const credential = await pairTill(server.server, server.demo.orgId, branchId);
    const tokens = new DeviceTokenSource(createPublicSyncClient(server.url), credential);
    let refused = false;
    // The first connection presents a token the server refuses (401 as an SSE error event).
    const client = createSyncClient(server.url, async () => {
      if (refused) return tokens.get();
      refused = true;
      return 'not-a-token';
    });
    const heard: ChangesEvent[] = [];
    const errors: string[] = [];
    const stream = client.changes({ onStarted: () => undefined, onData: (item) => heard.push(item), onError: (error) => errors.push(error.message) });
    try {
      await vi.waitFor(() => expect(errors.join('\n')).toMatch(/Access token rejected/), { timeout: 30_000, interval: 50 });
      // Opened again: the new connection starts with RESYNC.
      await vi.waitFor(() => expect(heard).toContain('RESYNC'), { timeout: 30_000, interval: 50 });
    } finally {
      stream.unsubscribe();
    }
  });
});
