import { pluralCategory, useI18n, type I18n } from '@comanda/ui';
import type { TillMode, TillRuntime } from '../runtime/runtime.js';
import type { SyncStatusSnapshot } from '../sync/sync-status.js';
import { useSyncStatus } from './use-sync-status.js';

/** The connection pill's state and words: what is true, never "Unknown error". */
export function connectionView(status: SyncStatusSnapshot, mode: TillMode, i18n: I18n, now: number): { state: string; text: string } {
  const { t } = i18n;
  if (mode !== 'paired') return { state: 'standalone', text: t('sync.standalone') };
  if (status.online) return { state: 'online', text: t('sync.online') };
  if (status.problem === null) return { state: 'connecting', text: t('sync.connecting') };
  const since = status.offlineSince ?? status.lastSyncAt;
  return { state: 'offline', text: since === null ? t('sync.offline') : t('sync.offlineSince', { time: i18n.when(since, now) }) };
}

/** "All orders synced", "3 orders waiting" or, while counting at start-up, says so. */
export function waitingView(count: number | null, i18n: I18n): string {
  if (count === null) return i18n.t('sync.counting');
  if (count === 0) return i18n.t('sync.allSynced');
  return i18n.t(pluralCategory(i18n.numberLocale, count) === 'one' ? 'sync.ordersWaiting.one' : 'sync.ordersWaiting.other', { count });
}

/**
 * Always visible, in the till's language: is this till online (or since when it is not), how many
 * orders wait to sync, when it last synced (kept across restarts), and a revoked till or a
 * server's error in the server's words.
 */
export function StatusBar(props: { runtime: TillRuntime; mode: TillMode; onPairLater: () => void }) {
  const { runtime, mode, onPairLater } = props;
  const i18n = useI18n();
  const { t } = i18n;
  const status = useSyncStatus(runtime.tracker);
  const now = runtime.clock.now();
  const connection = connectionView(status, mode, i18n, now);
  const unsynced = status.unsyncedOrderCount;
  return (
    <footer className="status-bar" role="status" aria-live="polite" data-testid="status-bar">
      <span className={`pill pill-${connection.state}`} data-testid="sync-connection" data-state={connection.state}>
        {connection.text}
      </span>
      <span data-testid="sync-unsynced" data-count={unsynced ?? ''}>
        {connection.state === 'offline' ? ' — ' : ''}
        {waitingView(unsynced, i18n)}
      </span>
      <span data-testid="sync-last" data-at={status.lastSyncAt ?? ''}>
        {status.lastSyncAt === null ? t('sync.lastNever') : t('sync.last', { time: i18n.when(status.lastSyncAt, now) })}
      </span>
      {status.initialSync && (
        <span className="progress" data-testid="sync-progress">
          {status.initialSync.expected === null
            ? t('sync.initial', { documents: status.initialSync.documents })
            : t('sync.initialOf', { documents: status.initialSync.documents, expected: status.initialSync.expected })}{' '}
          {status.initialSync.expected === null ? (
            <progress max={status.initialSync.total} value={status.initialSync.done} />
          ) : (
            <progress max={Math.max(1, status.initialSync.expected)} value={status.initialSync.documents} />
          )}
        </span>
      )}
      {mode === 'paired' && (status.problem === 'revoked' || status.problem === 'server') && (
        <span className="error" data-testid="sync-error" data-problem={status.problem}>
          {t(status.problem === 'revoked' ? 'sync.revoked' : 'sync.serverError', { message: status.error ?? '' })}
        </span>
      )}
      {mode !== 'paired' && (
        <button type="button" onClick={onPairLater} data-testid="pair-later">
          {t('sync.pairLater')}
        </button>
      )}
    </footer>
  );
}
