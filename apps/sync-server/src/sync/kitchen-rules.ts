import { orderDocSchema, sameJson, type KitchenBump } from '@comanda/core';
import type { SyncCollectionName } from '@comanda/core/sync';
import { TRPCError } from '@trpc/server';
import type { WriteRow } from './documents';

/** What a kitchen screen may change in an order besides appending bumps. */
const KITCHEN_MUTABLE = new Set(['kitchenBumps', 'updatedAt']);

function forbidden(message: string): TRPCError {
  return new TRPCError({ code: 'FORBIDDEN', message });
}

/**
 * The rules of a kitchen screen's push (documents already validated), checked before the order
 * rules: it writes only
 * `orders`, only orders the server already has (the ones it was sent), and of them it only appends
 * kitchen bump records, for tickets of its own stations (an expo screen, with no station listed,
 * for any). It is checked against the state the screen assumed, so a stale bump still merges with
 * the server's newer copy (the bumps are a set). Everything else is 403 with the reason.
 */
export function assertKitchenPush(
  collection: SyncCollectionName,
  rows: readonly Pick<WriteRow, 'assumed' | 'next'>[],
  stations: readonly string[],
): void {
  if (collection !== 'orders')
    throw forbidden(`A kitchen screen only bumps orders; it cannot write "${collection}"`);
  rows.forEach((row, i) => {
    const { next, assumed } = row;
    if (!assumed) throw forbidden(`rows.${i}: a kitchen screen cannot create order ${next.id}`);
    if (next._deleted)
      throw forbidden(`rows.${i}: a kitchen screen cannot delete order ${next.id}`);
    for (const key of new Set([...Object.keys(assumed), ...Object.keys(next)])) {
      if (!KITCHEN_MUTABLE.has(key) && !sameJson(assumed[key], next[key]))
        throw forbidden(`rows.${i}: a kitchen screen may only bump tickets; "${key}" changed`);
    }
    const before = orderDocSchema.shape.kitchenBumps.parse(assumed.kitchenBumps ?? []);
    const after = orderDocSchema.shape.kitchenBumps.parse(next.kitchenBumps ?? []);
    const kept = new Map(after.map((b) => [b.id, b]));
    if (before.some((b) => !sameJson(b, kept.get(b.id))))
      throw forbidden(`rows.${i}: kitchen bumps can only be added, never changed or removed`);
    const known = new Set(before.map((b) => b.id));
    const added: KitchenBump[] = after.filter((b) => !known.has(b.id));
    const foreign = added.find((b) => stations.length > 0 && !stations.includes(b.stationId));
    if (foreign)
      throw forbidden(
        `rows.${i}: this kitchen screen shows ${stations.join(', ')}; it cannot bump a ticket of ${foreign.stationId}`,
      );
  });
}
