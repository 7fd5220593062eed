/** A subscription that can be cancelled (tRPC's, an EventSource wrapper…). */
export interface Unsubscribable {
  unsubscribe(): void;
}

/** What one connection tells {@link keepOpen} about itself. */
export interface OpenSession {
  /** Something arrived: the next pause after a break starts again from the minimum. */
  alive(): void;
  /** This connection is over (refused, broken, ended, or its data was unusable): open another. */
  ended(error: unknown): void;
}

export interface KeepOpenOptions {
  /** Opens one connection; reports through `session`, possibly before it returns. */
  open(session: OpenSession): Unsubscribable;
  /** A connection ended (before the pause that precedes the next one). */
  onDown(error: unknown): void;
  /** The pause before reopening doubles from `minMs` up to `maxMs`. */
  minMs: number;
  maxMs: number;
  /** Runs `run` after `ms` (a timer, passed in); returns the way to cancel it. */
  schedule(run: () => void, ms: number): () => void;
}

/**
 * Keeps a live subscription open for as long as it is wanted: when a connection ends it is
 * dropped and another is opened after a pause that doubles from `minMs` to `maxMs`, back to
 * `minMs` once anything arrives. Only the current connection can schedule the next one: a late
 * end reported by an old connection is ignored. A connection that ends while it is being opened
 * (a refusal reported synchronously) is dropped as soon as `open` returns it. The till's live
 * stream and the branch hub's stream from the central server both stay open this way.
 */
export function keepOpen(options: KeepOpenOptions): { close(): void } {
  let closed = false;
  let delay = options.minMs;
  let cancelPause: (() => void) | null = null;
  let current: Unsubscribable | null = null;
  let generation = 0;

  function connect(): void {
    cancelPause = null;
    if (closed) return;
    const mine = ++generation;
    let ended = false;
    let opened: Unsubscribable | null = null;
    opened = options.open({
      alive() {
        if (mine === generation && !ended) delay = options.minMs;
      },
      ended(error) {
        if (closed || ended || mine !== generation) return;
        ended = true;
        opened?.unsubscribe();
        current = null;
        options.onDown(error);
        if (closed) return;
        const pause = delay;
        delay = Math.min(delay * 2, options.maxMs);
        cancelPause = options.schedule(connect, pause);
      },
    });
    // Ended before `open` returned: dropped here, once it can be.
    if (ended) opened.unsubscribe();
    else current = opened;
  }

  connect();
  return {
    close() {
      closed = true;
      cancelPause?.();
      cancelPause = null;
      current?.unsubscribe();
      current = null;
    },
  };
}
