import type { TillDatabase } from './database.js';

/**
 * A persisted "everything with `updatedAt` ≤ value is done" mark over one collection, so work
 * that must look at every document (is it acknowledged? are its print jobs materialised?) reads
 * only the documents above the mark at start instead of all 100,000 stored orders.
 *
 * The owner advances it when everything up to a point is done and lowers it when a document
 * changes at or below it (the till's clock went backwards): a document is never hidden below the
 * mark while it still needs work. Raising is written lazily (a crash only makes the next start
 * re-read a few more documents); lowering is written before `lower` resolves.
 */
export class Watermark {
  private persisted: number;
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly db: TillDatabase,
    private readonly key: string,
    private current: number,
    private readonly now: () => number,
  ) {
    this.persisted = current;
  }

  /** Reads the mark (−1, "nothing done", when it was never written). */
  static async load(db: TillDatabase, key: string, now: () => number = Date.now): Promise<Watermark> {
    const doc = await db.settings.findOne(key).exec();
    const value = doc ? Number(doc.toJSON().value) : -1;
    return new Watermark(db, key, Number.isFinite(value) ? value : -1, now);
  }

  get value(): number {
    return this.current;
  }

  /** Everything at or below `value` is done. Never moves the mark down. */
  advance(value: number): void {
    if (value <= this.current) return;
    this.current = value;
    void this.flush().catch(() => undefined);
  }

  /** A document at `updatedAt` needs work again: make sure the next start reads it. */
  lower(updatedAt: number): Promise<void> {
    if (updatedAt > this.current) return Promise.resolve();
    this.current = updatedAt - 1;
    return this.flush();
  }

  /** Writes the current mark if it changed (one write at a time, the last value wins). */
  flush(): Promise<void> {
    this.writing = this.writing
      .catch(() => undefined)
      .then(async () => {
        if (this.current === this.persisted) return;
        const value = this.current;
        await this.db.settings.upsert({ id: this.key, value, updatedAt: this.now() });
        this.persisted = value;
      });
    return this.writing;
  }
}
