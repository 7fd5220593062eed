import { describe, expect, it, vi } from 'vitest';
import type { TillPorts } from '../till-ports/index.js';
import { whenReady } from './deferred-printing-ports.js';

type PrintingPorts = TillPorts['printing'];

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Ports whose drawer kick and printer subscription are recorded. */
function recordingPorts() {
  const calls: string[] = [];
  const ports = {
    openCashDrawer: vi.fn(() => {
      calls.push('drawer');
      return Promise.resolve();
    }),
    subscribePrinters: vi.fn((listener: (v: never[]) => void) => {
      calls.push('subscribed');
      listener([]);
      return () => calls.push('unsubscribed');
    }),
  } as unknown as PrintingPorts;
  return { ports, calls };
}

describe('whenReady (printing ports before printing has started)', () => {
  it('holds calls and subscriptions until printing is ready, then runs them', async () => {
    const ready = deferred<PrintingPorts>();
    const { ports, calls } = recordingPorts();
    const early = whenReady(ready.promise);
    const kicked = early.openCashDrawer();
    const seen: unknown[] = [];
    const stop = early.subscribePrinters((v) => seen.push(v));
    await Promise.resolve();
    expect(calls).toEqual([]);
    ready.resolve(ports);
    await kicked;
    expect([...calls].sort()).toEqual(['drawer', 'subscribed']);
    expect(seen).toEqual([[]]);
    stop();
    expect(calls.at(-1)).toBe('unsubscribed');
  });

  it('never subscribes a listener that left before printing was ready', async () => {
    const ready = deferred<PrintingPorts>();
    const { ports, calls } = recordingPorts();
    const stop = whenReady(ready.promise).subscribePrinters(() => undefined);
    stop();
    ready.resolve(ports);
    await ready.promise;
    await Promise.resolve();
    expect(calls).toEqual([]);
  });

  it('passes the real ports\' errors through', async () => {
    const ports = { reroute: () => Promise.reject(new Error('No printer "bar-2"')) } as unknown as PrintingPorts;
    await expect(whenReady(Promise.resolve(ports)).reroute('bar', 'bar-2')).rejects.toThrow('No printer "bar-2"');
  });
});
