import { useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useTRPC } from './client';

/**
 * Keeps the figures on screen current without polling: `owner.live` signals each change that
 * reaches the server (a till's order, an audit event, an owner's edit) and the reports, health,
 * devices and audit queries are read again. Menu and forms are left alone: an edit in progress is
 * never replaced under the owner's hands (a stale save is a 409 instead).
 */
export function useLiveUpdates(): void {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useSubscription(
    trpc.owner.live.subscriptionOptions(undefined, {
      onData: () => {
        for (const queryKey of [
          trpc.reports.pathKey(),
          trpc.owner.syncHealth.pathKey(),
          trpc.owner.audit.pathKey(),
          trpc.owner.devices.pathKey(),
        ])
          void queryClient.invalidateQueries({ queryKey });
      },
    }),
  );
}
