import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { ChangeHub, type HubEvent } from './change-hub';

describe('ChangeHub routing (one process: PGlite)', () => {
  it('hands a branch listener its branch’s changes and presence, org-wide changes and resyncs; others everything', async () => {
    const hub = new ChangeHub(null, pino({ level: 'silent' }));
    const heard = new Map<string, string[]>();
    const listen = (name: string, of?: { org: string; branch: string }) =>
      hub.subscribe((event: HubEvent) => {
        const what =
          event.type === 'resync'
            ? 'resync'
            : event.type === 'presence'
              ? `presence ${event.notice.org}/${event.notice.branch}`
              : `change ${event.notice.org}/${event.notice.branches.join('+')}`;
        heard.set(name, [...(heard.get(name) ?? []), what]);
      }, of);
    listen('everything');
    listen('a-paris', { org: 'org_a', branch: 'paris' });
    const stopParis2 = listen('a-paris-2', { org: 'org_a', branch: 'paris' });
    listen('a-lyon', { org: 'org_a', branch: 'lyon' });
    listen('b-paris', { org: 'org_b', branch: 'paris' });

    hub.afterCommit({ org: 'org_a', collection: 'orders', branches: ['paris'] });
    hub.afterCommit({ org: 'org_a', collection: 'menu', branches: [null] });
    hub.afterCommit({ org: 'org_a', collection: 'orders', branches: ['lyon', 'paris', 'lyon'] });
    hub.afterCommit({ org: 'org_c', collection: 'orders', branches: ['paris'] });
    const entry = { deviceId: 'till_1', tillName: 'Till 1', orderId: null, staffName: null, at: 0 };
    await hub.publishPresence(null as never, { org: 'org_b', branch: 'paris', entry } as never);
    stopParis2();
    (hub as unknown as { emit(e: HubEvent): void }).emit({ type: 'resync' });

    expect(heard.get('everything')).toEqual([
      'change org_a/paris',
      'change org_a/',
      'change org_a/lyon+paris+lyon',
      'change org_c/paris',
      'presence org_b/paris',
      'resync',
    ]);
    expect(heard.get('a-paris')).toEqual([
      'change org_a/paris',
      'change org_a/',
      'change org_a/lyon+paris+lyon',
      'resync',
    ]);
    // Unsubscribed before the resync.
    expect(heard.get('a-paris-2')).toEqual(heard.get('a-paris')!.slice(0, 3));
    // A notice naming a branch twice reaches it once.
    expect(heard.get('a-lyon')).toEqual([
      'change org_a/',
      'change org_a/lyon+paris+lyon',
      'resync',
    ]);
    expect(heard.get('b-paris')).toEqual(['presence org_b/paris', 'resync']);
  });
});
