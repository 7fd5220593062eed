import { nextTicketNumber } from '@comanda/core/orders';
import type { TillDatabase } from '../data/database.js';

/**
 * Takes this till's next ticket number of a business day (core's `nextTicketNumber`) from its
 * counter in the strictly durable `settings` collection (`ticket:<day>` → last number issued).
 * The counter is stored before the number is returned, in one atomic read-modify-write
 * (`incrementalModify`), so two orders taken at once never share a number and a crash between
 * this and the order's write skips a number instead of reusing one.
 */
export async function takeTicketNumber(db: TillDatabase, businessDay: string, now: () => number): Promise<number> {
  const id = `ticket:${businessDay}`;
  const after = (last: number | null) => nextTicketNumber(last === null ? null : { businessDay, number: last }, businessDay).number;
  let doc = await db.settings.findOne(id).exec();
  if (!doc) {
    const first = after(null);
    try {
      await db.settings.insert({ id, value: first, updatedAt: now() });
      return first;
    } catch (error) {
      // Another call created the counter first (a conflict): increment it below.
      doc = await db.settings.findOne(id).exec();
      if (!doc) throw error;
    }
  }
  let taken = 0;
  await doc.incrementalModify((d) => {
    taken = after(Number(d.value));
    return { ...d, value: taken, updatedAt: now() };
  });
  return taken;
}
