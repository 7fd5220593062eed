import type { SyncCollectionName } from '@comanda/core/sync';
import { TRPCError } from '@trpc/server';

/**
 * A customer ready board only reads: every push is refused (a TV in the dining room must never be
 * able to change an order, even with its token copied).
 */
export function boardPushRefused(): TRPCError {
  return new TRPCError({
    code: 'FORBIDDEN',
    message: 'A ready board only reads the branch’s orders; it cannot push changes',
  });
}

/**
 * A ready board pulls the branch's orders (the till pull) and its branch document (for the
 * branch's language), nothing else: no staff, no menu, no shifts.
 */
export function assertBoardPull(collection: SyncCollectionName): void {
  if (collection !== 'orders' && collection !== 'branches')
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: `A ready board only reads the branch’s orders; it cannot pull "${collection}"`,
    });
}
