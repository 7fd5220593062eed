import { ACCESS_TOKEN_TTL_SECONDS } from '../../auth/jwt';
import type { HubEvent } from '../../sync/change-hub';
import { protectedProcedure } from '../../trpc';
import { branchesOf } from './context';
import { DEVICE_ACTIVITY } from './device-signal';

/** What the back office hears: which collections changed (`*`: anything, read everything again). */
export interface LiveChange {
  collections: string[];
}

/**
 * Change signals for the back office over SSE: the collections of the user's org (and, for a
 * manager, of their branches) that changed, coalesced while the client reads. No documents travel
 * here; the page re-reads what it shows. The token comes from the `Authorization` header like any
 * other call (never the URL). A stream ends after an access token's lifetime, so the client
 * reconnects with a fresh token and a revoked or deactivated account stops hearing.
 */
export const liveProcedure = protectedProcedure.subscription(async function* ({ ctx, signal }) {
  const visible = branchesOf(ctx);
  const changed = new Set<string>();
  let wake: (() => void) | null = null;
  const onEvent = (event: HubEvent) => {
    if (event.type === 'resync') changed.add('*');
    else if (event.type === 'presence')
      return; // which till shows which order: not the back office's
    else {
      const n = event.notice;
      if (n.org !== ctx.user.org) return;
      // A device signal names no branch: a manager re-reads the health of their own branches.
      const seen = n.collection === DEVICE_ACTIVITY || !visible;
      if (!seen && !n.branches.some((b) => b === null || visible?.includes(b))) return;
      changed.add(n.collection);
    }
    wake?.();
  };
  const unsubscribe = ctx.services.hub.subscribe(onEvent);
  const onAbort = () => wake?.();
  signal?.addEventListener('abort', onAbort);
  const timer = setTimeout(onAbort, ACCESS_TOKEN_TTL_SECONDS * 1000);
  const endsAt = Date.now() + ACCESS_TOKEN_TTL_SECONDS * 1000;
  try {
    while (!signal?.aborted && Date.now() < endsAt) {
      if (changed.size === 0) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = null;
        continue;
      }
      const collections = [...changed];
      changed.clear();
      yield { collections } satisfies LiveChange;
    }
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    unsubscribe();
  }
});
