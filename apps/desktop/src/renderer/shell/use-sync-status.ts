import { useEffect, useState } from 'react';
import type { SyncStatusSnapshot, SyncStatusTracker } from '../sync/sync-status.js';

/** The tracker's current status, re-rendering on change. */
export function useSyncStatus(tracker: SyncStatusTracker): SyncStatusSnapshot {
  const [status, setStatus] = useState(tracker.current);
  useEffect(() => tracker.subscribe(setStatus), [tracker]);
  return status;
}
