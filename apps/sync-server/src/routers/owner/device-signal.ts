import type { Services } from '../../services';
import type { ChangeNotice } from '../../sync/change-hub';

/** The collection name of a device signal: not a replicated collection, no till pulls it. */
export const DEVICE_ACTIVITY = 'devices';

/**
 * Tells the back office's live stream that a till of the org was paired, revoked or reported in
 * (a heartbeat), so the devices screen re-reads its health instead of polling. The notice names no
 * branch, so no till's or hub's stream matches it (tills only pull replicated collections);
 * `owner.live` passes it to every listener of the org, which re-reads its own scoped list.
 */
export async function signalDeviceActivity(
  services: Pick<Services, 'hub' | 'db' | 'activeDevices'>,
  org: string,
  revoked?: string,
): Promise<void> {
  // This instance stops trusting a revoked till before the revoking call answers; the others when
  // the notice reaches them.
  if (revoked) services.activeDevices.forget(org, revoked);
  const notice: ChangeNotice = {
    org,
    collection: DEVICE_ACTIVITY,
    branches: [],
    ...(revoked ? { revoked } : {}),
  };
  // Outside a transaction: on Postgres the NOTIFY commits at once; on PGlite it is in-process.
  await services.hub.publishInTransaction(services.db.pool, notice);
  services.hub.afterCommit(notice);
}
