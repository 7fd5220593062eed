import type { TillDatabase } from '../data/database.js';

/** Local setting holding the pruning horizon (epoch ms). */
export const PRUNED_BEFORE_KEY = 'print:pruned-before';

/**
 * "Every print request with `at` below this value is done": its jobs may have been deleted, and
 * it is never materialised again. The reconciler skips such requests; the pruner deletes only
 * jobs of requests below it.
 *
 * Only ever raised, and raised on disk before in memory: a deleted job's request is then below
 * the persisted value whatever the moment the till dies, so no restart can bring its ticket back.
 * Lowering it would do exactly that, which is why a clock set back never lowers it.
 */
export class PrintHorizon {
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly db: TillDatabase,
    private current: number,
    private readonly now: () => number,
  ) {}

  /** Reads the horizon (−1, "nothing pruned", when it was never written). */
  static async load(db: TillDatabase, now: () => number = Date.now): Promise<PrintHorizon> {
    const doc = await db.settings.findOne(PRUNED_BEFORE_KEY).exec();
    const value = doc ? Number(doc.toJSON().value) : -1;
    return new PrintHorizon(db, Number.isFinite(value) ? value : -1, now);
  }

  get value(): number {
    return this.current;
  }

  /**
   * Raises the horizon to `value` (never lowers it); resolves once the new value is on disk
   * (`settings` is a strict-durability collection) and only then makes it visible in memory.
   */
  raise(value: number): Promise<void> {
    this.writing = this.writing
      .catch(() => undefined)
      .then(async () => {
        if (!Number.isFinite(value) || value <= this.current) return;
        await this.db.settings.upsert({ id: PRUNED_BEFORE_KEY, value, updatedAt: this.now() });
        this.current = value;
      });
    return this.writing;
  }
}
