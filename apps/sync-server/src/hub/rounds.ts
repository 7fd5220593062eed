import type { SyncCollectionName } from '@comanda/core/sync';

/** What a round is asked to pull: everything, or the collections the central server named. */
export type PullRequest = 'all' | readonly SyncCollectionName[];

export interface RoundsOptions {
  /** One replication round; throws when the central server is unreachable or refuses. */
  run(pull: PullRequest): Promise<void>;
  /** The safety net: a full round this long after the last one, whatever the stream said. */
  safetyNetMs: number;
  /** First pause before retrying a failed round; doubles up to `retryMaxMs`. */
  retryMinMs: number;
  retryMaxMs: number;
  onError(error: unknown): void;
}

/**
 * Runs the hub's replication rounds one at a time. What asks for one — a till's push to the hub
 * (`push`), an event of the central server's stream (`pull`), the safety-net timer or a failure's
 * retry (`full`) — is remembered while a round runs and served by the next one, so a burst of
 * requests costs one round after the current one, never a lost request.
 */
export class HubRounds {
  private full = true;
  private readonly pulls = new Set<SyncCollectionName>();
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private retryMs: number;
  /** A failed round's retry is pending: requests wait for it (it is a full round). */
  private retrying = false;
  private closed = false;

  constructor(private readonly options: RoundsOptions) {
    this.retryMs = options.retryMinMs;
  }

  /** Something local changed: push it (every round pushes what is new). */
  push(): void {
    this.wake();
  }

  /**
   * The central server changed these collections (or may have: 'all'). Its stream speaks, so it
   * is reachable again: a pending retry runs now.
   */
  pull(collections: PullRequest): void {
    if (collections === 'all') this.full = true;
    else for (const c of collections) this.pulls.add(c);
    this.retrying = false;
    this.wake();
  }

  /** Waits for the round under way, then runs a full one (tests, start-up). */
  async now(): Promise<void> {
    while (this.running) await this.running;
    this.full = true;
    await this.start();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private wake(): void {
    if (this.closed || this.retrying) return;
    if (this.running) this.again = true;
    else void this.start();
  }

  private start(): Promise<void> {
    clearTimeout(this.timer);
    this.retrying = false;
    const pull: PullRequest = this.full ? 'all' : [...this.pulls];
    this.full = false;
    this.pulls.clear();
    let failed = false;
    this.running = this.options
      .run(pull)
      .then(
        () => {
          this.retryMs = this.options.retryMinMs;
        },
        (error: unknown) => {
          // What failed is not known to have been pulled: the retry is a full round.
          this.full = true;
          failed = true;
          this.options.onError(error);
        },
      )
      .finally(() => {
        this.running = null;
        if (this.closed) return;
        if (failed) {
          // Requests meanwhile wait for the retry rather than hammering an unreachable server.
          this.again = false;
          this.retrying = true;
          this.timer = setTimeout(() => void this.start(), this.retryMs);
          this.retryMs = Math.min(this.retryMs * 2, this.options.retryMaxMs);
        } else if (this.again) {
          this.again = false;
          void this.start();
        } else {
          this.timer = setTimeout(() => this.pull('all'), this.options.safetyNetMs);
        }
      });
    return this.running;
  }
}
