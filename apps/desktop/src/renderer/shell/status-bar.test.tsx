// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { I18nProvider, type Locale } from '@comanda/ui';
import { afterEach, describe, expect, it } from 'vitest';
import type { TillRuntime } from '../runtime/runtime.js';
import type { SyncStatusSnapshot, SyncStatusTracker } from '../sync/sync-status.js';
import { StatusBar } from './status-bar.js';

afterEach(cleanup);

const at = (hh: number, mm: number) => Date.UTC(2026, 10, 23, hh - 1, mm); // Paris is UTC+1 in November
const base: SyncStatusSnapshot = {
  paired: true,
  online: true,
  offlineSince: null,
  lastSyncAt: at(14, 2),
  problem: null,
  error: null,
  unsyncedOrderIds: [],
  unsyncedOrderCount: 0,
  pendingCount: 0,
  initialSync: null,
};

function renderBar(status: Partial<SyncStatusSnapshot>, locale: Locale = 'en', now = at(14, 30)) {
  const current = { ...base, ...status };
  const tracker = { current, subscribe: (listener: (s: SyncStatusSnapshot) => void) => (listener(current), () => true) };
  const runtime = { tracker: tracker as unknown as SyncStatusTracker, clock: { now: () => now } } as unknown as TillRuntime;
  render(
    <I18nProvider locale={locale} currency="EUR" timeZone="Europe/Paris">
      <StatusBar runtime={runtime} mode="paired" onPairLater={() => undefined} />
    </I18nProvider>,
  );
  return screen.getByTestId('status-bar').textContent;
}

describe('StatusBar', () => {
  it('offline reads "Offline since 14:02 — 3 orders waiting", in the branch time zone, 24-hour', () => {
    const offline = { online: false, problem: 'offline' as const, offlineSince: at(14, 2), unsyncedOrderCount: 3, lastSyncAt: at(14, 1) };
    expect(renderBar(offline)).toContain('Offline since 14:02 — 3 orders waiting');
    expect(screen.queryByTestId('sync-error')).toBeNull();
    cleanup();
    expect(renderBar(offline, 'fr')).toContain('Hors ligne depuis 14:02 — 3 commandes en attente');
    cleanup();
    expect(renderBar({ ...offline, offlineSince: at(23, 50) - 86_400_000 }, 'fr')).toContain('Hors ligne depuis 22/11/2026 23:50');
  });

  it('says the till was revoked or what the server said; a fresh start is "Connecting…", not offline', () => {
    renderBar({ problem: 'revoked', error: 'This till was revoked' });
    expect(screen.getByTestId('sync-error').textContent).toBe('This till was revoked: This till was revoked');
    cleanup();
    expect(renderBar({ online: false, lastSyncAt: null })).toContain('Connecting…');
    expect(screen.getByTestId('sync-last').textContent).toBe('Never synced');
  });

  it("a new till's first sync shows a progress bar of documents pulled of the backlog, in English and French", () => {
    const first = { lastSyncAt: null, initialSync: { done: 4, total: 7, documents: 1200, expected: 30000 } };
    expect(renderBar(first)).toContain('First sync: 1200 of 30000 documents');
    const bar = screen.getByTestId('sync-progress').querySelector('progress')!;
    expect([bar.getAttribute('value'), bar.getAttribute('max')]).toEqual(['1200', '30000']);
    cleanup();
    expect(renderBar(first, 'fr')).toContain('Première synchro : 1200 documents sur 30000');
    cleanup();
    // Before the server said how many: collections done of all, then no bar once caught up.
    expect(renderBar({ ...first, initialSync: { done: 2, total: 7, documents: 0, expected: null } })).toContain('First sync: 0 documents');
    expect(screen.getByTestId('sync-progress').querySelector('progress')!.getAttribute('max')).toBe('7');
    cleanup();
    renderBar({ initialSync: null });
    expect(screen.queryByTestId('sync-progress')).toBeNull();
  });

  it('speaks French with one order waiting and the last sync time', () => {
    expect(renderBar({ unsyncedOrderCount: 1 }, 'fr')).toMatch(/En ligne.*1 commande en attente.*Dernière synchro : 14:02/);
  });
});
