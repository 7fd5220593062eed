import { orderDocSchema, staleOrderWrite } from '@comanda/core';
import type { RxCollection } from 'rxdb';
import { DocumentRepository } from './repository.js';

export type OrderRepository = DocumentRepository<typeof orderDocSchema>;

/**
 * The till's orders: a save newer by `updatedAt` than the stored version is still refused as a
 * conflict when it was computed from an older one (core's `staleOrderWrite`): other tills' versions
 * arrive by replication with their own clocks, so a newer clock does not mean a newer read.
 */
export function orderRepository(collection: RxCollection<Record<string, unknown>>): OrderRepository {
  return new DocumentRepository(collection, orderDocSchema, 'order', (stored, next) => staleOrderWrite(stored, next));
}
