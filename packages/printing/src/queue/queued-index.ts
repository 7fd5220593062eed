import type { PrintJob, PrintJobStore } from './types';

/** What picking the next job needs of a queued job. */
export interface QueuedEntry {
  id: string;
  route: string;
  seq: number;
  nextAttemptAt: number;
  expiresAt: number | null;
}

/**
 * The worker's in-memory list of queued jobs, so choosing the next job does not read (and
 * validate) every waiting job from the store after each print: with 200 tickets waiting that
 * read took ~60 ms per job. The worker is the only writer of job states (one worker per store),
 * so it stays true as long as every write goes through {@link track}; after a store error it
 * is rebuilt from the store.
 */
export class QueuedIndex {
  private readonly entries = new Map<string, QueuedEntry>();
  private stale = true;

  /** Reads the queued jobs again on the next {@link ensure} (after a store error). */
  markStale(): void {
    this.stale = true;
  }

  async ensure(store: PrintJobStore): Promise<void> {
    if (!this.stale) return;
    const queued = await store.list(['queued']);
    this.entries.clear();
    for (const job of queued) this.track(job);
    this.stale = false;
  }

  /** Records a job as just stored. */
  track(job: PrintJob): void {
    if (job.state !== 'queued') this.entries.delete(job.id);
    else this.entries.set(job.id, { id: job.id, route: job.route, seq: job.seq, nextAttemptAt: job.nextAttemptAt, expiresAt: job.expiresAt });
  }

  forget(id: string): void {
    this.entries.delete(id);
  }

  /** Queued jobs in print order. */
  inOrder(): QueuedEntry[] {
    return [...this.entries.values()].sort((a, b) => a.seq - b.seq);
  }
}
