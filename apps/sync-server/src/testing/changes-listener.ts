import type { ChangesEvent } from '@comanda/core/sync';
import type { Client } from './client';

/**
 * Subscribes a till's client to `sync.changes` and collects its events; `until` waits for a
 * condition on them (polling the collected events, with a generous deadline: never a timing
 * assertion).
 */
export function listenToChanges(till: Client) {
  const events: ChangesEvent[] = [];
  const errors: unknown[] = [];
  const sub = till.sync.changes.subscribe(
    {},
    { onData: (event) => events.push(event), onError: (error) => errors.push(error) },
  );
  const until = async (check: () => boolean | Promise<boolean>, ms = 15_000) => {
    const deadline = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > deadline)
        throw new Error(
          `timed out; events: ${JSON.stringify(events).slice(0, 500)} errors: ${String(errors)}`,
        );
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const changed = () =>
    events.flatMap((e) => (typeof e === 'object' && 'changed' in e ? e.changed : []));
  const presence = () =>
    events.flatMap((e) => (typeof e === 'object' && 'presence' in e ? e.presence : []));
  return { events, errors, until, changed, presence, stop: () => sub.unsubscribe() };
}
