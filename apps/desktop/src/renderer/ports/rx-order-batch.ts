import { orderDocSchema, staleOrderWrite } from '@comanda/core';
import type { RxCollection, RxDocumentData } from 'rxdb';
import { PortError, type Order } from '../till-ports/index.js';

type Stored = RxDocumentData<Record<string, unknown>>;

const sameContent = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function withoutMeta(doc: Stored): Record<string, unknown> {
  const { _rev: _r, _meta: _m, _attachments: _a, _deleted: _d, ...rest } = doc;
  return rest;
}

/**
 * Writes several orders in ONE IndexedDB transaction (a split bill: the new order and the source
 * without the moved units), so a crash leaves either both or neither.
 *
 * Why the storage instance and not `collection.bulkUpsert`: in RxDB 17 `bulkUpsert` is a
 * `bulkInsert` (one transaction) followed by a separate write for every document that already
 * existed, i.e. two transactions for a split. The collection's storage instance `bulkWrite` runs
 * all rows in one Dexie `rw` transaction (rx-storage-instance-dexie.js) on the collection's own
 * database, with the same strict durability; the wrapped instance stamps `_rev`/`_meta` and emits
 * the change events queries and replication listen to.
 *
 * Same rules as a single save: validated by the core schema first, a stored version that is as
 * new or newer is a conflict (nothing is written), re-writing an identical document is a no-op.
 * A revision changed by another writer between the read and the write would make the storage
 * refuse that row only; the till is the only writer of its orders and its saves are queued, so
 * that race does not occur in practice, and it is reported as a conflict if it ever does.
 */
export async function saveOrdersInOneTransaction(
  collection: RxCollection<Record<string, unknown>>,
  input: readonly Order[],
): Promise<Order[]> {
  const docs = input.map((o) => {
    const parsed = orderDocSchema.safeParse(o);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
      throw new PortError('invalid', `Invalid order ${o.id}: ${detail}`);
    }
    return parsed.data;
  });
  if (new Set(docs.map((d) => d.id)).size !== docs.length) throw new PortError('invalid', 'The same order appears twice in one save.');
  const storage = collection.storageInstance;
  const stored = new Map(
    (await storage.findDocumentsById(
      docs.map((d) => d.id),
      false,
    )).map((d) => [String(d.id), d]),
  );
  const rows = [];
  for (const doc of docs) {
    const previous = stored.get(doc.id);
    if (previous) {
      const current = withoutMeta(previous);
      if (current.updatedAt === doc.updatedAt && sameContent(current, doc)) continue;
      if (Number(current.updatedAt) >= doc.updatedAt) {
        throw new PortError('conflict', `Order ${doc.id} changed since it was read; reload it and try again.`);
      }
      // As a single save (order-repository.ts); a split's source gives its moved lines away.
      const parsed = orderDocSchema.safeParse(current);
      const linesMoved = docs.some((d) => d.splitFromOrderId === doc.id);
      const stale = parsed.success ? staleOrderWrite(parsed.data, doc, { linesMoved }) : null;
      if (stale) throw new PortError('conflict', `Order ${doc.id} changed since it was read (${stale}); reload it and try again.`);
    }
    const document = { ...doc, _deleted: false, _attachments: {}, _meta: { lwt: 0 }, _rev: '' } as Stored;
    rows.push(previous ? { previous, document } : { document });
  }
  if (rows.length > 0) {
    const result = await storage.bulkWrite(rows, 'comanda-orders-save-many');
    if (result.error.length > 0) {
      const ids = result.error.map((e) => e.documentId).join(', ');
      throw new PortError('conflict', `Order ${ids} changed while saving; reload it and try again.`);
    }
  }
  return docs;
}
