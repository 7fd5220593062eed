import type { TillMode, TillRuntime } from '../runtime/runtime.js';
import { useSyncStatus } from './use-sync-status.js';

function timeOf(at: number | null): string {
  return at === null ? 'never' : new Date(at).toLocaleTimeString();
}

/** Always visible: is this till online, what is still waiting to sync, when did it last sync. */
export function StatusBar(props: { runtime: TillRuntime; mode: TillMode; onPairLater: () => void }) {
  const { runtime, mode, onPairLater } = props;
  const status = useSyncStatus(runtime.tracker);
  const unsynced = status.unsyncedOrderCount;
  const connection = mode !== 'paired' ? 'standalone' : status.online ? 'online' : 'offline';
  return (
    <footer className="status-bar" role="status" aria-live="polite" data-testid="status-bar">
      <span className={`pill pill-${connection}`} data-testid="sync-connection">
        {connection === 'standalone' ? 'Standalone (not paired)' : connection === 'online' ? 'Online' : 'Offline'}
      </span>
      <span data-testid="sync-unsynced" data-count={unsynced ?? ''}>
        {unsynced === null ? 'Counting orders…' : unsynced === 0 ? 'All orders synced' : `${unsynced} order${unsynced === 1 ? '' : 's'} not yet synced`}
      </span>
      <span data-testid="sync-pending" data-count={status.pendingCount}>
        {status.pendingCount} pending
      </span>
      <span data-testid="sync-last">Last sync: {timeOf(status.lastSyncAt)}</span>
      {status.initialSync && (
        <span className="progress" data-testid="sync-progress">
          Initial sync{' '}
          {status.initialSync.expected === null ? (
            <progress max={status.initialSync.total} value={status.initialSync.done} />
          ) : (
            <progress max={Math.max(1, status.initialSync.expected)} value={status.initialSync.documents} />
          )}{' '}
          {status.initialSync.documents}
          {status.initialSync.expected === null ? '' : ` / ${status.initialSync.expected}`} docs
        </span>
      )}
      {status.error && mode === 'paired' && (
        <span className="error" data-testid="sync-error" title={status.error}>
          {status.error}
        </span>
      )}
      {mode !== 'paired' && (
        <button type="button" onClick={onPairLater} data-testid="pair-later">
          Pair with server…
        </button>
      )}
    </footer>
  );
}
