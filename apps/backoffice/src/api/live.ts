import { useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useTRPC } from './client';

/**
 * Keeps the figures on screen current without polling: `owner.live` signals each change that
 * reaches the server (a till's order, an audit event, an owner's edit, a till's heartbeat, pairing
 * or revocation) and the queries it can change are read again — a device signal only the devices'
 * health and audit, so heartbeats do not re-run reports. Menu and forms are left alone: an edit in
 * progress is never replaced under the owner's hands (a stale save is a 409 instead).
 */
export function useLiveUpdates(): void {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useSubscription(
    trpc.owner.live.subscriptionOptions(undefined, {
      onData: ({ collections }) => {
        const devicesOnly = collections.every((c) => c === 'devices');
        for (const queryKey of [
          ...(devicesOnly ? [] : [trpc.reports.pathKey()]),
          trpc.owner.syncHealth.pathKey(),
          trpc.owner.audit.pathKey(),
          trpc.owner.devices.pathKey(),
        ])
          void queryClient.invalidateQueries({ queryKey });
      },
    }),
  );
}
